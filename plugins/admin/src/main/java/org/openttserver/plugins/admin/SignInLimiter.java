package org.openttserver.plugins.admin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sign-in attempts within a sliding window: every attempt counts against its address, every
 * failure against the account name, so a flood from one address stops at once and a guesser
 * spread over addresses stops at the account's limit. Thread-safe.
 */
final class SignInLimiter {
  private final int perAddress;
  private final int perAccount;
  private final long windowMillis;
  private final LongSupplier clockMillis;
  private final Map<String, Deque<Long>> addresses = new ConcurrentHashMap<>();
  private final Map<String, Deque<Long>> accounts = new ConcurrentHashMap<>();

  SignInLimiter(int perAddress, int perAccount, long windowMillis, LongSupplier clockMillis) {
    this.perAddress = perAddress;
    this.perAccount = perAccount;
    this.windowMillis = windowMillis;
    this.clockMillis = clockMillis;
  }

  /** Counts an attempt; {@return false if the address or the account is over its limit} */
  boolean attempt(String address, String account) {
    long now = clockMillis.getAsLong();
    boolean accountOk = count(accounts, key(account), now) < perAccount;
    return add(addresses, address, now) <= perAddress && accountOk;
  }

  /** Counts a failed attempt against the account name. */
  void failed(String account) {
    add(accounts, key(account), clockMillis.getAsLong());
  }

  /** Forgets entries older than the window. */
  void purge() {
    long now = clockMillis.getAsLong();
    addresses.values().removeIf(d -> count(d, now) == 0);
    accounts.values().removeIf(d -> count(d, now) == 0);
  }

  private int add(Map<String, Deque<Long>> map, String key, long now) {
    Deque<Long> d = map.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      count(d, now);
      d.addLast(now);
      return d.size();
    }
  }

  private int count(Map<String, Deque<Long>> map, String key, long now) {
    Deque<Long> d = map.get(key);
    return d == null ? 0 : count(d, now);
  }

  private int count(Deque<Long> d, long now) {
    synchronized (d) {
      while (!d.isEmpty() && d.peekFirst() <= now - windowMillis) {
        d.removeFirst();
      }
      return d.size();
    }
  }

  private static String key(String account) {
    return account.toLowerCase(Locale.ROOT);
  }
}
