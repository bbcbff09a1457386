package org.openttserver.plugins.login;

/**
 * One account: the fields of the DC class {@code OpenTTAccount}, plus its doId.
 *
 * @param doId the database object id (also the account id sessions carry)
 * @param name the account name as created (lookups ignore case)
 * @param passwordHash see {@link PasswordHasher} for the format
 * @param accessLevel 0 = player
 * @param paid whether the account is paid
 * @param chatPermission 0 speedchat only, 1 secret friends, 2 open chat
 * @param banState 0 none, 1 until {@code banExpiry}, 2 for good
 * @param banReason shown in logs and sent with the boot
 * @param banExpiry seconds since the epoch
 * @param creationTime seconds since the epoch
 * @param lastLoginTime seconds since the epoch
 */
public record Account(long doId, String name, String passwordHash, int accessLevel, boolean paid,
    int chatPermission, int banState, String banReason, long banExpiry, long creationTime,
    long lastLoginTime) {

  /** No ban. */
  public static final int BAN_NONE = 0;
  /** Banned until the expiry time. */
  public static final int BAN_TEMPORARY = 1;
  /** Banned for good. */
  public static final int BAN_PERMANENT = 2;

  /**
   * Whether the account is banned at a given time.
   *
   * @param nowSeconds the time
   * @return true if a login must be refused
   */
  public boolean bannedAt(long nowSeconds) {
    return banState == BAN_PERMANENT || banState == BAN_TEMPORARY && banExpiry > nowSeconds;
  }

  /** {@return true if a temporary ban has run out but is still recorded} */
  public boolean banExpiredAt(long nowSeconds) {
    return banState == BAN_TEMPORARY && banExpiry <= nowSeconds;
  }

  /** {@return whether the client may use secret-friends chat} */
  public boolean secretChatAllowed() {
    return chatPermission >= 1;
  }

  /** {@return this account with a new doId} */
  Account withDoId(long id) {
    return new Account(id, name, passwordHash, accessLevel, paid, chatPermission, banState,
        banReason, banExpiry, creationTime, lastLoginTime);
  }
}
