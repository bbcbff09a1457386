package org.openttserver.runtime.clientagent;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.openttserver.api.msg.BootCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door's counters: connections in total, connections per address that have not logged
 * in, and new connections per address per second. Thread-safe (connections are accepted on every
 * event loop). An address's entries go away when it has no anonymous connection and its bucket
 * is full again, so a scan of many addresses does not grow the maps for good.
 */
final class ConnectionLimits {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLimits.class);
  /** Refusals of one address are logged at most this often. */
  static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  /** Buckets kept before the full (idle) ones are swept. */
  private static final int MAX_TRACKED = 10_000;

  /** Why a connection is refused. */
  record Refusal(int code, String reason) {}

  private final ClientAgentConfig.Limits config;
  private final int maxConnections;
  private final LongSupplier nanos;
  private final AtomicInteger total = new AtomicInteger();
  private final Map<InetAddress, Integer> anonymous = new ConcurrentHashMap<>();
  private final Map<InetAddress, Bucket> connects = new ConcurrentHashMap<>();
  private final Map<InetAddress, long[]> refusalLog = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong();
  private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

  ConnectionLimits(ClientAgentConfig.Limits config, LongSupplier nanos) {
    this(config, config.maxConnections(), nanos);
  }

  /**
   * Counters with a cap on connections lower than the configured one (the open-file limit's).
   *
   * @param config the limits
   * @param maxConnections connections at once, at most {@code config.maxConnections()}
   * @param nanos the clock
   */
  ConnectionLimits(ClientAgentConfig.Limits config, int maxConnections, LongSupplier nanos) {
    this.config = config;
    this.maxConnections = Math.min(maxConnections, config.maxConnections());
    this.nanos = nanos;
  }

  /** {@return connections admitted at once} */
  int maxConnections() {
    return maxConnections;
  }

  /**
   * Admits a new connection, counting it as anonymous, or says why not (and counts nothing).
   *
   * @param address the peer's address (null for non-IP sockets: only the total applies)
   * @return null if admitted
   */
  Refusal admit(InetAddress address) {
    return admit(address, () -> false);
  }

  /**
   * Admits a new connection, counting it as anonymous, or says why not (and counts nothing).
   *
   * @param address the peer's address (null for non-IP sockets: only the total applies)
   * @param makeRoom called when the server is full: true if it made another connection leave
   *     (that one is still counted until it has closed), and the new one is then admitted
   * @return null if admitted
   */
  Refusal admit(InetAddress address, BooleanSupplier makeRoom) {
    long now = nanos.getAsLong();
    Refusal r = check(address, now, makeRoom);
    if (r != null) {
      logRefusal(address, r, now);
    }
    return r;
  }

  private Refusal check(InetAddress address, long now, BooleanSupplier makeRoom) {
    int rate = config.connectsPerSecondPerAddress();
    // A whole LAN party behind one address may reconnect at once (after a restart).
    int burst = Math.max(rate, config.maxAnonymousPerAddress());
    long last = lastSweep.get();
    if (connects.size() > MAX_TRACKED && now - last > SWEEP_INTERVAL_NANOS
        && lastSweep.compareAndSet(last, now)) {
      // At most once a second: a scan from many addresses must not make every accept O(n).
      connects.values().removeIf(b -> b.isFull(now));
    }
    if (address != null && rate > 0) {
      Bucket b = connects.computeIfAbsent(address, a -> new Bucket(rate, burst, now));
      if (!b.tryAcquire(now)) {
        return new Refusal(BootCode.CONNECTING_TOO_FAST, "more than " + rate
            + " new connections per second from your address; wait a moment");
      }
    }
    if (address != null && !takeAnonymousSlot(address)) {
      return new Refusal(BootCode.TOO_MANY_CONNECTIONS, "more than "
          + config.maxAnonymousPerAddress() + " connections from your address have not "
          + "logged in");
    }
    if (total.incrementAndGet() > maxConnections && !makeRoom.getAsBoolean()) {
      total.decrementAndGet();
      releaseSlot(address);
      return new Refusal(BootCode.TOO_MANY_CONNECTIONS, "the server is full ("
          + maxConnections + " connections); try again later");
    }
    return null;
  }

  /** An admitted connection logged in: it no longer counts against its address. */
  void loggedIn(InetAddress address) {
    release(address);
  }

  /**
   * An admitted connection ended.
   *
   * @param address its address
   * @param wasAnonymous true if it never logged in
   */
  void closed(InetAddress address, boolean wasAnonymous) {
    total.decrementAndGet();
    if (wasAnonymous) {
      release(address);
    }
  }

  /** Counts one more anonymous connection of an address unless it is at the cap (atomic). */
  private boolean takeAnonymousSlot(InetAddress address) {
    boolean[] taken = new boolean[1];
    anonymous.compute(address, (a, n) -> {
      int count = n == null ? 0 : n;
      if (count >= config.maxAnonymousPerAddress()) {
        return n;
      }
      taken[0] = true;
      return count + 1;
    });
    return taken[0];
  }

  private void release(InetAddress address) {
    if (address == null) {
      return;
    }
    releaseSlot(address);
    long now = nanos.getAsLong();
    connects.computeIfPresent(address, (a, b) -> b.isFull(now) ? null : b);
  }

  private void releaseSlot(InetAddress address) {
    if (address != null) {
      // The entry goes away with the address's last anonymous connection, atomically with the
      // count, so a concurrent admission never counts on an entry that is being removed.
      anonymous.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** {@return the connections of an address that have not logged in} */
  int anonymousFrom(InetAddress address) {
    return anonymous.getOrDefault(address, 0);
  }

  /** {@return connections admitted and not yet closed} */
  int total() {
    return total.get();
  }

  /** {@return addresses with an anonymous connection or a non-full bucket; for tests} */
  int trackedAddresses() {
    return Math.max(anonymous.size(), connects.size());
  }

  private void logRefusal(InetAddress address, Refusal r, long now) {
    long[] entry = refusalLog.computeIfAbsent(address == null ? InetAddress.getLoopbackAddress()
        : address, a -> new long[] {now - LOG_INTERVAL_NANOS, 0});
    synchronized (entry) {
      entry[1]++;
      if (now - entry[0] < LOG_INTERVAL_NANOS) {
        return;
      }
      long count = entry[1];
      entry[0] = now;
      entry[1] = 0;
      log.warn("refusing connections from {} with code {}: {} ({} refused in the last {} s)",
          address == null ? "a non-IP peer" : address.getHostAddress(), r.code(), r.reason(),
          count, LOG_INTERVAL_NANOS / 1_000_000_000L);
    }
    if (refusalLog.size() > MAX_TRACKED && now - lastSweep.get() > SWEEP_INTERVAL_NANOS) {
      lastSweep.set(now);
      refusalLog.entrySet().removeIf(e -> now - e.getValue()[0] > LOG_INTERVAL_NANOS);
    }
  }

  /**
   * A token bucket of one address ({@code rate} a second, at most {@code burst} saved up);
   * synchronized because several event loops accept.
   */
  private static final class Bucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    Bucket(int rate, int burst, long now) {
      this.perNano = rate / 1e9;
      this.burst = burst;
      this.tokens = burst;
      this.last = now;
    }

    private void refill(long now) {
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
    }

    synchronized boolean tryAcquire(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }

    /** {@return true once the bucket has refilled completely (it can be dropped)} */
    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= burst;
    }
  }
}
