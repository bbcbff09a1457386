package org.openttserver.api.bridge;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.openttserver.api.cluster.ClusterParticipant;

/**
 * Counts the channels bridges watch, per participant, so that independent bridges over one
 * participant (two {@link AstronBridge#create} calls on it; bridges made with {@code
 * withSettings} share their root's watches and need no count) do not unsubscribe each other: a
 * participant's subscriptions are sets, and one unsubscribe removes a channel.
 */
final class Subscriptions {
  private static final Map<ClusterParticipant, Map<Long, Integer>> COUNTS = new WeakHashMap<>();

  private Subscriptions() {}

  static void subscribe(ClusterParticipant p, long channel) {
    synchronized (COUNTS) {
      if (COUNTS.computeIfAbsent(p, k -> new HashMap<>()).merge(channel, 1, Integer::sum) == 1) {
        p.subscribe(channel);
      }
    }
  }

  static void unsubscribe(ClusterParticipant p, long channel) {
    synchronized (COUNTS) {
      Map<Long, Integer> counts = COUNTS.get(p);
      Integer n = counts == null ? null : counts.get(channel);
      if (n == null) {
        return;
      }
      if (n > 1) {
        counts.put(channel, n - 1);
      } else {
        counts.remove(channel);
        p.unsubscribe(channel);
      }
    }
  }
}
