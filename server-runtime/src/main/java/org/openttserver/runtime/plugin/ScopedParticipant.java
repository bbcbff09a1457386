package org.openttserver.runtime.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.DatagramHandler;
import org.openttserver.api.cluster.Registration;

/**
 * A plugin's view of the shared extension participant: its handlers and subscriptions are
 * tracked so they go away with the plugin. Plugins share one link, so subscriptions are
 * reference-counted across plugins here (the director itself treats them as sets).
 */
final class ScopedParticipant implements ClusterParticipant {
  private final ClusterParticipant shared;
  private final ScopedRegistrations scope;
  private final SubscriptionCounts counts;

  ScopedParticipant(ClusterParticipant shared, ScopedRegistrations scope, SubscriptionCounts counts) {
    this.shared = shared;
    this.scope = scope;
    this.counts = counts;
    scope.track(this::releaseAll);
  }

  /** This plugin's own subscriptions: channel → how many times it subscribed. */
  private final Map<Long, Integer> mine = new HashMap<>();
  /** This plugin's ranges, as [low, high] pairs. */
  private final List<long[]> myRanges = new ArrayList<>();

  @Override
  public void send(Datagram datagram) {
    shared.send(datagram);
  }

  @Override
  public synchronized void subscribe(long channel) {
    mine.merge(channel, 1, Integer::sum);
    counts.subscribe(channel);
  }

  @Override
  public synchronized void unsubscribe(long channel) {
    Integer n = mine.get(channel);
    if (n == null) {
      return;
    }
    if (n == 1) {
      mine.remove(channel);
    } else {
      mine.put(channel, n - 1);
    }
    counts.unsubscribe(channel);
  }

  @Override
  public synchronized void subscribeRange(long low, long high) {
    myRanges.add(new long[] {low, high});
    shared.subscribeRange(low, high);
  }

  @Override
  public synchronized void unsubscribeRange(long low, long high) {
    if (myRanges.removeIf(r -> r[0] == low && r[1] == high)) {
      shared.unsubscribeRange(low, high);
      // The director also drops exact channels inside the range: restore the counted ones.
      counts.resubscribeInside(low, high);
    }
  }

  /** Removes everything this plugin subscribed (runs when it stops). */
  private synchronized void releaseAll() {
    for (long[] r : List.copyOf(myRanges)) {
      unsubscribeRange(r[0], r[1]);
    }
    for (Map.Entry<Long, Integer> e : Map.copyOf(mine).entrySet()) {
      for (int i = 0; i < e.getValue(); i++) {
        counts.unsubscribe(e.getKey());
      }
    }
    mine.clear();
  }

  @Override
  public void addPostRemove(long key, Datagram datagram) {
    shared.addPostRemove(key, datagram);
  }

  @Override
  public void clearPostRemoves(long key) {
    shared.clearPostRemoves(key);
  }

  @Override
  public Registration onMessage(int msgType, DatagramHandler handler) {
    return scope.track(shared.onMessage(msgType, handler));
  }

  @Override
  public long newContext() {
    return shared.newContext();
  }

  @Override
  public CompletableFuture<Datagram> request(Datagram request, int replyType, long context,
      Duration timeout) {
    return shared.request(request, replyType, context, timeout);
  }

  @Override
  public CompletableFuture<Datagram> expect(int msgType, Predicate<Datagram> match,
      Duration timeout) {
    return shared.expect(msgType, match, timeout);
  }

  @Override
  public Executor executor() {
    return shared.executor();
  }

  /** Reference counts of the channels plugins subscribed on the shared participant. */
  static final class SubscriptionCounts {
    private final ClusterParticipant shared;
    private final Map<Long, Integer> counts = new HashMap<>();

    SubscriptionCounts(ClusterParticipant shared) {
      this.shared = shared;
    }

    /** Marks a channel the runtime itself keeps subscribed, so plugins never drop it. */
    synchronized void pin(long channel) {
      counts.merge(channel, 1, Integer::sum);
    }

    synchronized void subscribe(long channel) {
      if (counts.merge(channel, 1, Integer::sum) == 1) {
        shared.subscribe(channel);
      }
    }

    /** Subscribes again every counted channel inside a range the director just dropped. */
    synchronized void resubscribeInside(long low, long high) {
      for (Long c : counts.keySet()) {
        if (Long.compareUnsigned(c, low) >= 0 && Long.compareUnsigned(c, high) <= 0) {
          shared.subscribe(c);
        }
      }
    }

    synchronized void unsubscribe(long channel) {
      Integer n = counts.get(channel);
      if (n == null) {
        return;
      }
      if (n == 1) {
        counts.remove(channel);
        shared.unsubscribe(channel);
      } else {
        counts.put(channel, n - 1);
      }
    }
  }
}
