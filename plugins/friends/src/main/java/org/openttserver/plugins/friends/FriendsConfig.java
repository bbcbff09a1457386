package org.openttserver.plugins.friends;

/**
 * The {@code plugins.friends} section of the configuration (keys in snake_case). Every key is
 * optional.
 *
 * @param writeThroughTimeoutMs how long a change of a toon in the world waits for the DB-state
 *     server to write the new list to the database before the change fails (default 10000; the
 *     change is then finished from the journal before the pair's next change, by a background
 *     retry, or at the next start)
 * @param secretLifetimeHours how long a secret-friend code is valid (default 24)
 * @param secretsPerDay how many codes one toon may ask for in any 24 hours (default 20)
 * @param declinedForSeconds after an invitee says no, how long the same inviter's next
 *     invitation is answered "said no" at once (default 60)
 */
public record FriendsConfig(Long writeThroughTimeoutMs, Long secretLifetimeHours,
    Integer secretsPerDay, Long declinedForSeconds) {
  /** Fills in defaults and checks the values. */
  public FriendsConfig {
    writeThroughTimeoutMs = writeThroughTimeoutMs != null ? writeThroughTimeoutMs : 10_000L;
    secretLifetimeHours = secretLifetimeHours != null ? secretLifetimeHours : 24L;
    secretsPerDay = secretsPerDay != null ? secretsPerDay : 20;
    declinedForSeconds = declinedForSeconds != null ? declinedForSeconds : 60L;
    if (writeThroughTimeoutMs <= 0) {
      throw new IllegalArgumentException("plugins.friends.write_through_timeout_ms must be > 0");
    }
    if (secretLifetimeHours <= 0 || secretLifetimeHours > 8760) {
      throw new IllegalArgumentException("plugins.friends.secret_lifetime_hours must be from 1"
          + " to 8760 (a year)");
    }
    if (secretsPerDay < 0) {
      throw new IllegalArgumentException("plugins.friends.secrets_per_day must be >= 0 (0: no"
          + " secret friends)");
    }
    if (declinedForSeconds < 0) {
      throw new IllegalArgumentException("plugins.friends.declined_for_seconds must be >= 0");
    }
  }

  /** {@return the invitation settings} */
  Invitations.Settings invitations() {
    return new Invitations.Settings(java.time.Duration.ofHours(secretLifetimeHours),
        secretsPerDay, java.time.Duration.ofSeconds(declinedForSeconds));
  }
}
