package org.openttserver.plugins.login;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failures per key (an account name or an address) in a sliding time window; a key with
 * {@code max} failures inside the window is blocked until the oldest one leaves it.
 */
final class FailureLimiter {
  private final int max;
  private final long windowMillis;
  private final LongSupplier clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  FailureLimiter(int max, long windowMillis, LongSupplier clock) {
    this.max = max;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  /** {@return true if the key may try again now} */
  boolean allowed(String key) {
    Deque<Long> q = failures.get(key);
    if (q == null) {
      return true;
    }
    synchronized (q) {
      prune(q, clock.getAsLong());
      return q.size() < max;
    }
  }

  /** Records one failure of the key. */
  void failed(String key) {
    Deque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (q) {
      long now = clock.getAsLong();
      prune(q, now);
      q.addLast(now);
    }
  }

  /** Forgets keys with no failure left in the window (call now and then). */
  void purge() {
    long now = clock.getAsLong();
    failures.values().removeIf(q -> {
      synchronized (q) {
        prune(q, now);
        return q.isEmpty();
      }
    });
  }

  private void prune(Deque<Long> q, long now) {
    while (!q.isEmpty() && q.peekFirst() <= now - windowMillis) {
      q.removeFirst();
    }
  }
}
