package org.openttserver.api.bridge;

/**
 * The database answered that the object does not exist (or is not an object the request can
 * apply to).
 *
 * <p>Example: {@code db.getAll(doId).handle((o, e) -> e == null ? Optional.of(o)
 * : BridgeException.unwrap(e) instanceof NoSuchObjectException ? Optional.empty() : rethrow(e))}
 * (other failures, such as {@link NoReplyException}, are not a missing object).
 *
 * @since 0.2
 */
public final class NoSuchObjectException extends BridgeException {
  private static final long serialVersionUID = 1L;

  private final long doId;

  /**
   * Creates the exception.
   *
   * @param doId the object asked for
   * @param message what was asked
   */
  public NoSuchObjectException(long doId, String message) {
    super(message, null);
    this.doId = doId;
  }

  /** {@return the doId asked for} */
  public long doId() {
    return doId;
  }
}
