package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openttserver.plugins.login.PlayTokens.Status;

class PlayTokensTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final PlayTokens tokens = new PlayTokens(300_000, now::get);

  @Test
  void redeem_whenFresh_thenValidForItsAccount() {
    String t = tokens.issue(42);
    assertThat(tokens.redeem(t)).isEqualTo(new PlayTokens.Redemption(Status.VALID, 42));
  }

  @Test
  void issue_whenCalled_thenTokensAreRandomUrlSafe43Chars() {
    String a = tokens.issue(1);
    String b = tokens.issue(1);
    assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
  }

  @Test
  void redeem_whenUsedTwice_thenReplayed() {
    String t = tokens.issue(42);
    tokens.redeem(t);
    assertThat(tokens.redeem(t).status()).isEqualTo(Status.REPLAYED);
  }

  @Test
  void redeem_whenPastTtl_thenExpired() {
    String t = tokens.issue(42);
    now.addAndGet(300_000);
    assertThat(tokens.redeem(t).status()).isEqualTo(Status.EXPIRED);
  }

  @Test
  void redeem_whenExpiredAndPurged_thenStillExpiredNotUnknown() {
    String t = tokens.issue(42);
    now.addAndGet(300_001);
    tokens.purge();
    assertThat(tokens.redeem(t).status()).isEqualTo(Status.EXPIRED);
  }

  @Test
  void redeem_whenNeverIssued_thenUnknown() {
    assertThat(tokens.redeem("nope").status()).isEqualTo(Status.UNKNOWN);
  }
}
