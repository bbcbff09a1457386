package org.openttserver.api.bridge;

/**
 * Why a bridge operation failed on the cluster side. Futures of {@link AstronBridge} operations
 * fail with one of its subclasses (wrapped in a {@link java.util.concurrent.CompletionException}
 * when seen through {@code join()}); wrong arguments are refused earlier, at the call, with
 * {@link IllegalArgumentException}.
 *
 * <p>Example: {@code db.getAll(doId).exceptionally(e -> e.getCause() instanceof
 * NoSuchObjectException ? null : rethrow(e))}.
 *
 * @since 0.2
 */
public abstract sealed class BridgeException extends RuntimeException
    permits NoReplyException, RefusedException, NoSuchObjectException,
    MalformedReplyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was asked and what went wrong, one line
   * @param cause the underlying failure, or null
   */
  protected BridgeException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
