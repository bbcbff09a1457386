package org.openttserver.api.session;

/**
 * Thrown by a handler (or completing its stage) to eject the client with a specific boot code.
 *
 * @since 0.1
 */
public final class ClientProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;

  /**
   * Creates the exception.
   *
   * @param code the {@link org.openttserver.api.msg.BootCode} sent in GO_GET_LOST
   * @param reason the reason, logged and sent to the client
   */
  public ClientProtocolException(int code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  /** {@return the boot code} */
  public int code() {
    return code;
  }
}
