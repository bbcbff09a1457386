package org.openttserver.api.cluster;

/**
 * Completes a request future whose reply did not come in time.
 *
 * @since 0.1
 */
public final class RequestTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was asked and how long it waited
   */
  public RequestTimeoutException(String message) {
    super(message, null, false, false);
  }
}
