package org.openttserver.api.bridge;

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
}
