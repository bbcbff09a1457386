package org.openttserver.runtime.clientagent;

/** A token bucket: {@code rate} tokens a second, at most {@code burst} saved up. Not thread-safe. */
final class RateLimiter {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  RateLimiter(int rate, int burst) {
    this.perNano = rate / 1e9;
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
    this.last = System.nanoTime();
  }

  /** {@return true if one more message is allowed now} */
  boolean tryAcquire(long now) {
    if (perNano <= 0) {
      return true;
    }
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
