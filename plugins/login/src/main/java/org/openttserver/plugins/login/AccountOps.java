package org.openttserver.plugins.login;

import java.util.concurrent.CompletableFuture;
import org.openttserver.plugins.login.Accounts.Checked;
import org.openttserver.plugins.login.FormRequest.BadRequest;

/**
 * The account server's operations ({@code POST /<op>.php}), each answering in the format the
 * 2003 client parses. Parent ("secrets") passwords are not kept separately: the account password
 * serves as the parent password.
 */
final class AccountOps {
  private final Accounts accounts;
  private final PlayTokens tokens;
  private final LoginConfig config;

  AccountOps(Accounts accounts, PlayTokens tokens, LoginConfig config) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.config = config;
  }

  /** Runs an operation by its page name ({@code play}, {@code create}, …). */
  CompletableFuture<AccountReply> run(String op, FormRequest req) throws BadRequest {
    switch (op) {
      case "play": return play(req);
      case "create": return create(req);
      case "authDelete": return checked(req, "p", AccountReply.RESPONSE, false);
      case "authenticateChat": return checked(req, "p", AccountReply.RESPONSE, true);
      case "setChat": return setChat(req);
      case "get": return get(req);
      case "purchase": return purchase(req);
      case "forgotPw": return notSupported("Password reminders are not available on this server;"
          + " ask its operator to reset your password.");
      case "setSecrets": return notSupported("This server has no separate parent password: your"
          + " account password is the parent password.");
      case "cancel": return notSupported("Accounts on this server cannot be cancelled from the"
          + " game; ask its operator.");
      default: return done(AccountReply.error(AccountReply.RESPONSE, AccountReply.BAD_REQUEST,
          "unknown operation '" + op + "'"));
    }
  }

  private CompletableFuture<AccountReply> play(FormRequest req) throws BadRequest {
    return checked(req, "p", AccountReply.RESPONSE, true);
  }

  /** Checks n/p (p under {@code passwordKey}); on success a token reply or an empty one. */
  private CompletableFuture<AccountReply> checked(FormRequest req, String passwordKey,
      String header, boolean withToken) throws BadRequest {
    String name = req.require("n");
    String password = req.require(passwordKey);
    return accounts.authenticate(name, password, req.address())
        .thenApply(r -> r.status() != Checked.OK ? failure(header, r.status())
            : withToken ? tokenReply(r.account()) : AccountReply.of(header));
  }

  private CompletableFuture<AccountReply> create(FormRequest req) throws BadRequest {
    String name = req.require("n");
    String password = req.require("p");
    if (!config.constants().allowNewAccounts()) {
      return done(AccountReply.error(AccountReply.RESPONSE, AccountReply.CLOSED,
          "This server does not accept new accounts."));
    }
    return accounts.create(name, password, req.address()).thenApply(r -> switch (r.status()) {
      case OK -> tokenReply(r.account());
      case TAKEN -> AccountReply.error(AccountReply.RESPONSE, AccountReply.NAME_TAKEN,
          "That account name is already taken.");
      case BAD_NAME -> AccountReply.error(AccountReply.RESPONSE, AccountReply.BAD_NAME,
          "Bad account name: " + accounts.nameProblem(name) + ".");
      case BAD_PASSWORD -> AccountReply.error(AccountReply.RESPONSE, AccountReply.BAD_PASSWORD,
          "Bad password: " + accounts.passwordProblem(password) + ".");
      case LIMITED -> AccountReply.error(AccountReply.RESPONSE, AccountReply.RATE_LIMITED,
          "Too many new accounts from your address. Please try again later.");
    });
  }

  private CompletableFuture<AccountReply> setChat(FormRequest req) throws BadRequest {
    String name = req.require("n");
    String parentPassword = req.require("p");
    boolean enable = !"0".equals(req.get("chat", "1"));
    return accounts.authenticate(name, parentPassword, req.address()).thenApply(r -> {
      if (r.status() != Checked.OK) {
        return failure(AccountReply.RESPONSE, r.status());
      }
      Account a = r.account();
      int perm = enable ? Math.max(1, a.chatPermission()) : 0;
      accounts.setChatPermission(a, perm);
      return tokenReply(a);
    });
  }

  private CompletableFuture<AccountReply> get(FormRequest req) throws BadRequest {
    return checked(req, "p", AccountReply.INFO, false).thenApply(reply -> {
      if (reply.get("errorMsg") == null) {
        // Birth date and e-mail are not collected; the billing screens need the keys.
        reply.put("dobYear", 1970).put("dobMonth", 1).put("dobDay", 1).put("em", "");
      }
      return reply;
    });
  }

  private CompletableFuture<AccountReply> purchase(FormRequest req) throws BadRequest {
    String newPassword = req.get("np", null);
    if (newPassword == null) {
      return notSupported("Nothing to buy: play is free on this server.");
    }
    String name = req.require("n");
    if (accounts.passwordProblem(newPassword) != null) {
      return done(AccountReply.error(AccountReply.RESPONSE, AccountReply.BAD_PASSWORD,
          "Bad password: " + accounts.passwordProblem(newPassword) + "."));
    }
    return accounts.authenticate(name, req.require("p"), req.address())
        .thenCompose(r -> r.status() != Checked.OK
            ? done(failure(AccountReply.RESPONSE, r.status()))
            : accounts.setPassword(r.account(), newPassword).thenApply(v -> tokenReply(r.account())));
  }

  private AccountReply tokenReply(Account a) {
    if (a.bannedAt(accounts.nowSeconds())) {
      return AccountReply.error(AccountReply.RESPONSE, AccountReply.BANNED,
          "This account is banned: " + a.banReason());
    }
    long freeTime = freeTime(a);
    if (freeTime == 0) {
      return AccountReply.error(AccountReply.RESPONSE, AccountReply.FREE_TIME_EXPIRED,
          "Your free time has run out.");
    }
    return AccountReply.of(AccountReply.RESPONSE).put("playToken", tokens.issue(a.doId()))
        .put("freeTime", freeTime).put("secretsPasswordNotSet", 0);
  }

  /** -1 = paid; else seconds of free trial left (0 = none). */
  private long freeTime(Account a) {
    if (a.paid()) {
      return -1;
    }
    long end = a.creationTime() + config.constants().freeTrialPeriodInDays() * 86_400L;
    return Math.max(0, end - accounts.nowSeconds());
  }

  private static AccountReply failure(String header, Checked status) {
    return switch (status) {
      case UNKNOWN -> AccountReply.error(header, AccountReply.UNKNOWN_ACCOUNT,
          "There is no account with that name.");
      case LIMITED -> AccountReply.error(header, AccountReply.RATE_LIMITED,
          "Too many failed password attempts. Please wait a few minutes and try again.");
      default -> AccountReply.error(header, AccountReply.WRONG_PASSWORD,
          "That password is not correct.");
    };
  }

  private static CompletableFuture<AccountReply> notSupported(String message) {
    return done(AccountReply.error(AccountReply.RESPONSE, AccountReply.NOT_SUPPORTED, message));
  }

  private static CompletableFuture<AccountReply> done(AccountReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
