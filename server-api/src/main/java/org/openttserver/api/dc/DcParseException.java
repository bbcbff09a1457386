package org.openttserver.api.dc;

/**
 * A DC file is malformed. The message is one line: {@code file:line:column: what was expected}.
 *
 * @since 0.1
 */
public final class DcParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;

  /**
   * Creates the exception.
   *
   * @param source the file name
   * @param line 1-based line
   * @param column 1-based column
   * @param what what was expected or wrong
   */
  public DcParseException(String source, int line, int column, String what) {
    super(source + ":" + line + ":" + column + ": " + what);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** {@return the file name} */
  public String source() {
    return source;
  }

  /** {@return the 1-based line} */
  public int line() {
    return line;
  }

  /** {@return the 1-based column} */
  public int column() {
    return column;
  }
}
