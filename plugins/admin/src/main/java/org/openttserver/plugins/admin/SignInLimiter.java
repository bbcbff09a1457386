package org.openttserver.plugins.admin;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sign-in attempts within a sliding window, counted by address group (an IPv4 address, an IPv6
 * /64): every attempt counts against its address; every failure against the pair of account name
 * and address, and against the account name from any address. A flood from one address stops at
 * once; a guesser at one account stops at the pair's limit; a guesser spread over addresses stops
 * at the account-wide limit ({@value #ACCOUNT_WIDE_FACTOR} times the pair's). An address that has
 * signed in to an account (in the last {@value #KNOWN_DAYS} days) is not held by the account-wide
 * limit, so nobody can lock an administrator out of the address they use. Thread-safe.
 */
final class SignInLimiter {
  /** How many times the pair limit the account-wide failure limit is. */
  static final int ACCOUNT_WIDE_FACTOR = 4;
  /** How long an address that signed in to an account is known to it. */
  static final int KNOWN_DAYS = 30;

  private final int perAddress;
  private final int perAccount;
  private final long windowMillis;
  private final LongSupplier clockMillis;
  private final Map<String, Deque<Long>> addresses = new ConcurrentHashMap<>();
  private final Map<String, Deque<Long>> pairs = new ConcurrentHashMap<>();
  private final Map<String, Deque<Long>> accounts = new ConcurrentHashMap<>();
  private final Map<String, Long> known = new ConcurrentHashMap<>();

  SignInLimiter(int perAddress, int perAccount, long windowMillis, LongSupplier clockMillis) {
    this.perAddress = perAddress;
    this.perAccount = perAccount;
    this.windowMillis = windowMillis;
    this.clockMillis = clockMillis;
  }

  /** Counts an attempt; {@return false if the address or the account is over its limit} */
  boolean attempt(String group, String account) {
    long now = clockMillis.getAsLong();
    boolean accountOk = count(pairs, pair(group, account), now) < perAccount
        && (isKnown(group, account, now)
            || count(accounts, key(account), now) < perAccount * ACCOUNT_WIDE_FACTOR);
    return add(addresses, group, now) <= perAddress && accountOk;
  }

  /** Counts a failed attempt against the account name, from this address and from any. */
  void failed(String group, String account) {
    long now = clockMillis.getAsLong();
    add(pairs, pair(group, account), now);
    add(accounts, key(account), now);
  }

  /** Remembers that this address signed in to the account. */
  void succeeded(String group, String account) {
    known.put(pair(group, account), clockMillis.getAsLong());
  }

  /** Forgets entries older than the window, and addresses unused for {@value #KNOWN_DAYS} days. */
  void purge() {
    long now = clockMillis.getAsLong();
    addresses.values().removeIf(d -> count(d, now) == 0);
    pairs.values().removeIf(d -> count(d, now) == 0);
    accounts.values().removeIf(d -> count(d, now) == 0);
    known.values().removeIf(t -> now - t >= KNOWN_DAYS * 86_400_000L);
  }

  /**
   * {@return the group an address counts in: an IPv4 address itself (an IPv4-mapped IPv6 address
   * as that IPv4 address), an IPv6 address as its /64 network}, as the game's front door counts.
   */
  static String group(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    try {
      if (isV4Mapped(b)) {
        return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]})
            .getHostAddress();
      }
      if (address.isLoopbackAddress()) {
        return address.getHostAddress();
      }
      byte[] network = new byte[16];
      System.arraycopy(b, 0, network, 0, 8);
      return Inet6Address.getByAddress(network).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      return address.getHostAddress(); // 4 or 16 bytes are always a valid address
    }
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }

  private boolean isKnown(String group, String account, long now) {
    Long t = known.get(pair(group, account));
    return t != null && now - t < KNOWN_DAYS * 86_400_000L;
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

  private static String pair(String group, String account) {
    return key(account) + "\n" + group;
  }

  private static String key(String account) {
    return account.toLowerCase(Locale.ROOT);
  }
}
