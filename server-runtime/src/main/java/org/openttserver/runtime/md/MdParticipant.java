package org.openttserver.runtime.md;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openttserver.api.cluster.Datagram;

/**
 * What the message director knows of one participant: its subscriptions, its post-removes and how
 * to deliver to it. Subscription state is guarded by the director's routing lock.
 */
public abstract class MdParticipant {
  final Set<Long> channels = new HashSet<>();
  final RangeSet ranges = new RangeSet();
  private final Map<Long, List<Datagram>> postRemoves = new LinkedHashMap<>();
  private volatile String name;
  /** The director this participant is attached to (set by {@link MessageDirector#add}). */
  volatile MessageDirector director;

  /**
   * Creates a participant; attach it with {@link MessageDirector#add}.
   *
   * @param name for logs
   */
  protected MdParticipant(String name) {
    this.name = name;
  }

  /** {@return the name used in logs} */
  public String name() {
    return name;
  }

  /**
   * Renames the participant in logs.
   *
   * @param name the name
   */
  public void setName(String name) {
    this.name = name;
  }

  boolean isSubscribed(long channel) {
    return channels.contains(channel) || ranges.contains(channel);
  }

  /**
   * Whether a channel asked for with {@link MessageDirector#subscribeAfterRoute} is still wanted,
   * and whether one given to {@link MessageDirector#unsubscribeUnlessWanted} must stay. Called
   * under the director's write lock, so it must not block or call the director.
   *
   * @param channel the channel
   * @return true by default
   */
  protected boolean stillWants(long channel) {
    return true;
  }

  /**
   * Whether {@link #deliver} only queues the datagram on a {@link SerialExecutor} (after any
   * bookkeeping it must do at once), so that a thread {@linkplain SerialExecutor#hold holding}
   * its submissions may hand it over later with the rest of a read.
   *
   * @return false by default
   */
  protected boolean deliversToSerialExecutor() {
    return false;
  }

  /**
   * Delivers a routed datagram; called on the sender's thread, must not block.
   *
   * @param datagram the datagram
   */
  protected abstract void deliver(Datagram datagram);

  /**
   * Stores a post-remove.
   *
   * @param key the bundle
   * @param datagram routed when this participant leaves
   */
  public void addPostRemove(long key, Datagram datagram) {
    // Stored and relayed under one monitor (the relay only queues): upstream sees the adds in
    // the order they are stored, and none after the director has taken them as this leaves.
    synchronized (this) {
      postRemoves.computeIfAbsent(key, k -> new ArrayList<>()).add(datagram);
      MessageDirector md = director;
      if (md != null) {
        md.postRemoveAdded(key, datagram);
      }
    }
  }

  /**
   * Forgets a bundle of post-removes.
   *
   * @param key the bundle
   */
  public void clearPostRemoves(long key) {
    synchronized (this) {
      postRemoves.remove(key);
      MessageDirector md = director;
      if (md != null) {
        md.postRemovesCleared(key);
      }
    }
  }

  /** Takes every post-remove by key, keys in insertion order, datagrams in insertion order. */
  synchronized Map<Long, List<Datagram>> takePostRemoveBundles() {
    Map<Long, List<Datagram>> all = new LinkedHashMap<>(postRemoves);
    postRemoves.clear();
    return all;
  }

  @Override
  public String toString() {
    return name;
  }
}
