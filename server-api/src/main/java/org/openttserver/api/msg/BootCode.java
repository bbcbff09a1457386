package org.openttserver.api.msg;

/**
 * Reason codes carried in {@link ClientMsg#GO_GET_LOST} and {@link
 * AstronMsg#CLIENTAGENT_EJECT}.
 *
 * <p>The 2003 client shows its own text for a few codes and a generic "error code N" text for the
 * rest; the reason string the server sends is only logged by the client.
 *
 * @since 0.1
 */
public final class BootCode {
  private BootCode() {}

  /** The client shows "An unexpected problem has occurred". */
  public static final int GENERIC = 1;
  /** Someone else logged in with this account. */
  public static final int RELOGIN = 100;
  /** A datagram was too large or had bytes left over (Astron's code). */
  public static final int OVERSIZED_DATAGRAM = 106;
  /** A message type the server does not accept (Astron's code). */
  public static final int INVALID_MSGTYPE = 108;
  /** A datagram ended too early (Astron's code). */
  public static final int TRUNCATED_DATAGRAM = 109;
  /** A message not allowed before login (Astron's code). */
  public static final int ANONYMOUS_VIOLATION = 113;
  /** An update for an object the client cannot see (Astron's code). */
  public static final int MISSING_OBJECT = 117;
  /** An update for a field the client may not send (Astron's code). */
  public static final int FORBIDDEN_FIELD = 118;
  /** A problem with the authorization to use keyboard chat. */
  public static final int CHAT_AUTH_ERROR = 120;
  /** The client shows "unexpected problem logging you in, contact customer support". */
  public static final int ACCOUNT_ERROR = 122;
  /** The client's version is not the one the server expects (Astron's code). */
  public static final int BAD_VERSION = 124;
  /** The client's DC hash is not the one the server expects (Astron's code). */
  public static final int BAD_DC_HASH = 125;
  /** A field value broke its type's constraints (Astron's code). */
  public static final int FIELD_CONSTRAINT = 127;
  /** Logged out by an administrator. */
  public static final int ADMIN_KICK = 151;
  /** The district was reset; the client's session object was deleted. */
  public static final int SESSION_OBJECT_DELETED = 153;
  /** The server is shutting down or lost its game logic (this project's code). */
  public static final int SERVER_MAINTENANCE = 154;
  /** No heartbeat within the configured time (Astron's code). */
  public static final int NO_HEARTBEAT = 345;
  /** The client sent messages faster than allowed (this project's code). */
  public static final int RATE_LIMITED = 346;
  /** The client did not read what was sent to it in time (Astron's code). */
  public static final int NETWORK_WRITE_ERROR = 347;
  /**
   * The client did not log in within the client agent's login deadline (this project's code;
   * the 2003 client shows "an unexpected problem (error code 350)" and offers to reconnect).
   *
   * @since 0.2
   */
  public static final int LOGIN_TIMEOUT = 350;
  /**
   * Too many connections: the server's total, or those of one address not logged in yet (this
   * project's code).
   *
   * @since 0.2
   */
  public static final int TOO_MANY_CONNECTIONS = 351;
  /**
   * The address opened new connections faster than allowed (this project's code).
   *
   * @since 0.2
   */
  public static final int CONNECTING_TOO_FAST = 352;
  /**
   * A district was asked for (CLIENT_SET_SHARD) while none is running (this project's code).
   *
   * @since 0.3
   */
  public static final int NO_DISTRICT = 353;
  /**
   * A game message came out of order: CLIENT_SET_SHARD before an avatar was chosen, or
   * CLIENT_SET_ZONE before a district was entered (this project's code).
   *
   * @since 0.3
   */
  public static final int NOT_IN_GAME = 354;
  /**
   * CLIENT_SET_ZONE named a zone the avatar may not enter: not in the loaded DNA, not granted to
   * it (another player's estate) (this project's code).
   *
   * @since 0.3
   */
  public static final int ZONE_FORBIDDEN = 355;
}
