package org.openttserver.plugins.login;

import java.util.concurrent.CompletableFuture;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.plugin.PluginMetrics;
import org.openttserver.api.session.ClientSession;
import org.slf4j.Logger;

/** The checks and refusals both login messages share; each refusal is one log line. */
final class LoginChecks {
  private final LoginConfig config;
  private final long clientDcHash;
  private final Accounts accounts;
  private final Logger log;
  /** Logins answered, by result ("ok", "failed") and code (0, or the boot or LOGIN_RESP code). */
  private final PluginMetrics.Counter logins;

  LoginChecks(LoginConfig config, long clientDcHash, Accounts accounts, Logger log,
      PluginMetrics metrics) {
    this.logins = metrics.counter("logins", "Logins answered, by result and code (0 for a "
        + "success, else the GO_GET_LOST boot code or the LOGIN_RESP code)", "result", "code");
    this.config = config;
    this.clientDcHash = clientDcHash;
    this.accounts = accounts;
    this.log = log;
  }

  /** {@return true if version and DC hash match; otherwise the client was ejected} */
  boolean versionAndHash(ClientSession session, String version, long dcHash) {
    if (!config.serverVersion().equals(version)) {
      eject(session, BootCode.BAD_VERSION, "client version '" + printable(version)
          + "' does not match the server's '" + config.serverVersion() + "'");
      return false;
    }
    if (dcHash != clientDcHash) {
      eject(session, BootCode.BAD_DC_HASH, "client DC hash " + dcHash
          + " does not match the server's " + clientDcHash + " (a different toon.dc?)");
      return false;
    }
    return true;
  }

  /** Ejects with code 122 and returns null, for "nothing to wait for". */
  <T> T refuse(ClientSession session, String reason) {
    refuseNow(session, reason);
    return null;
  }

  /** Ejects with code 122. */
  void refuseNow(ClientSession session, String reason) {
    eject(session, BootCode.ACCOUNT_ERROR, reason);
  }

  /** {@return true if the account is banned now; the client was then ejected with 151} */
  boolean banned(ClientSession session, Account a) {
    if (!a.bannedAt(accounts.nowSeconds())) {
      return false;
    }
    String until = a.banState() == Account.BAN_PERMANENT ? "" : " (until "
        + java.time.Instant.ofEpochSecond(a.banExpiry()) + ")";
    eject(session, BootCode.ADMIN_KICK, "account " + a.name() + " is banned" + until + ": "
        + a.banReason());
    return true;
  }

  /** Logs a failed account look-up and ejects with 122; for {@code exceptionally}. */
  Void unavailable(ClientSession session, String what, Throwable e) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
        ? e.getCause() : e;
    if (cause instanceof Accounts.CreationLimited) {
      if (session.isConnected()) {
        eject(session, BootCode.ACCOUNT_ERROR, "too many new accounts from this address; "
            + "try again later");
      }
      return null;
    }
    log.warn("login: {} from {} failed: {}", what, session.remoteAddress(), cause.toString());
    if (session.isConnected()) {
      failed(BootCode.ACCOUNT_ERROR);
      session.eject(BootCode.ACCOUNT_ERROR, "the account service is not available right now");
    }
    return null;
  }

  /** Counts a login that succeeded. */
  void succeeded() {
    logins.inc("ok", "0");
  }

  /** Counts a login refused with a code. @param code the boot or LOGIN_RESP code */
  void failed(int code) {
    logins.inc("failed", Integer.toString(code));
  }

  private void eject(ClientSession session, int code, String reason) {
    failed(code);
    log.info("login: refused {} with {}: {}", session.remoteAddress(), code, reason);
    session.eject(code, reason);
  }

  static CompletableFuture<Void> none() {
    return CompletableFuture.completedFuture(null);
  }

  /** {@return attacker-supplied text made safe for one log line: cut to 64 chars, no controls} */
  static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
