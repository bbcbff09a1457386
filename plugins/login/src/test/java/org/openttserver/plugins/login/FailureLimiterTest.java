package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {
  private final AtomicLong now = new AtomicLong(0);
  private final FailureLimiter limiter = new FailureLimiter(3, 1000, now::get);

  @Test
  void allowed_whenFewerFailuresThanMax_thenTrue() {
    limiter.failed("a");
    limiter.failed("a");
    assertThat(limiter.allowed("a")).isTrue();
  }

  @Test
  void allowed_whenMaxFailuresInWindow_thenFalse() {
    for (int i = 0; i < 3; i++) {
      limiter.failed("a");
    }
    assertThat(limiter.allowed("a")).isFalse();
    assertThat(limiter.allowed("b")).isTrue();
  }

  @Test
  void allowed_whenOldestFailureLeavesWindow_thenTrueAgain() {
    limiter.failed("a");
    now.set(500);
    limiter.failed("a");
    limiter.failed("a");
    now.set(1000);
    assertThat(limiter.allowed("a")).isTrue();
  }

  @Test
  void purge_whenWindowPassed_thenKeyForgotten() {
    limiter.failed("a");
    now.set(5000);
    limiter.purge();
    assertThat(limiter.allowed("a")).isTrue();
  }
}
