package org.openttserver.plugins.login;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.openttserver.api.bridge.NoReplyException;
import org.slf4j.Logger;

/**
 * Start-up repair of account creations a crash interrupted. A creation reserves its name in the
 * {@link NameIndex} before the database makes the object and points the name at the object
 * after; a reservation found at start means the process died in between, and the object may
 * exist with nothing pointing at it (the database picks the doId, and its protocol finds objects
 * by doId only).
 *
 * <p>With reservations left, this lists the database's {@code OpenTTAccount} objects (our
 * embedded database answers that; Astron's does not) and deletes each one no name points at
 * whose {@code setAccountName} is a reserved name, or a name that points at another object; then
 * it drops the reservations. An object whose name is not in the index at all is left alone and
 * counted in the log line: the index, not a crash, is then the likelier fault (a replaced
 * {@code names.mv.db}), and deleting would lose accounts. The reservations are dropped only
 * once the deletes are on disk. Against a database that cannot list (no answer to
 * {@value #FIRST_PAGE_TRIES} list requests in a row), the reserved names are logged (a crash can have left one unreachable object each) and the
 * reservations dropped. Creations wait until this is over ({@link Accounts#creationsAfter}).
 */
final class CreationRecovery {
  private static final int PAGE = 1000;
  /** Time-outs of the first list request before the database is taken for one that cannot. */
  static final int FIRST_PAGE_TRIES = 3;

  private final AccountDatabase db;
  private final NameIndex index;
  private final Executor work;
  private final Logger log;

  CreationRecovery(AccountDatabase db, NameIndex index, Executor work, Logger log) {
    this.db = db;
    this.index = index;
    this.work = work;
    this.log = log;
  }

  /** Counts of one recovery. */
  private static final class Counts {
    int removed;
    int leftAlone;
  }

  /** {@return completes once interrupted creations are resolved (or reported)} */
  CompletableFuture<Void> run() {
    return CompletableFuture.supplyAsync(() -> sql(index::reserved), work)
        .thenCompose(this::resolve).exceptionally(e -> {
          log.warn("login: could not check for account creations a crash interrupted ({}); "
              + "trying again at the next start", e.toString());
          return null;
        });
  }

  private CompletableFuture<Void> resolve(List<String> reserved) {
    if (reserved.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Set<String> keys = reserved.stream().map(NameIndex::key).collect(Collectors.toSet());
    Set<Long> named = sql(index::doIds);
    Counts counts = new Counts();
    // The database answers in arrival order, after its commit: a list answered after the
    // deletes means they are on disk, so the reservations that explain them can go.
    return sweep(0, keys, named, counts)
        .thenCompose(v -> counts.removed == 0 ? CompletableFuture.<Void>completedFuture(null)
            : db.list(0, 1).thenApply(ids -> (Void) null))
        .<Void>handleAsync((v, e) -> {
      if (e != null && !cannotList(e)) {
        log.warn("login: {} account creation(s) were interrupted by a crash and could not be"
            + " checked ({}); trying again at the next start", reserved.size(), e.toString());
        return null;
      }
      if (e != null) {
        log.warn("login: {} account creation(s) were interrupted by a crash ({}); this "
            + "database cannot list its objects (Astron's cannot), so each may have left an "
            + "OpenTTAccount object with that setAccountName that no name points at; remove "
            + "those by hand", reserved.size(), String.join(", ", reserved));
      } else {
        log.warn("login: {} account creation(s) were interrupted by a crash; removed {} "
            + "account object(s) no name pointed at{}", reserved.size(), counts.removed,
            counts.leftAlone == 0 ? "" : "; left " + counts.leftAlone + " whose names are not"
                + " in the name index at all (was names.mv.db replaced?)");
      }
      for (String name : reserved) {
        sql(() -> {
          index.release(name);
          return null;
        });
      }
      return null;
    }, work);
  }

  private CompletableFuture<Void> sweep(long after, Set<String> reserved, Set<Long> named,
      Counts counts) {
    CompletableFuture<List<Long>> listed = after == 0 ? firstPage(FIRST_PAGE_TRIES)
        : db.list(after, PAGE);
    return listed.thenCompose(ids -> {
      CompletableFuture<Void> page = CompletableFuture.completedFuture(null);
      for (long id : ids) {
        if (!named.contains(id)) {
          page = page.thenCompose(v -> db.load(id)).thenComposeAsync(a -> check(id, a,
              reserved, counts), work);
        }
      }
      return ids.size() < PAGE ? page
          : page.thenCompose(v -> sweep(ids.get(ids.size() - 1), reserved, named, counts));
    });
  }

  /**
   * The first page, asked again on a time-out: only a database that never answers (Astron's)
   * is taken for one that cannot list; a slow start of ours must not abandon the repair.
   */
  private CompletableFuture<List<Long>> firstPage(int tries) {
    return db.list(0, PAGE).exceptionallyCompose(e -> !noReply(e)
        ? CompletableFuture.failedFuture(e)
        : tries > 1 ? firstPage(tries - 1)
        : CompletableFuture.failedFuture(new CannotList()));
  }

  private CompletableFuture<Void> check(long id, Optional<Account> account, Set<String> reserved,
      Counts counts) {
    if (account.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String name = account.get().name();
    boolean elsewhere = sql(() -> index.find(name)).isPresent();
    if (reserved.contains(NameIndex.key(name)) || elsewhere) {
      counts.removed++;
      log.info("login: removing account object {} ({}), which no name points at", id, name);
      return db.delete(id);
    }
    counts.leftAlone++;
    return CompletableFuture.completedFuture(null);
  }

  private static boolean cannotList(Throwable e) {
    return e instanceof CannotList || e.getCause() instanceof CannotList;
  }

  private static boolean noReply(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoReplyException) {
        return true;
      }
    }
    return false;
  }

  /** The database did not answer the first list request: it cannot list (Astron's). */
  private static final class CannotList extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CannotList() {
      super("the database does not list objects", null, false, false);
    }
  }

  /** A step on the name index. */
  private interface Step<T> {
    T run() throws SQLException;
  }

  private static <T> T sql(Step<T> step) {
    try {
      return step.run();
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }
}
