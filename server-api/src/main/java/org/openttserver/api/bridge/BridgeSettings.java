package org.openttserver.api.bridge;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the bridge sends its requests and how long it waits for replies.
 *
 * <p>Example: {@code new BridgeSettings(402001, 402000, Duration.ofSeconds(5))}, the channels of
 * the default configuration ({@link #defaults()}).
 *
 * @param databaseChannel the database role's control channel (DBSERVER_* requests)
 * @param stateServerChannel the state server's control channel (creates of live objects)
 * @param timeout how long a request waits for its reply before failing with {@link
 *     NoReplyException}
 * @since 0.2
 */
public record BridgeSettings(long databaseChannel, long stateServerChannel, Duration timeout) {
  /** The database channel of the default configuration. */
  public static final long DEFAULT_DATABASE_CHANNEL = 402001;
  /** The state server channel of the default configuration. */
  public static final long DEFAULT_STATE_SERVER_CHANNEL = 402000;
  /** The default reply timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Checks the settings. */
  public BridgeSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (databaseChannel == 0 || stateServerChannel == 0) {
      throw new IllegalArgumentException("channel 0 is not a channel");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** {@return 402001, 402000 and 5 seconds, as the default configuration} */
  public static BridgeSettings defaults() {
    return new BridgeSettings(DEFAULT_DATABASE_CHANNEL, DEFAULT_STATE_SERVER_CHANNEL,
        DEFAULT_TIMEOUT);
  }

  /**
   * {@return these settings with another timeout}
   *
   * @param newTimeout the timeout
   */
  public BridgeSettings withTimeout(Duration newTimeout) {
    return new BridgeSettings(databaseChannel, stateServerChannel, newTimeout);
  }
}
