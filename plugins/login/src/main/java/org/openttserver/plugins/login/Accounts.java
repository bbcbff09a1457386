package org.openttserver.plugins.login;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.openttserver.api.bridge.NoReplyException;

/**
 * Account operations shared by the account server and the game messages: look-up by name,
 * creation, password checks with rate limiting, and small updates. Name-index look-ups run on the
 * worker executor, password hashing on the {@link PasswordHasher}'s threads; database requests go
 * through {@link AccountDatabase}.
 */
final class Accounts {
  /** Outcome of {@link #create}. */
  enum Created { OK, TAKEN, BAD_NAME, BAD_PASSWORD, LIMITED }

  /** Outcome of {@link #authenticate}. */
  enum Checked { OK, UNKNOWN, BAD_PASSWORD, LIMITED }

  /**
   * A result with the account when there is one.
   *
   * @param status the outcome
   * @param account the account, or null
   * @param <S> the outcome type
   */
  record Result<S>(S status, Account account) {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.@-]*");

  private final AccountDatabase db;
  private final NameIndex index;
  private final PasswordHasher hasher;
  private final Executor work;
  private final LoginConfig config;
  private final FailureLimiter perAccount;
  private final FailureLimiter perAddress;
  /** Account creations per client address (a bounded cost: each one hashes and stores). */
  private final FailureLimiter creations;
  private final LongSupplier clockMillis;
  private final Set<String> creating = ConcurrentHashMap.newKeySet();
  /** Bans of the last {@link #RECENT_BAN_MILLIS}, by account id, for logins already under way. */
  private final Map<Long, RecentBan> recentBans = new ConcurrentHashMap<>();
  private volatile CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);

  Accounts(AccountDatabase db, NameIndex index, PasswordHasher hasher, Executor work,
      LoginConfig config, LongSupplier clockMillis) {
    this.db = db;
    this.index = index;
    this.hasher = hasher;
    this.work = work;
    this.config = config;
    this.clockMillis = clockMillis;
    LoginConfig.RateLimit rl = config.rateLimit();
    this.perAccount = new FailureLimiter(rl.perAccount(), rl.windowSeconds() * 1000L, clockMillis);
    this.perAddress = new FailureLimiter(rl.perAddress(), rl.windowSeconds() * 1000L, clockMillis);
    this.creations = new FailureLimiter(rl.createsPerAddress(), rl.createWindowSeconds() * 1000L,
        clockMillis);
  }

  /** How long a ban is remembered for logins that read the account before it. */
  static final long RECENT_BAN_MILLIS = 10 * 60_000L;

  private record RecentBan(String reason, long untilEpochSeconds, long atMillis) {}

  long nowSeconds() {
    return clockMillis.getAsLong() / 1000;
  }

  /** {@return why a name cannot be an account name, or null if it can} */
  String nameProblem(String name) {
    LoginConfig.Constants c = config.constants();
    if (name.length() < c.minNameLength() || name.length() > c.maxNameLength()) {
      return "account names have " + c.minNameLength() + " to " + c.maxNameLength()
          + " characters";
    }
    if (!NAME.matcher(name).matches()) {
      return "account names use letters, digits, space and . _ @ - and start with a letter"
          + " or digit";
    }
    return null;
  }

  /** {@return why a password cannot be used, or null if it can} */
  String passwordProblem(String password) {
    int min = config.constants().minPwLength();
    if (password.length() < min || password.length() > 256) {
      return "passwords have " + min + " to 256 characters";
    }
    return null;
  }

  /** Finds an account by name, ignoring case. */
  CompletableFuture<Optional<Account>> byName(String name) {
    return CompletableFuture.supplyAsync(() -> find(name), work)
        .thenCompose(id -> id.isPresent() ? db.load(id.getAsLong())
            : CompletableFuture.completedFuture(Optional.empty()));
  }

  /** Loads an account by id. */
  CompletableFuture<Optional<Account>> byId(long doId) {
    return db.load(doId);
  }

  /**
   * Creates an account for a client, at most {@code rate_limit.creates_per_address} per address
   * in the create window.
   */
  CompletableFuture<Result<Created>> create(String name, String password, String address) {
    if (!creations.allowed(address)) {
      return done(new Result<>(Created.LIMITED, null));
    }
    return create(name, password).whenComplete((r, e) -> {
      if (r != null && r.status() == Created.OK) {
        creations.failed(address);
      }
    });
  }

  /**
   * Creates an account with a password; {@code null} password = no password login.
   *
   * <p>Order: the name is reserved in the index (synced), the database makes the object, the
   * name is pointed at it (synced), then the caller is told. A crash between the last two leaves
   * a reservation, which the next start resolves ({@link CreationRecovery}) before any creation
   * runs. If the database refuses, nothing was stored and the reservation is dropped; if it does
   * not answer in time, the object may exist and the reservation (the name stays taken) waits
   * for the next start's recovery.
   */
  CompletableFuture<Result<Created>> create(String name, String password) {
    if (nameProblem(name) != null) {
      return done(new Result<>(Created.BAD_NAME, null));
    }
    if (password != null && passwordProblem(password) != null) {
      return done(new Result<>(Created.BAD_PASSWORD, null));
    }
    String key = NameIndex.key(name);
    if (!creating.add(key)) {
      return done(new Result<>(Created.TAKEN, null));
    }
    // What follows a change of the index leaves its writer thread at once (work executor).
    return ready.thenCompose(v -> index.reserveAsync(name))
        .thenComposeAsync(reserved -> !reserved ? done((Account) null)
            : hashed(name, password), work)
        .thenCompose(a -> a == null ? done(new Result<>(Created.TAKEN, null)) : store(a))
        .whenComplete((r, e) -> creating.remove(key));
  }

  /** The new account of a reserved name; the reservation is dropped if hashing fails. */
  private CompletableFuture<Account> hashed(String name, String password) {
    if (password == null) {
      return done(newAccount(name, ""));
    }
    return hasher.hashAsync(password).<CompletableFuture<Account>>handle((hash, e) -> {
      if (e != null) {
        return index.releaseAsync(name).<Account>handle((v, e2) -> {
          throw e instanceof CompletionException c ? c : new CompletionException(e);
        });
      }
      return done(newAccount(name, hash));
    }).thenCompose(x -> x);
  }

  private CompletableFuture<Result<Created>> store(Account a) {
    return db.create(a).<CompletableFuture<Result<Created>>>handle((doId, e) -> {
      if (e != null) {
        CompletableFuture<Void> dropped = uncertain(e) ? done(null)
            : index.releaseAsync(a.name());
        return dropped.<Result<Created>>handle((v, e2) -> {
          throw e instanceof CompletionException c ? c : new CompletionException(e);
        });
      }
      return index.completeAsync(a.name(), doId).thenApply(v -> new Result<>(Created.OK,
          a.withDoId(doId)));
    }).thenCompose(x -> x);
  }

  /** {@return whether a failed create may have stored its object (the database did not answer)} */
  private static boolean uncertain(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoReplyException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes creations wait for a stage first: the start-up recovery of creations a crash
   * interrupted, so that it never meets a creation of this run.
   */
  void creationsAfter(CompletableFuture<Void> recovery) {
    ready = recovery.exceptionally(e -> null);
  }

  private Account newAccount(String name, String hash) {
    long now = nowSeconds();
    return new Account(0, name, hash, 0, config.newAccountsPaid(), config.newAccountsChat(),
        Account.BAN_NONE, "", 0, now, 0);
  }

  /**
   * Finds the account of that name, creating it (without a password) if there is none; the
   * operator's own names (blue codes) are created without a per-address limit.
   */
  CompletableFuture<Optional<Account>> byNameOrCreate(String name) {
    return byNameOrCreate(name, null);
  }

  /**
   * Finds the account of that name, creating it (without a password) if there is none, within
   * the per-address creation limit that create.php obeys.
   *
   * @param address the client's address, or null for no limit
   * @return the account; fails with {@link CreationLimited} when the address has created its
   *     share of accounts in the window
   */
  CompletableFuture<Optional<Account>> byNameOrCreate(String name, String address) {
    return byName(name).thenCompose(found -> {
      if (found.isPresent()) {
        return done(found);
      }
      CompletableFuture<Result<Created>> made = address == null ? create(name, null)
          : create(name, null, address);
      return made.thenCompose(r -> switch (r.status()) {
        case TAKEN -> byName(name);
        case LIMITED -> CompletableFuture.failedFuture(new CreationLimited(address));
        default -> done(Optional.ofNullable(r.account()));
      });
    });
  }

  /** An address created {@code rate_limit.creates_per_address} accounts in the window already. */
  static final class CreationLimited extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CreationLimited(String address) {
      super("too many new accounts from " + address, null, false, false);
    }
  }

  /**
   * Checks a name and password, counting failures per address and per (account, address): a
   * stranger guessing from elsewhere cannot lock the owner out of their own account.
   */
  CompletableFuture<Result<Checked>> authenticate(String name, String password, String address) {
    String acctKey = NameIndex.key(name) + "|" + address;
    if (!perAccount.allowed(acctKey) || !perAddress.allowed(address)) {
      return done(new Result<>(Checked.LIMITED, null));
    }
    return byName(name).thenCompose(found -> {
      if (found.isEmpty()) {
        perAddress.failed(address);
        return done(new Result<>(Checked.UNKNOWN, null));
      }
      return hasher.verifyAsync(password, found.get().passwordHash()).thenApply(ok -> {
        if (!ok) {
          perAccount.failed(acctKey);
          perAddress.failed(address);
          return new Result<>(Checked.BAD_PASSWORD, found.get());
        }
        return new Result<>(Checked.OK, found.get());
      });
    });
  }

  /** Records a login: last login time, and lifts a ban that has run out. */
  void recordLogin(Account a) {
    Map<String, Object> v = new java.util.HashMap<>();
    v.put(AccountCodec.LAST_LOGIN, nowSeconds());
    if (a.banExpiredAt(nowSeconds())) {
      v.put(AccountCodec.BAN_STATE, (long) Account.BAN_NONE);
    }
    db.update(a.doId(), v);
  }

  /** Changes the chat permission. */
  void setChatPermission(Account a, int permission) {
    db.update(a.doId(), Map.of(AccountCodec.CHAT, (long) permission));
  }

  /** Changes the access level (0 player; higher levels unlock moderator commands). */
  void setAccessLevel(Account a, int level) {
    db.update(a.doId(), Map.of("setAccessLevel", (long) level));
  }

  /**
   * Bans an account: for good when {@code untilEpochSeconds} is 0, else until then. The database
   * applies updates in arrival order, so a later load or login sees the ban.
   */
  void ban(Account a, String reason, long untilEpochSeconds) {
    recentBans.put(a.doId(), new RecentBan(reason, untilEpochSeconds, clockMillis.getAsLong()));
    db.update(a.doId(), Map.of(AccountCodec.BAN_STATE, (long) (untilEpochSeconds == 0
        ? Account.BAN_PERMANENT : Account.BAN_TEMPORARY), AccountCodec.BAN_REASON, reason,
        AccountCodec.BAN_EXPIRY, untilEpochSeconds));
  }

  /** Lifts a ban. */
  void unban(Account a) {
    db.update(a.doId(), Map.of(AccountCodec.BAN_STATE, (long) Account.BAN_NONE,
        AccountCodec.BAN_REASON, "", AccountCodec.BAN_EXPIRY, 0L));
    recentBans.remove(a.doId());
  }

  /**
   * {@return the reason of a ban made in the last minutes and still in force, or null}: a login
   * that read the account before the ban checks this once it listens on the account's channel,
   * where the ban's kick goes, so it sees either the ban or the kick.
   */
  String recentBan(long accountId) {
    RecentBan b = recentBans.get(accountId);
    return b != null && (b.untilEpochSeconds() == 0 || b.untilEpochSeconds() > nowSeconds())
        ? b.reason() : null;
  }

  /** Lists accounts whose names start with a prefix, by name (those that cannot load left out). */
  CompletableFuture<java.util.List<Account>> search(String prefix, int max) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return index.search(prefix, max);
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    }, work).thenCompose(ids -> {
      java.util.List<CompletableFuture<Optional<Account>>> loads = ids.stream()
          .map(db::load).toList();
      return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
          .thenApply(v -> loads.stream().map(CompletableFuture::join).flatMap(Optional::stream)
              .toList());
    });
  }

  /** Replaces the password (hashed on the hashing threads). */
  CompletableFuture<Void> setPassword(Account a, String password) {
    return hasher.hashAsync(password)
        .thenAccept(hash -> db.update(a.doId(), Map.of(AccountCodec.PASSWORD, hash)));
  }

  /** Forgets old rate-limit entries. */
  void purge() {
    perAccount.purge();
    perAddress.purge();
    creations.purge();
    long old = clockMillis.getAsLong() - RECENT_BAN_MILLIS;
    recentBans.values().removeIf(b -> b.atMillis() < old);
  }

  private OptionalLong find(String name) {
    try {
      return index.find(name);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
