package org.openttserver.api.bridge;

/**
 * A role answered, but the bridge could not decode the answer: it was cut short, named a class
 * or field the bridge's DC files lack (the cluster loaded other DC files), or was about another
 * object than the one asked for. The cause, when there is one, is the decoding error ({@link
 * org.openttserver.api.datagram.DatagramFormatException} or {@link
 * org.openttserver.api.dc.DcValueException}).
 *
 * <p>Example: {@code db.getAll(doId).exceptionally(e -> { if (e.getCause() instanceof
 * MalformedReplyException) log.error("check the cluster's DC files", e); return null; })}.
 *
 * @since 0.2
 */
public final class MalformedReplyException extends BridgeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was asked and what was wrong with the reply
   * @param cause the decoding error, or null
   */
  public MalformedReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
