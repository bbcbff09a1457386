package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.RequestTimeoutException;

/** The helpers callers of bridge futures share: unwrapping, and the no-reply mapping. */
class BridgeFailuresTest {
  @Test
  void unwrap_whenWrappedOrNot_thenTheInnermostFailure() {
    RefusedException refused = new RefusedException("no");
    CompletionException empty = new CompletionException("bare", null);

    assertThat(BridgeException.unwrap(refused)).isSameAs(refused);
    assertThat(BridgeException.unwrap(new CompletionException(refused))).isSameAs(refused);
    assertThat(BridgeException.unwrap(new CompletionException(new ExecutionException(refused))))
        .isSameAs(refused);
    assertThat(BridgeException.unwrap(empty)).isSameAs(empty);
  }

  @Test
  void noReplyOf_whenTimeoutOtherOrAlreadyNoReply_thenMappedOnce() {
    NoReplyException already = new NoReplyException("asked: gone", null);

    NoReplyException timedOut = NoReplyException.of(new CompletionException(
        new RequestTimeoutException("t")), "add interest 5", "CLIENTAGENT_DONE_INTEREST_RESP",
        Duration.ofMillis(1500));
    NoReplyException closed = NoReplyException.of(new IllegalStateException("closed"), "get",
        "X", Duration.ofSeconds(1));

    assertThat(timedOut).hasMessage("add interest 5: no CLIENTAGENT_DONE_INTEREST_RESP within "
        + "1500 ms").hasCauseInstanceOf(RequestTimeoutException.class);
    assertThat(closed).hasMessage("get: closed");
    assertThat(NoReplyException.of(new CompletionException(already), "x", "Y",
        Duration.ofSeconds(1))).isSameAs(already);
  }
}
