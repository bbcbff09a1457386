package org.openttserver.runtime.database;

/** The object store failed (I/O, a corrupt file, a newer schema). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying error, or null
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
