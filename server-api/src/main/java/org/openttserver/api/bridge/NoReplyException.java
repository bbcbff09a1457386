package org.openttserver.api.bridge;

import java.time.Duration;
import org.openttserver.api.cluster.RequestTimeoutException;

/**
 * No reply came within the bridge's timeout ({@link BridgeSettings#timeout()}), or the
 * participant closed while waiting.
 *
 * <p>Astron's roles stay silent for some requests they cannot serve: a state-server query to a
 * doId no state server holds, an activation query outside every DBSS range. Those end here too.
 *
 * <p>Example: {@code live.getAll(doId).whenComplete((o, e) -> { if (e != null && e.getCause()
 * instanceof NoReplyException) retryLater(); })}.
 *
 * @since 0.2
 */
public final class NoReplyException extends BridgeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was asked and how long it waited
   * @param cause the participant's timeout, or null
   */
  public NoReplyException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Maps the failure of a wait for a reply: a {@code NoReplyException} stays as it is, a
   * participant's {@link RequestTimeoutException} becomes "no {@code awaited} within N ms", and
   * anything else (the participant closed) keeps its message; wrappers are taken off first
   * ({@link BridgeException#unwrap}).
   *
   * <p>Example: {@code participant.expect(type, match, timeout).exceptionallyCompose(e ->
   * CompletableFuture.failedFuture(NoReplyException.of(e, "add interest 5",
   * "CLIENTAGENT_DONE_INTEREST_RESP", timeout)))}.
   *
   * @param failure what the wait failed with
   * @param what what was asked, to start the message
   * @param awaited the message type waited for
   * @param timeout how long it waited
   * @return the exception
   * @since 0.2
   */
  public static NoReplyException of(Throwable failure, String what, String awaited,
      Duration timeout) {
    Throwable cause = unwrap(failure);
    if (cause instanceof NoReplyException n) {
      return n;
    }
    String why = cause instanceof RequestTimeoutException ? "no " + awaited + " within "
        + timeout.toMillis() + " ms" : cause.getMessage();
    return new NoReplyException(what + ": " + why, cause);
  }
}
