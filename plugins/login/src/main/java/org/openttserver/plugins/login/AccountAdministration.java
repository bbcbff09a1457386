package org.openttserver.plugins.login;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openttserver.api.bridge.ClientControl;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.service.AccountAdmin;

/** The {@link AccountAdmin} service over the login plugin's accounts. */
final class AccountAdministration implements AccountAdmin {
  /** The longest ban reason: the client shows it in a dialog. */
  static final int MAX_REASON = 200;

  private final Accounts accounts;
  private final AccessLevels levels;
  private final LoginLog logins;
  private final ClientControl clients;

  AccountAdministration(Accounts accounts, AccessLevels levels, LoginLog logins,
      ClientControl clients) {
    this.accounts = accounts;
    this.levels = levels;
    this.logins = logins;
    this.clients = clients;
  }

  @Override
  public CompletionStage<Optional<AccountRecord>> authenticate(String name, String password,
      String address) {
    if (name.isEmpty() || name.length() > 255 || password.length() > 256) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return accounts.authenticate(name, password, address).thenApply(r ->
        r.status() == Accounts.Checked.OK && !r.account().passwordHash().isEmpty()
            ? Optional.of(record(r.account())) : Optional.empty());
  }

  @Override
  public CompletionStage<Optional<AccountRecord>> byName(String name) {
    if (name.isEmpty() || name.length() > 255) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return accounts.byName(name).thenApply(a -> a.map(this::record));
  }

  @Override
  public CompletionStage<Optional<AccountRecord>> byId(long accountId) {
    return accounts.byId(accountId).thenApply(a -> a.map(this::record));
  }

  @Override
  public CompletionStage<List<AccountRecord>> search(String prefix, int max) {
    if (max < 1 || max > 500) {
      throw new IllegalArgumentException("max must be 1 to 500, got " + max);
    }
    if (prefix.length() > 255) {
      return CompletableFuture.completedFuture(List.of());
    }
    return accounts.search(prefix, max).thenApply(list -> list.stream().map(this::record)
        .toList());
  }

  @Override
  public CompletionStage<Boolean> ban(long accountId, String reason, long untilEpochSeconds) {
    if (reason.isBlank() || reason.length() > MAX_REASON) {
      throw new IllegalArgumentException("a ban reason has 1 to " + MAX_REASON + " characters");
    }
    if (untilEpochSeconds != 0 && untilEpochSeconds <= accounts.nowSeconds()) {
      throw new IllegalArgumentException("a ban's end must be in the future");
    }
    if (untilEpochSeconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("a ban's end is at most 4294967295 (2106-02-07), got "
          + untilEpochSeconds);
    }
    return accounts.byId(accountId).thenApply(found -> {
      found.ifPresent(a -> {
        accounts.ban(a, reason, untilEpochSeconds);
        clients.eject(Channels.account(a.doId()), BootCode.ADMIN_KICK, reason);
      });
      return found.isPresent();
    });
  }

  @Override
  public CompletionStage<Boolean> unban(long accountId) {
    return accounts.byId(accountId).thenApply(found -> {
      found.ifPresent(accounts::unban);
      return found.isPresent();
    });
  }

  @Override
  public CompletionStage<Boolean> setAccessLevel(long accountId, int level) {
    if (level < 0 || level > 0xFFFF) {
      throw new IllegalArgumentException("an access level is 0 to 65535, got " + level);
    }
    return accounts.byId(accountId).thenApply(found -> {
      found.ifPresent(a -> accounts.setAccessLevel(a, level));
      return found.isPresent();
    });
  }

  @Override
  public List<LoginRecord> logins(long sinceEpochMillis) {
    return logins.since(sinceEpochMillis);
  }

  private AccountRecord record(Account a) {
    Integer named = levels.level(a.name(), a.creationTime());
    long now = accounts.nowSeconds();
    boolean banned = a.bannedAt(now);
    return new AccountRecord(a.doId(), a.name(), named != null ? named : a.accessLevel(),
        banned, banned ? a.banReason() : "",
        banned && a.banState() == Account.BAN_TEMPORARY ? a.banExpiry() : 0, a.lastLoginTime());
  }
}
