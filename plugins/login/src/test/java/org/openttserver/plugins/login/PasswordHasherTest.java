package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(1024, 1);

  @Test
  void hash_whenCalled_thenArgon2idPhcStringWithoutTheClearPassword() {
    String h = hasher.hash("secret-pw");
    assertThat(h).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain("secret-pw");
  }

  @Test
  void hash_whenSamePasswordTwice_thenDifferentSalts() {
    assertThat(hasher.hash("secret-pw")).isNotEqualTo(hasher.hash("secret-pw"));
  }

  @Test
  void verify_whenRightPassword_thenTrue() {
    assertThat(hasher.verify("secret-pw", hasher.hash("secret-pw"))).isTrue();
  }

  @Test
  void verify_whenWrongPassword_thenFalse() {
    assertThat(hasher.verify("secret-px", hasher.hash("secret-pw"))).isFalse();
  }

  @Test
  void verify_whenHashEmptyOrMalformed_thenFalse() {
    assertThat(hasher.verify("x", "")).isFalse();
    assertThat(hasher.verify("x", "$argon2id$garbage")).isFalse();
    assertThat(hasher.verify("x", null)).isFalse();
  }

  @Test
  void hashAsync_whenGivenThreads_thenHashingAndCheckingRunThereAndAgree() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    AtomicInteger tasks = new AtomicInteger();
    try {
      PasswordHasher onPool = new PasswordHasher(1024, 1, r -> {
        tasks.incrementAndGet();
        pool.execute(r);
      });
      String stored = onPool.hashAsync("secret-pw").get(10, TimeUnit.SECONDS);
      assertThat(onPool.verifyAsync("secret-pw", stored).get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(onPool.verifyAsync("wrong-pw", stored).get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(tasks).hasValue(3);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void hashAsync_whenTheQueueIsFull_thenBusyInsteadOfQueueing() {
    PasswordHasher refusing = new PasswordHasher(1024, 1, r -> {
      throw new java.util.concurrent.RejectedExecutionException("full");
    });
    assertThat(refusing.hashAsync("secret-pw")).failsWithin(1, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(PasswordHasher.Busy.class);
    assertThat(refusing.verifyAsync("secret-pw", "$argon2id$x")).isCompletedExceptionally();
  }
}
