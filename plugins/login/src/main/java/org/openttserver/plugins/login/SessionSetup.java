package org.openttserver.plugins.login;

import org.openttserver.api.bridge.ClientControl;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;

/**
 * Turns a checked account into a logged-in session, in the order the client agent needs: eject
 * any other login of the account (its account channel), open that channel for this client, set
 * the client id {@code acc << 32}, mark the session established. The caller then sends the login
 * reply, which thereby arrives after the client is established.
 */
final class SessionSetup {
  /** The play token a session logged in with (SET_SECURITY re-sends it). */
  static final SessionKey<String> TOKEN = SessionKey.of("login.token", String.class);
  /** The chat permission last confirmed for the session. */
  static final SessionKey<Integer> CHAT = SessionKey.of("login.chat", Integer.class);

  private final ClientControl clients;
  private final Accounts accounts;

  private final AccessLevels accessLevels;
  private final LoginLog logins;

  /**
   * Sets sessions up, giving the accounts the operator names their access levels.
   *
   * @param clients client-agent commands
   * @param accounts the accounts
   * @param accessLevels the levels of {@code plugins.login.access_levels} and the grants file
   * @param logins where each login is recorded
   */
  SessionSetup(ClientControl clients, Accounts accounts, AccessLevels accessLevels,
      LoginLog logins) {
    this.clients = clients;
    this.accounts = accounts;
    this.accessLevels = accessLevels;
    this.logins = logins;
  }

  /**
   * Logs the session in to the account, unless a ban came after the account was read (the
   * session is then ejected with 151).
   *
   * @return false if the session was refused for a ban made while it logged in
   */
  boolean establish(ClientSession session, Account account) {
    long acc = account.doId();
    Integer level = accessLevels.level(account.name(), account.creationTime());
    if (level != null && level != account.accessLevel()) {
      // The configuration names this account's access level (magic words, moderation).
      accounts.setAccessLevel(account, level);
    }
    boolean again = session.isAuthenticated() && session.accountId() == acc;
    if (session.isAuthenticated() && !again) {
      session.closeChannel(Channels.account(session.accountId()));
    }
    if (!again) {
      clients.eject(Channels.account(acc), BootCode.RELOGIN,
          "someone else logged in to account " + account.name());
      session.openChannel(Channels.account(acc));
    }
    // A ban's kick goes to the account channel: one made before the channel was open is seen here.
    String banned = accounts.recentBan(acc);
    if (banned != null) {
      session.closeChannel(Channels.account(acc));
      session.eject(BootCode.ADMIN_KICK, "account " + account.name() + " is banned: " + banned);
      return false;
    }
    session.setClientId(Channels.clientId(acc, 0));
    session.authenticate(acc, account.name());
    session.set(CHAT, account.chatPermission());
    accounts.recordLogin(account);
    logins.add(acc, account.name(), session.remoteAddress());
    return true;
  }
}
