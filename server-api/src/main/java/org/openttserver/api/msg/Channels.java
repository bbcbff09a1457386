package org.openttserver.api.msg;

/**
 * Channel numbers and the channel arithmetic Astron uses.
 *
 * <p>Channels are u64 values held in a {@code long}. Parents must be doIds of 1000 or more: the
 * location channels of parents 1 and 2 would collide with {@link #parentPrefix} and {@link
 * #databasePrefix}.
 *
 * @since 0.1
 */
public final class Channels {
  private Channels() {}

  /** Not a channel. */
  public static final long INVALID = 0;
  /** The message director's control channel: datagrams addressed to it alone are control messages. */
  public static final long CONTROL = 1;
  /** Every client of every client agent. */
  public static final long ALL_CLIENTS = 10;
  /** Every state server (and database-state server) control role. */
  public static final long ALL_STATE_SERVERS = 12;
  /** Every database role. */
  public static final long ALL_DATABASES = 13;
  /** The highest reserved channel; roles may not use 1–999. */
  public static final long MAX_RESERVED = 999;
  /** The extension server that owns 2003-client logic (this project's convention). */
  public static final long DEFAULT_EXTENSION = 5536;

  /**
   * The location channel of a zone: where objects in it announce entries and broadcast updates.
   *
   * @param parent the parent doId
   * @param zone the zone
   * @return {@code parent << 32 | zone}
   */
  public static long location(long parent, long zone) {
    return (parent & 0xFFFF_FFFFL) << 32 | (zone & 0xFFFF_FFFFL);
  }

  /**
   * The channel that reaches every child of a parent.
   *
   * @param parent the parent doId
   * @return {@code 1 << 32 | parent}
   */
  public static long parentPrefix(long parent) {
    return 1L << 32 | (parent & 0xFFFF_FFFFL);
  }

  /**
   * The channel on which the database broadcasts changes of an object.
   *
   * @param doId the object
   * @return {@code 2 << 32 | doId}
   */
  public static long databasePrefix(long doId) {
    return 2L << 32 | (doId & 0xFFFF_FFFFL);
  }

  /**
   * The account channel (OTP convention), used to eject an earlier login of the same account.
   *
   * @param accountId the account doId
   * @return {@code 1003 << 32 | accountId}
   */
  public static long account(long accountId) {
    return 1003L << 32 | (accountId & 0xFFFF_FFFFL);
  }

  /**
   * The channel of a playing avatar (OTP convention).
   *
   * @param avatarId the avatar doId
   * @return {@code 1001 << 32 | avatarId}
   */
  public static long avatar(long avatarId) {
    return 1001L << 32 | (avatarId & 0xFFFF_FFFFL);
  }

  /**
   * A client's sender id (OTP convention).
   *
   * @param accountId the account doId
   * @param avatarId the avatar doId, 0 before one is chosen
   * @return {@code accountId << 32 | avatarId}
   */
  public static long clientId(long accountId, long avatarId) {
    return (accountId & 0xFFFF_FFFFL) << 32 | (avatarId & 0xFFFF_FFFFL);
  }

  /**
   * Tells whether a channel is reserved for the cluster's own use.
   *
   * @param channel the channel
   * @return true for 1–999
   */
  public static boolean isReserved(long channel) {
    return channel >= 1 && channel <= MAX_RESERVED;
  }
}
