package org.openttserver.api.datagram;

/**
 * Thrown when bytes from the network do not have the layout a reader expects: a read past the
 * end, a length prefix larger than what is left, or bytes left over where none may be.
 *
 * <p>It is the one exception every decoder in the project throws for malformed input. It carries
 * no stack trace, so a flood of bad datagrams costs no more than the datagrams themselves.
 *
 * @since 0.1
 */
public final class DatagramFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, for one log line (no attacker-controlled text of unbounded
   *     length)
   */
  public DatagramFormatException(String message) {
    super(message, null, false, false);
  }
}
