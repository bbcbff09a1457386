package org.openttserver.testclient;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Thrown when a receive finds that the peer has closed the connection. */
public final class LinkClosedException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was being done
   */
  public LinkClosedException(String message) {
    super(message, new IOException(message));
  }
}
