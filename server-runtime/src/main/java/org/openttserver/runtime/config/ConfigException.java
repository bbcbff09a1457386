package org.openttserver.runtime.config;

/** A configuration problem, described in one line naming the file, the key and the fix. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the one line
   */
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
