package org.openttserver.plugins.login;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.openttserver.api.protocol.Login;
import org.openttserver.api.protocol.LoginResp;
import org.openttserver.api.session.ClientSession;
import org.openttserver.plugins.login.Accounts.Checked;
import org.slf4j.Logger;

/**
 * CLIENT_LOGIN (1), the clear-text name and password of {@code account-old-auth} clients, with
 * the create flag of their create-account screen. Answers LOGIN_RESP (2): 0 ok, 12 bad password
 * or name taken, 14 bad name, 129 unknown name.
 */
final class OldLoginHandler {
  static final int OK = 0;
  static final int BAD_PASSWORD = 12;
  static final int NAME_TAKEN = 12;
  static final int BAD_NAME = 14;
  static final int UNKNOWN_NAME = 129;
  private static final int MAX_STRING = 256;

  private final LoginChecks checks;
  private final Accounts accounts;
  private final SessionSetup setup;
  private final LoginConfig config;
  private final Logger log;
  /** The extension's executor: results are applied there, in order with the session's state. */
  private final Executor executor;

  OldLoginHandler(LoginChecks checks, Accounts accounts, SessionSetup setup, LoginConfig config,
      Logger log, Executor executor) {
    this.executor = executor;
    this.checks = checks;
    this.accounts = accounts;
    this.setup = setup;
    this.config = config;
    this.log = log;
  }

  /** Handles CLIENT_LOGIN. */
  CompletionStage<?> login(ClientSession session, Login msg) {
    String name = LoginHandlers.limited(msg.loginName(), MAX_STRING).strip();
    String version = LoginHandlers.limited(msg.serverVersion(), MAX_STRING);
    long dcHash = msg.dcHash();
    String password = LoginHandlers.limited(msg.password(), MAX_STRING);
    boolean create = msg.createAccount();
    if (!checks.versionAndHash(session, version, dcHash)) {
      return null;
    }
    CompletionStage<Void> work = create ? create(session, name, password)
        : check(session, name, password);
    return work.exceptionally(e -> checks.unavailable(session, "LOGIN", e));
  }

  private CompletionStage<Void> create(ClientSession session, String name, String password) {
    if (!config.constants().allowNewAccounts()) {
      checks.refuseNow(session, "this server does not accept new accounts");
      return LoginChecks.none();
    }
    if (accounts.passwordProblem(password) != null) {
      checks.refuseNow(session, accounts.passwordProblem(password));
      return LoginChecks.none();
    }
    return accounts.create(name, password, session.remoteAddress()).thenAcceptAsync(r -> {
      switch (r.status()) {
        case OK -> success(session, r.account(), "created");
        case TAKEN -> reply(session, NAME_TAKEN, "account name taken", name);
        // The create screen has no "try later" code: say so in the boot reason instead.
        case LIMITED -> checks.refuseNow(session, "too many new accounts from this address; "
            + "try again later");
        default -> reply(session, BAD_NAME, "bad account name", name);
      }
    }, executor);
  }

  private CompletionStage<Void> check(ClientSession session, String name, String password) {
    return accounts.authenticate(name, password, session.remoteAddress()).thenAcceptAsync(r -> {
      if (!session.isConnected()) {
        return;
      }
      if (r.status() == Checked.OK) {
        if (!checks.banned(session, r.account())) {
          success(session, r.account(), "logged in");
        }
      } else if (r.status() == Checked.UNKNOWN) {
        reply(session, UNKNOWN_NAME, "unknown account name", name);
      } else if (r.status() == Checked.LIMITED) {
        reply(session, BAD_PASSWORD, "too many failed attempts; wait and try again", name);
      } else {
        reply(session, BAD_PASSWORD, "bad password", name);
      }
    }, executor);
  }

  private void success(ClientSession session, Account a, String what) {
    if (!session.isConnected()) {
      return;
    }
    if (!setup.establish(session, a)) {
      return;
    }
    checks.succeeded();
    sendResp(session, OK, a.doId(), "");
    log.info("login: {} (account {}) {} from {} with LOGIN", a.name(), a.doId(), what,
        session.remoteAddress());
  }

  private void reply(ClientSession session, int code, String reason, String name) {
    checks.failed(code);
    log.info("login: LOGIN of '{}' from {} answered {}: {}", LoginChecks.printable(name),
        session.remoteAddress(), code,
        reason);
    sendResp(session, code, 0, reason);
  }

  private static void sendResp(ClientSession session, int code, long accountCode, String error) {
    long now = System.currentTimeMillis();
    session.send(new LoginResp(code, accountCode, error, now / 1000, (now % 1000) * 1000));
  }
}
