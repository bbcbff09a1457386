package org.openttserver.plugins.login;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Play tokens from the account server: 32 random bytes (URL-safe base64), bound to one account,
 * valid for a configured time and redeemable once. Redeemed tokens are remembered until they
 * would have expired, so a replay is told apart from an unknown token.
 */
final class PlayTokens {
  /** What redeeming a token gave. */
  enum Status { VALID, EXPIRED, REPLAYED, UNKNOWN }

  /**
   * The outcome of {@link #redeem}.
   *
   * @param status what happened
   * @param accountId the account, when valid
   */
  record Redemption(Status status, long accountId) {}

  private record Entry(long accountId, long expiresAt) {}

  private record Dead(Status status, long forgetAt) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Entry> live = new ConcurrentHashMap<>();
  private final Map<String, Dead> dead = new ConcurrentHashMap<>();
  private final long ttlMillis;
  private final LongSupplier clock;

  PlayTokens(long ttlMillis, LongSupplier clock) {
    this.ttlMillis = ttlMillis;
    this.clock = clock;
  }

  /** {@return a new token for the account} */
  String issue(long accountId) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    live.put(token, new Entry(accountId, clock.getAsLong() + ttlMillis));
    return token;
  }

  /** Redeems a token; a valid one cannot be redeemed again. */
  Redemption redeem(String token) {
    Entry e = live.remove(token);
    long now = clock.getAsLong();
    if (e == null) {
      Dead d = dead.get(token);
      return new Redemption(d == null ? Status.UNKNOWN : d.status(), 0);
    }
    if (e.expiresAt() <= now) {
      dead.put(token, new Dead(Status.EXPIRED, now + ttlMillis));
      return new Redemption(Status.EXPIRED, 0);
    }
    dead.put(token, new Dead(Status.REPLAYED, e.expiresAt() + ttlMillis));
    return new Redemption(Status.VALID, e.accountId());
  }

  /**
   * Forgets old tokens (call now and then). An expired token is still reported as expired for
   * one more lifetime, so it is never mistaken for an unknown one at once.
   */
  void purge() {
    long now = clock.getAsLong();
    live.entrySet().removeIf(en -> {
      if (en.getValue().expiresAt() > now) {
        return false;
      }
      dead.put(en.getKey(), new Dead(Status.EXPIRED, now + ttlMillis));
      return true;
    });
    dead.values().removeIf(d -> d.forgetAt() <= now);
  }
}
