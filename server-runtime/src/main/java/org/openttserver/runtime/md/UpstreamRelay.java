package org.openttserver.runtime.md;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.msg.AstronMsg;

/**
 * What a downstream {@link MessageDirector} tells the director it is connected to (its
 * upstream), with the rules of Astron's downstream message director:
 *
 * <ul>
 *   <li>An exact channel is asked for (ADD_CHANNEL) when its first local exact subscriber
 *       subscribes, and given up (REMOVE_CHANNEL) when its last one unsubscribes; ranges do not
 *       count here, so a channel inside someone's range is still asked for.
 *   <li>A range is asked for (ADD_RANGE, the whole range as subscribed) unless other local
 *       participants' ranges already cover all of it.
 *   <li>Unsubscribing a range gives up (REMOVE_RANGE) the parts no other local participant's
 *       range covers, clipped to the span of all local range subscriptions: one REMOVE_RANGE per
 *       such part, gaps between subscriptions included. The participant's exact channels inside
 *       the range are dropped locally without a REMOVE_CHANNEL.
 *   <li>Every datagram a local participant sends goes up, whether or not anything local
 *       subscribes; a datagram from upstream never goes back up.
 *   <li>A post-remove a local participant adds is also added upstream under the same key
 *       (ADD_POST_REMOVE), so it fires if this whole node goes away; clearing a key clears it
 *       upstream too. When a participant leaves, each key's datagrams are routed (and so go up)
 *       and then the key is cleared upstream.
 * </ul>
 *
 * <p>One addition to Astron's rules: giving up a range upstream also drops this node's exact
 * channels inside it there (REMOVE_RANGE drops a link's exact channels inside the range, in
 * Astron's director and in ours). Exact channels that still have local subscribers inside a range
 * given up are therefore asked for again right after the REMOVE_RANGE, where Astron would leave
 * them unrouted.
 *
 * <p>Called by the director under its subscription write lock; sends only queue datagrams.
 */
public final class UpstreamRelay {
  private final Consumer<Datagram> upstream;

  /**
   * Creates a relay.
   *
   * @param upstream queues a datagram (control message or routed datagram) on the upstream
   *     link, in call order, without blocking
   */
  public UpstreamRelay(Consumer<Datagram> upstream) {
    this.upstream = upstream;
  }

  /**
   * A datagram a local participant sent (or the director routed itself): it goes up.
   *
   * @param d the datagram
   */
  void forward(Datagram d) {
    upstream.accept(d);
  }

  /** The first local exact subscriber of {@code channel} subscribed. */
  void channelAdded(long channel) {
    upstream.accept(Datagram.of(Datagram.controlHeader(AstronMsg.CONTROL_ADD_CHANNEL)
        .channel(channel)));
  }

  /** The last local exact subscriber of {@code channel} unsubscribed. */
  void channelRemoved(long channel) {
    upstream.accept(Datagram.of(Datagram.controlHeader(AstronMsg.CONTROL_REMOVE_CHANNEL)
        .channel(channel)));
  }

  /**
   * A participant subscribes a range: asks for it unless the others' ranges cover it all.
   *
   * @param p the participant
   * @param lo first channel
   * @param hi last channel
   * @param holders every participant holding ranges (p may be among them)
   */
  void rangeAdding(MdParticipant p, long lo, long hi, Collection<MdParticipant> holders) {
    if (Long.compareUnsigned(lo, hi) > 0) {
      return;
    }
    RangeSet uncovered = new RangeSet();
    uncovered.add(lo, hi);
    removeOthersRanges(uncovered, p, holders);
    if (!uncovered.isEmpty()) {
      upstream.accept(Datagram.of(Datagram.controlHeader(AstronMsg.CONTROL_ADD_RANGE)
          .channel(lo).channel(hi)));
    }
  }

  /**
   * A participant is about to unsubscribe a range (its subscriptions not yet changed): {@return
   * the parts that go silent}, to be passed to {@link #rangeRemoved} once the director has
   * applied the unsubscription.
   *
   * @param p the participant
   * @param lo first channel
   * @param hi last channel
   * @param holders every participant holding ranges (p may be among them)
   */
  long[][] rangeRemoving(MdParticipant p, long lo, long hi, Collection<MdParticipant> holders) {
    long min = 0;
    long max = 0;
    boolean any = false;
    for (MdParticipant o : holders) {
      for (long[] r : o.ranges.toArray()) {
        if (!any || Long.compareUnsigned(r[0], min) < 0) {
          min = r[0];
        }
        if (!any || Long.compareUnsigned(r[1], max) > 0) {
          max = r[1];
        }
        any = true;
      }
    }
    if (!any) {
      return new long[0][];
    }
    long clo = Long.compareUnsigned(lo, min) > 0 ? lo : min;
    long chi = Long.compareUnsigned(hi, max) < 0 ? hi : max;
    RangeSet silent = new RangeSet();
    silent.add(clo, chi); // nothing when the clipped range is empty
    removeOthersRanges(silent, p, holders);
    return silent.toArray();
  }

  /** Takes out of {@code set} what the ranges of holders other than {@code p} cover. */
  private static void removeOthersRanges(RangeSet set, MdParticipant p,
      Collection<MdParticipant> holders) {
    for (MdParticipant o : holders) {
      if (o != p) {
        for (long[] r : o.ranges.toArray()) {
          set.remove(r[0], r[1]);
        }
      }
    }
  }

  /**
   * The unsubscription {@link #rangeRemoving} looked at is done: gives up the silent parts, then
   * asks again for exact channels inside them that still have local subscribers.
   *
   * @param silent what {@link #rangeRemoving} returned
   * @param exactChannels the channels with local exact subscribers now
   */
  void rangeRemoved(long[][] silent, Set<Long> exactChannels) {
    for (long[] r : silent) {
      upstream.accept(Datagram.of(Datagram.controlHeader(AstronMsg.CONTROL_REMOVE_RANGE)
          .channel(r[0]).channel(r[1])));
    }
    if (silent.length == 0 || exactChannels.isEmpty()) {
      return;
    }
    RangeSet gone = new RangeSet();
    for (long[] r : silent) {
      gone.add(r[0], r[1]);
    }
    List<Long> again = exactChannels.stream().filter(gone::contains)
        .sorted(Long::compareUnsigned).toList();
    again.forEach(this::channelAdded);
  }

  /**
   * A local participant added a post-remove: it is added upstream too.
   *
   * @param key the bundle
   * @param d the datagram
   */
  void postRemoveAdded(long key, Datagram d) {
    upstream.accept(Datagram.of(Datagram.controlHeader(AstronMsg.CONTROL_ADD_POST_REMOVE)
        .channel(key).blob(d.body())));
  }

  /**
   * A local participant cleared a bundle, or left after its bundle was routed: cleared upstream.
   *
   * @param key the bundle
   */
  void postRemovesCleared(long key) {
    upstream.accept(Datagram.of(Datagram.controlHeader(AstronMsg.CONTROL_CLEAR_POST_REMOVES)
        .channel(key)));
  }
}
