package org.openttserver.api.dna;

/**
 * A DNA file that cannot be read: the message is one line, {@code file:line: what is wrong}.
 *
 * @since 0.2
 */
public final class DnaParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param source the file's name
   * @param line the 1-based line
   * @param message what is wrong
   */
  public DnaParseException(String source, int line, String message) {
    super(source + ":" + line + ": " + message);
  }
}
