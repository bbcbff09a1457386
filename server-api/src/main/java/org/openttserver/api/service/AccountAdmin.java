package org.openttserver.api.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Account administration for an admin page, a bot or a moderator command: provided by the
 * built-in {@code login} plugin. It checks account passwords (with the login's own rate limits),
 * finds accounts by name, bans and unbans them, sets access levels and tells who logged in from
 * where.
 *
 * <p>A ban is stored in the account ({@code OpenTTAccount.setBanState}, {@code setBanReason},
 * {@code setBanExpiry}); a login of a banned account is refused with GO_GET_LOST 151 and the
 * reason, and a ban also ejects the account's client if it is connected. Access levels set here
 * are stored in the account; a level named in {@code plugins.login.access_levels} or by {@code
 * openttserver admin grant} wins over it at the account's next login.
 *
 * <p>Without a provider (login disabled) nobody can be looked up, banned or signed in to an admin
 * page.
 *
 * <pre>{@code
 * admin.byName("Flippy").thenCompose(a -> admin.ban(a.orElseThrow().accountId(),
 *     "griefing", 0));
 * }</pre>
 *
 * @since 0.3
 */
public interface AccountAdmin {
  /**
   * Checks an account's name and password. Failures count against the login's limits per account
   * and address ({@code plugins.login.rate_limit}), as a game login's do.
   *
   * @param name the account name (case is ignored)
   * @param password the password
   * @param address the address the attempt comes from
   * @return the account if name and password match; empty for an unknown name, a wrong password,
   *     an account without a password, or when the limits refuse the attempt
   */
  CompletionStage<Optional<AccountRecord>> authenticate(String name, String password,
      String address);

  /**
   * Finds an account by name.
   *
   * @param name the account name (case is ignored)
   * @return the account, or empty
   */
  CompletionStage<Optional<AccountRecord>> byName(String name);

  /**
   * Finds an account by id.
   *
   * @param accountId the account's doId
   * @return the account, or empty
   */
  CompletionStage<Optional<AccountRecord>> byId(long accountId);

  /**
   * Lists accounts whose names start with a prefix, by name.
   *
   * @param prefix the start of the name (case is ignored); "" lists from the first name
   * @param max the most to return, 1 to 500
   * @return the accounts
   * @throws IllegalArgumentException if {@code max} is out of range
   */
  CompletionStage<List<AccountRecord>> search(String prefix, int max);

  /**
   * Bans an account and ejects its client (GO_GET_LOST 151 with the reason) if it is connected.
   *
   * @param accountId the account
   * @param reason why; shown to the client at its next login attempts (at most 200 characters)
   * @param untilEpochSeconds when the ban ends, or 0 for a ban that does not end; at most
   *     4294967295 (2106-02-07T06:28:16Z), as the account stores it in 32 bits
   * @return true once the change is sent to the database, which applies it before any later
   *     read of the account (a login's too); false if there is no such account
   * @throws IllegalArgumentException if the reason is blank or too long, or the end is in the past
   *     or after 4294967295
   */
  CompletionStage<Boolean> ban(long accountId, String reason, long untilEpochSeconds);

  /**
   * Lifts a ban.
   *
   * @param accountId the account
   * @return true once the change is sent to the database, which applies it before any later
   *     read of the account (a login's too); false if there is no such account
   */
  CompletionStage<Boolean> unban(long accountId);

  /**
   * Stores an account's access level. A level the operator names for the account ({@code
   * plugins.login.access_levels} or {@code openttserver admin grant}) replaces it again at the
   * account's next login.
   *
   * @param accountId the account
   * @param level 0 to 65535
   * @return true once the change is sent to the database, which applies it before any later
   *     read of the account (a login's too); false if there is no such account
   * @throws IllegalArgumentException if the level is out of range
   */
  CompletionStage<Boolean> setAccessLevel(long accountId, int level);

  /**
   * The logins this server has seen since it started, newest first (kept in memory, the last
   * thousand).
   *
   * @param sinceEpochMillis only those at or after this time
   * @return the logins
   */
  List<LoginRecord> logins(long sinceEpochMillis);

  /**
   * An account as an administrator sees it (never its password).
   *
   * @param accountId the account's doId
   * @param name the account name
   * @param accessLevel the level that applies at its next login (0 = player)
   * @param banned whether a login is refused now
   * @param banReason the reason of the ban, or "" if none
   * @param banUntilEpochSeconds when a temporary ban ends; 0 for none or a ban that does not end
   * @param lastLoginEpochSeconds its last login, 0 if never
   */
  record AccountRecord(long accountId, String name, int accessLevel, boolean banned,
      String banReason, long banUntilEpochSeconds, long lastLoginEpochSeconds) {}

  /**
   * One login.
   *
   * @param accountId the account
   * @param name the account name
   * @param address the client's address
   * @param atEpochMillis when
   */
  record LoginRecord(long accountId, String name, String address, long atEpochMillis) {}
}
