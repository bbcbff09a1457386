package org.openttserver.plugins.login;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.SetSecurity;
import org.openttserver.api.session.ClientSession;
import org.slf4j.Logger;

/**
 * CLIENT_LOGIN_2 (16): play token (type 2) or blue code (type 3); version and DC-hash checks;
 * on success LOGIN_2_RESP (17) with every field the client reads. Failures are GO_GET_LOST with a
 * reason, because a non-zero LOGIN_2_RESP code makes the client exit without a message.
 */
final class LoginHandlers {
  static final int TOKEN_PLAY = 2;
  static final int TOKEN_BLUE = 3;
  private static final int MAX_STRING = 1024;

  private final LoginChecks checks;
  private final Accounts accounts;
  private final PlayTokens tokens;
  private final SessionSetup setup;
  private final LoginConfig config;
  private final Logger log;
  /** The extension's executor: results are applied there, in order with the session's state. */
  private final Executor executor;

  LoginHandlers(LoginChecks checks, Accounts accounts, PlayTokens tokens, SessionSetup setup,
      LoginConfig config, Logger log, Executor executor) {
    this.executor = executor;
    this.checks = checks;
    this.accounts = accounts;
    this.tokens = tokens;
    this.setup = setup;
    this.config = config;
    this.log = log;
  }

  /**
   * Refuses a string longer than a login message needs, as a malformed message (code 109).
   *
   * @param s the decoded string
   * @param maxBytes the largest accepted byte count (one byte per character on the wire)
   * @return {@code s}
   */
  static String limited(String s, int maxBytes) {
    int n = s.length();
    if (n > maxBytes) {
      throw new DatagramFormatException("string of " + n + " bytes, at most " + maxBytes
          + " allowed");
    }
    return s;
  }

  /** Handles CLIENT_LOGIN_2. */
  CompletionStage<?> login2(ClientSession session, Login2 msg) {
    String token = limited(msg.token(), MAX_STRING).strip();
    String version = limited(msg.serverVersion(), MAX_STRING);
    long dcHash = msg.dcHash();
    int tokenType = msg.tokenType();
    if (!checks.versionAndHash(session, version, dcHash)) {
      return null;
    }
    CompletableFuture<Optional<Account>> found = resolve(session, token, tokenType);
    if (found == null) {
      return null;
    }
    return found.thenAcceptAsync(a -> finish(session, a, token), executor)
        .exceptionally(e -> checks.unavailable(session, "LOGIN_2", e));
  }

  private CompletableFuture<Optional<Account>> resolve(ClientSession session, String token,
      int tokenType) {
    if (tokenType == TOKEN_BLUE) {
      String name = config.blueCodes().get(token);
      if (name == null) {
        return checks.refuse(session, "unknown blue code");
      }
      return accounts.byNameOrCreate(name);
    }
    if (tokenType != TOKEN_PLAY) {
      return checks.refuse(session, "token type " + tokenType + " is not accepted");
    }
    PlayTokens.Redemption r = tokens.redeem(token);
    switch (r.status()) {
      case VALID: return accounts.byId(r.accountId());
      case EXPIRED: return checks.refuse(session, "play token expired; log in again");
      case REPLAYED: return checks.refuse(session, "play token already used");
      default: return unknownToken(session, token);
    }
  }

  private CompletableFuture<Optional<Account>> unknownToken(ClientSession session, String token) {
    if (!config.acceptUnknownTokens()) {
      return checks.refuse(session, "unknown play token");
    }
    if (config.unknownTokensFromLoopbackOnly() && !isLoopback(session.remoteAddress())) {
      return checks.refuse(session, "unknown play token (this server takes made-up play tokens "
          + "only from its own machine; log in through the account server)");
    }
    String problem = accounts.nameProblem(token);
    if (problem != null) {
      return checks.refuse(session, "play token is not a usable account name: " + problem);
    }
    // Only accounts without a password may be entered by name alone: an account made with a
    // password (account server, old-style LOGIN) needs it.
    // New accounts made this way count against the address's creation limit, as on create.php.
    return accounts.byNameOrCreate(token, session.remoteAddress())
        .thenApply(o -> o.filter(a -> a.passwordHash().isEmpty()));
  }

  /** {@return true for a loopback IP literal (127.0.0.0/8, ::1); never resolves names} */
  static boolean isLoopback(String address) {
    // IP literals only (an IPv4 dotted quad, or IPv6 with its colons): a host name is never looked
    // up, so a client agent reporting "face.cafe" is not loopback.
    boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = address.indexOf(':') >= 0 && address.matches("[0-9a-fA-F:.%]+");
    if (!ipv4 && !ipv6) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(address).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private void finish(ClientSession session, Optional<Account> found, String token) {
    if (!session.isConnected()) {
      return;
    }
    if (found.isEmpty()) {
      checks.refuseNow(session, "no account for this token (or the account needs its password)");
      return;
    }
    Account a = found.get();
    if (checks.banned(session, a)) {
      return;
    }
    if (!setup.establish(session, a)) {
      return;
    }
    checks.succeeded();
    session.set(SessionSetup.TOKEN, token);
    long now = System.currentTimeMillis();
    session.send(new Login2Resp(0, "", a.name(), a.secretChatAllowed(), now / 1000,
        (now % 1000) * 1000, a.paid(), OptionalInt.of(-1)));
    log.info("login: {} (account {}) logged in from {} with LOGIN_2", a.name(), a.doId(),
        session.remoteAddress());
  }

  /** Handles CLIENT_SET_SECURITY: the token must be this session's; the chat flag is reread. */
  CompletionStage<?> setSecurity(ClientSession session, SetSecurity msg) {
    String token = limited(msg.token(), MAX_STRING).strip();
    boolean same = session.get(SessionSetup.TOKEN).map(token::equals).orElse(false);
    if (!session.isAuthenticated() || !same) {
      session.eject(BootCode.CHAT_AUTH_ERROR, "SET_SECURITY with a token this session did not"
          + " log in with");
      return null;
    }
    return accounts.byId(session.accountId()).thenAcceptAsync(a -> a.ifPresent(acct -> {
      session.set(SessionSetup.CHAT, acct.chatPermission());
      log.info("login: {} re-validated; chat permission {}", acct.name(), acct.chatPermission());
    }), executor).exceptionally(e -> checks.unavailable(session, "SET_SECURITY", e));
  }
}
