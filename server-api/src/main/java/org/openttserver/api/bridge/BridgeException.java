package org.openttserver.api.bridge;

/**
 * Why a bridge operation failed on the cluster side. Futures of {@link AstronBridge} operations
 * fail with one of its subclasses (wrapped in a {@link java.util.concurrent.CompletionException}
 * when seen through {@code join()}); wrong arguments are refused earlier, at the call, with
 * {@link IllegalArgumentException}.
 *
 * <p>Example: {@code db.getAll(doId).exceptionally(e -> BridgeException.unwrap(e) instanceof
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

  /**
   * The failure inside the wrappers futures add: the cause of a {@link
   * java.util.concurrent.CompletionException} or {@link java.util.concurrent.ExecutionException},
   * layer by layer. A callback of {@code handle} or {@code exceptionally} gets the failure
   * wrapped or not depending on the stage it is attached to; this gives the same answer for both.
   *
   * <p>Example: {@code f.handle((v, e) -> e == null ? Optional.of(v) : BridgeException.unwrap(e)
   * instanceof NoSuchObjectException ? Optional.empty() : rethrow(e))}.
   *
   * @param failure what a future failed with
   * @return the innermost wrapped failure, or {@code failure} if it is not a wrapper (or a
   *     wrapper without a cause)
   * @since 0.2
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
