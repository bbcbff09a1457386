package org.openttserver.examples.motd;

// tag::config-record[]
/**
 * The {@code plugins.motd} section of the server's configuration. Keys are snake_case
 * ({@code delay_ms}); a missing key gets its default here, an unknown one stops start-up with a
 * line naming it.
 *
 * @param text the message shown when a toon enters the game
 * @param delayMs how long after entering the message comes, in milliseconds
 */
public record MotdConfig(String text, Long delayMs) {
  /** Fills in defaults and checks the values. */
  public MotdConfig {
    text = text != null ? text : "Welcome to Toontown!";
    delayMs = delayMs != null ? delayMs : 0L;
    if (delayMs < 0) {
      throw new IllegalArgumentException("delay_ms must not be negative: " + delayMs);
    }
  }
}
// end::config-record[]
