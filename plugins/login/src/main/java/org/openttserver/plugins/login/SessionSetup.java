package org.openttserver.plugins.login;

import java.util.Map;

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

  SessionSetup(ClientControl clients, Accounts accounts) {
    this(clients, accounts, Map.of());
  }

  /**
   * Sets sessions up, giving the named accounts their configured access levels.
   *
   * @param clients client-agent commands
   * @param accounts the accounts
   * @param accessLevels account name → access level ({@code plugins.login.access_levels})
   */
  SessionSetup(ClientControl clients, Accounts accounts, Map<String, Integer> accessLevels) {
    this.clients = clients;
    this.accounts = accounts;
    Map<String, Integer> byName = new java.util.HashMap<>();
    // Account names are case-insensitive, as the login's name index is.
    accessLevels.forEach((name, level) -> byName.put(name.toLowerCase(java.util.Locale.ROOT),
        level));
    this.accessLevels = Map.copyOf(byName);
  }

  private final Map<String, Integer> accessLevels;

  /** Logs the session in to the account. */
  void establish(ClientSession session, Account account) {
    long acc = account.doId();
    Integer level = accessLevels.get(account.name().toLowerCase(java.util.Locale.ROOT));
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
    session.setClientId(Channels.clientId(acc, 0));
    session.authenticate(acc, account.name());
    session.set(CHAT, account.chatPermission());
    accounts.recordLogin(account);
  }
}
