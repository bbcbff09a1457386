package org.openttserver.plugins.friends;

/**
 * The {@code plugins.friends} section of the configuration (keys in snake_case). Every key is
 * optional.
 *
 * @param writeThroughTimeoutMs how long a change of a toon in the world waits for the DB-state
 *     server to write the new list to the database before the change fails (default 10000; the
 *     change is then finished from the journal at the next start)
 */
public record FriendsConfig(Long writeThroughTimeoutMs) {
  /** Fills in defaults and checks the values. */
  public FriendsConfig {
    writeThroughTimeoutMs = writeThroughTimeoutMs != null ? writeThroughTimeoutMs : 10_000L;
    if (writeThroughTimeoutMs <= 0) {
      throw new IllegalArgumentException("plugins.friends.write_through_timeout_ms must be > 0");
    }
  }
}
