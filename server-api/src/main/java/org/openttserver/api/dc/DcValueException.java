package org.openttserver.api.dc;

/**
 * Bytes from the network do not hold a valid value for a DC field. It is the only exception the
 * unpackers throw for bad bytes, and it carries no stack trace.
 *
 * @since 0.1
 */
public final class DcValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What was wrong, with the boot code a 2003 client agent sends for it. */
  public enum Kind {
    /** The bytes ended inside a value. */
    TRUNCATED(109),
    /** Bytes were left over after the last value. */
    TRAILING_BYTES(106),
    /** A value broke a rule: an array byte count not a multiple of its element size, an unknown field. */
    CONSTRAINT(127);

    private final int bootCode;

    Kind(int bootCode) {
      this.bootCode = bootCode;
    }

    /** {@return the CLIENT_GO_GET_LOST reason code for this kind of error} */
    public int bootCode() {
      return bootCode;
    }
  }

  private final Kind kind;

  /**
   * Creates the exception.
   *
   * @param kind what was wrong
   * @param message one line, with no unbounded attacker-controlled text
   */
  public DcValueException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** {@return what was wrong} */
  public Kind kind() {
    return kind;
  }
}
