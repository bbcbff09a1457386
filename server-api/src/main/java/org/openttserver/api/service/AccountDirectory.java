package org.openttserver.api.service;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Who an account is: provided by the built-in {@code login} plugin.
 *
 * <p>Without a provider (login disabled, another login plugin that does not offer it) a
 * dependent plugin treats every account as an ordinary player with access level 0.
 *
 * <pre>{@code
 * services.find(AccountDirectory.class)
 *     .map(d -> d.account(session.accountId()))
 *     .orElse(CompletableFuture.completedFuture(Optional.empty()))
 *     .thenAccept(info -> {
 *       boolean admin = info.map(a -> a.accessLevel() >= 300).orElse(false);
 *     });
 * }</pre>
 *
 * @since 0.2
 */
@FunctionalInterface
public interface AccountDirectory {
  /**
   * Looks up an account.
   *
   * @param accountId the account's id (its database doId, as {@code ClientSession.accountId()})
   * @return the account, or empty if there is none with that id; fails with the bridge's
   *     exceptions if the database does not answer
   */
  CompletionStage<Optional<AccountInfo>> account(long accountId);

  /**
   * What other plugins may know of an account (never its password).
   *
   * @param accountId the account's id
   * @param name the account name
   * @param accessLevel 0 = player; higher values unlock moderator and administrator commands
   * @param paid whether the account has full access
   * @param chatPermission 0 = speedchat only, 1 = secret friends allowed, 2 = open chat
   * @param banned whether the account is banned now
   */
  record AccountInfo(long accountId, String name, int accessLevel, boolean paid,
      int chatPermission, boolean banned) {}
}
