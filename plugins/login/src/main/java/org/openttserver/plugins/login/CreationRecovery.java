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
 * {@code names.mv.db}), and deleting would lose accounts. Against a database that cannot list,
 * the reserved names are logged (a crash can have left one unreachable object each) and the
 * reservations dropped. Creations wait until this is over ({@link Accounts#creationsAfter}).
 */
final class CreationRecovery {
  private static final int PAGE = 1000;

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
    return sweep(0, keys, named, counts).<Void>handleAsync((v, e) -> {
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
    CompletableFuture<List<Long>> listed = db.list(after, PAGE);
    if (after == 0) {
      listed = listed.exceptionallyCompose(e -> CompletableFuture.failedFuture(
          noReply(e) ? new CannotList() : e));
    }
    return listed.thenCompose(ids -> {
      CompletableFuture<Void> page = CompletableFuture.completedFuture(null);
      for (long id : ids) {
        if (!named.contains(id)) {
          page = page.thenCompose(v -> db.load(id)).thenAcceptAsync(a -> check(id, a,
              reserved, counts), work);
        }
      }
      return ids.size() < PAGE ? page
          : page.thenCompose(v -> sweep(ids.get(ids.size() - 1), reserved, named, counts));
    });
  }

  private void check(long id, Optional<Account> account, Set<String> reserved, Counts counts) {
    if (account.isEmpty()) {
      return;
    }
    String name = account.get().name();
    boolean elsewhere = sql(() -> index.find(name)).isPresent();
    if (reserved.contains(NameIndex.key(name)) || elsewhere) {
      db.delete(id);
      counts.removed++;
      log.info("login: removed account object {} ({}), which no name points at", id, name);
    } else {
      counts.leftAlone++;
    }
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
