package org.openttserver.api.bridge;

/**
 * The role answered, and the answer was a failure: the database refused a create (unknown
 * class, no doId left), a state server refused a field query (a field the object's class
 * lacks).
 *
 * <p>Example: {@code db.create(cls, values).exceptionally(e -> { log.warn("not created: {}",
 * e.getCause().getMessage()); return 0L; })}.
 *
 * @since 0.2
 */
public final class RefusedException extends BridgeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was refused
   */
  public RefusedException(String message) {
    super(message, null);
  }
}
