package org.openttserver.plugins.friends;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.openttserver.api.bridge.DatabaseObjects;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObjects;
import org.openttserver.api.bridge.NoSuchObjectException;
import org.openttserver.api.bridge.RefusedException;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.api.service.FriendDirectory.Friend;
import org.openttserver.api.service.FriendDirectory.PairResult;
import org.slf4j.Logger;

/**
 * Toons' friend lists ({@code DistributedToon.setFriendsList}) and the pair changes on them.
 *
 * <h2>Where a list lives</h2>
 * A toon in the world (entered, per {@link #inWorld}) is a live object on the DB-state server:
 * its list is read and changed there, so its owner's client gets the field update (the field is
 * {@code p2p}/ownrecv), and the DBSS writes it through to the database. A toon out of the world
 * is read and changed in the database with set-if-equals (a concurrent change by another writer,
 * such as the avatars plugin removing a deleted toon from its friends' lists, is re-read and the
 * change applied again, never overwritten).
 *
 * <h2>Atomic pair changes</h2>
 * Every pair change (add, remove, set flags) follows the same order:
 * <ol>
 *   <li>both lists are read, inside the <em>turns</em> of both toons (changes of one toon run one
 *       after another, so nothing of ours changes a list between this read and our write);
 *   <li>the decision (already friends, full, ...) is made; nothing is written unless it is a
 *       change;
 *   <li>the {@link PairJournal} gets the target state of both lists, fsynced;
 *   <li>each list is driven to its target, and the call waits until each is on disk: a
 *       database set-if-equals is answered after its commit; a live change is followed by reads
 *       of the database until the DBSS's write-through has landed (the DBSS writes one object's
 *       fields in order, so once our value is there nothing older of it can land later);
 *   <li>the journal gets "done".
 * </ol>
 * A kill -9 anywhere leaves either no journal line (nothing written) or an open change, which
 * start-up ({@link #recover}) drives to its target on both sides, or undoes on both sides when
 * an addition can no longer be honoured (a side deleted or full meanwhile). The client is told
 * of a change only after step 4, so what a client was told survives.
 *
 * <h2>Toons entering and leaving during a change</h2>
 * A toon that leaves while its live change is in flight: the DBSS may drop our set with the
 * object; the write-through wait notices the toon is out of the world and writes the database
 * itself. A toon that enters during a database change: the DBSS may have loaded the list before
 * our write; after the write the toon is looked at again and, if it is in the world by then, its
 * live list is driven to the target too. For a toon that was still activating (loaded, not yet
 * entered) the plugin {@linkplain #reconcile reconciles} the live list with the database's at
 * enter, in the toon's turn.
 *
 * <h2>What is not covered</h2>
 * <ul>
 *   <li>The avatars plugin removes a deleted toon from its friends' lists on its own (set-if-equals
 *       on stored lists, read-check-set on live ones), outside these turns. A pair added while
 *       one of the two is being deleted can leave the survivor listing the deleted id; that id
 *       is no toon, so GET_FRIEND_LIST leaves it out and takes it off the list.
 *   <li>A toon leaving the world while its live change is in flight: if the DBSS applied our set
 *       but its write-through is still on the way when the next change writes the database, the
 *       late write-through could land after it. The window is the DBSS-to-database hop (in the
 *       embedded server an in-process queue).
 *   <li>A change whose write-through does not arrive within the time-out (or whose other steps
 *       fail) fails and stays open in the journal. It is finished, to its journalled state, before
 *       the next change of the same pair decides anything (which fails if it cannot), retried in
 *       the background meanwhile, and otherwise at the next start. Until then a read may see it
 *       half-done.
 * </ul>
 */
final class FriendLists {
  static final String FIELD = "setFriendsList";
  private static final int CONFLICT_ATTEMPTS = 50;
  private static final long POLL_MS = 5;
  private static final long RETRY_FIRST_MS = 1_000;
  private static final long RETRY_MAX_MS = 30_000;

  /** Told of a list that changed, on the executor. */
  interface ChangeListener {
    void changed(long avatarId, List<Friend> list);
  }

  private final DatabaseObjects db;
  private final LiveObjects live;
  private final DcClass toon;
  private final PairJournal journal;
  private final LongPredicate inWorld;
  private final Executor executor;
  private final Logger log;
  private final Duration writeThroughTimeout;
  private final Map<Long, CompletableFuture<Void>> turns = new HashMap<>();
  /** Pair changes of this run that failed with their journal line open, per unordered pair. */
  private final Map<List<Long>, PairJournal.Open> failed = new ConcurrentHashMap<>();
  private volatile ChangeListener listener = (id, list) -> { };
  private CompletableFuture<Void> recovery;
  private volatile boolean closing;

  FriendLists(DatabaseObjects db, LiveObjects live, DcClass toon, PairJournal journal,
      LongPredicate inWorld, Executor executor, Duration writeThroughTimeout, Logger log) {
    this.db = db;
    this.live = live;
    this.toon = toon;
    this.journal = journal;
    this.inWorld = inWorld;
    this.executor = executor;
    this.writeThroughTimeout = writeThroughTimeout;
    this.log = log;
  }

  void onChange(ChangeListener l) {
    this.listener = l;
  }

  // ------------------------------------------------------------------------------- reading

  /** Parses a stored list; an absent field is an empty list. */
  static List<Friend> parse(FieldValues v) {
    List<?> raw = v.find(FIELD).map(l -> (List<?>) l.get(0)).orElse(List.of());
    List<Friend> out = new ArrayList<>(raw.size());
    for (Object pair : raw) {
      List<?> p = (List<?>) pair;
      out.add(new Friend(((Number) p.get(0)).longValue(), ((Number) p.get(1)).intValue()));
    }
    return out;
  }

  private FieldValues values(List<Friend> list) {
    List<Object> raw = new ArrayList<>(list.size());
    for (Friend f : list) {
      raw.add(List.of(f.friendId(), (long) f.flags()));
    }
    return FieldValues.builder(toon).set(FIELD, raw).build();
  }

  static OptionalInt flagsOf(List<Friend> list, long friendId) {
    for (Friend f : list) {
      if (f.friendId() == friendId) {
        return OptionalInt.of(f.flags());
      }
    }
    return OptionalInt.empty();
  }

  /** {@return {@code list} with {@code other} set to {@code flags}, or left out for -1} */
  static List<Friend> target(List<Friend> list, long other, int flags) {
    List<Friend> out = new ArrayList<>(list.size() + 1);
    boolean placed = false;
    for (Friend f : list) {
      if (f.friendId() != other) {
        out.add(f);
      } else if (flags >= 0 && !placed) { // keeps the entry's place; drops duplicates
        out.add(new Friend(other, flags));
        placed = true;
      }
    }
    if (flags >= 0 && !placed) {
      out.add(new Friend(other, flags));
    }
    return out;
  }

  /**
   * Reads a toon's list where it lives now.
   *
   * @return the list, or empty if there is no toon with that id
   */
  CompletableFuture<Optional<List<Friend>>> read(long avatarId) {
    if (avatarId <= 0 || avatarId > 0xFFFFFFFFL) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    if (inWorld.test(avatarId)) {
      return live.getFields(avatarId, toon, FIELD)
          .thenApply(v -> Optional.of(parse(v)))
          .exceptionallyCompose(e -> readStored(avatarId)); // it left meanwhile
    }
    return readStored(avatarId);
  }

  /**
   * Reads a toon's list once start-up recovery is over, so that a change a crash interrupted is
   * never seen half-done. If recovery fails (tried again here), the read fails with its error.
   */
  CompletableFuture<Optional<List<Friend>>> readRecovered(long avatarId) {
    return ready().thenCompose(x -> read(avatarId));
  }

  /** Reads a toon's list in the database; empty if the object is missing or not a toon. */
  CompletableFuture<Optional<List<Friend>>> readStored(long avatarId) {
    return db.getAll(avatarId).handle((o, e) -> {
      if (e != null) {
        Throwable c = cause(e);
        if (c instanceof NoSuchObjectException || c instanceof RefusedException) {
          return Optional.<List<Friend>>empty();
        }
        throw new CompletionException(c);
      }
      return o.dclass() == toon ? Optional.of(parse(o.fields())) : Optional.empty();
    });
  }

  // --------------------------------------------------------------------------------- turns

  /**
   * Runs {@code task} once every earlier task of any of {@code ids} has finished (whatever its
   * outcome) and start-up recovery has succeeded. If recovery failed (it is tried again here),
   * the task does not run and its future fails with recovery's error: nothing is written while
   * the journal may hold changes of an earlier run. Both toons of a pair are taken in one step
   * under the lock, so two pair changes can never wait for each other in a cycle.
   */
  <T> CompletableFuture<T> inTurn(long[] ids, Supplier<CompletableFuture<T>> task) {
    synchronized (turns) {
      if (closing) {
        return CompletableFuture.failedFuture(new IllegalStateException(
            "friends: the plugin is stopping"));
      }
      List<CompletableFuture<Void>> before = new ArrayList<>();
      before.add(ready());
      for (long id : ids) {
        CompletableFuture<Void> t = turns.get(id);
        if (t != null) {
          before.add(t);
        }
      }
      CompletableFuture<T> mine = CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
          .thenComposeAsync(x -> task.get(), executor);
      CompletableFuture<Void> end = mine.handle((x, e) -> null);
      for (long id : ids) {
        turns.put(id, end);
      }
      end.thenRun(() -> {
        synchronized (turns) {
          for (long id : ids) {
            turns.remove(id, end);
          }
        }
      });
      return mine;
    }
  }

  // --------------------------------------------------------------------------- pair changes

  CompletableFuture<PairResult> add(long a, long b, int flags) {
    checkFlags(flags);
    if (a == b) {
      return CompletableFuture.completedFuture(PairResult.SAME_AVATAR);
    }
    return inTurn(new long[] {a, b}, () -> settle(a, b).thenCompose(s -> readBoth(a, b))
        .thenCompose(lists -> {
      if (lists[0].isEmpty() || lists[1].isEmpty()) {
        return CompletableFuture.completedFuture(PairResult.NO_SUCH_AVATAR);
      }
      List<Friend> la = lists[0].get();
      List<Friend> lb = lists[1].get();
      OptionalInt fa = flagsOf(la, b);
      OptionalInt fb = flagsOf(lb, a);
      if (fa.isPresent() && fb.isPresent()) {
        return CompletableFuture.completedFuture(PairResult.ALREADY_FRIENDS);
      }
      if (fa.isEmpty() && la.size() >= FriendDirectory.MAX_FRIENDS) {
        return CompletableFuture.completedFuture(PairResult.FIRST_FULL);
      }
      if (fb.isEmpty() && lb.size() >= FriendDirectory.MAX_FRIENDS) {
        return CompletableFuture.completedFuture(PairResult.SECOND_FULL);
      }
      return change(a, b, flags, flags);
    }));
  }

  CompletableFuture<PairResult> remove(long a, long b) {
    if (a == b) {
      return CompletableFuture.completedFuture(PairResult.SAME_AVATAR);
    }
    return inTurn(new long[] {a, b}, () -> settle(a, b).thenCompose(s -> readBoth(a, b))
        .thenCompose(lists -> {
      boolean inA = lists[0].map(l -> flagsOf(l, b).isPresent()).orElse(false);
      boolean inB = lists[1].map(l -> flagsOf(l, a).isPresent()).orElse(false);
      if (!inA && !inB) {
        return CompletableFuture.completedFuture(PairResult.NOT_FRIENDS);
      }
      return change(a, b, -1, -1);
    }));
  }

  CompletableFuture<PairResult> setFlags(long a, long b, int flags) {
    checkFlags(flags);
    if (a == b) {
      return CompletableFuture.completedFuture(PairResult.SAME_AVATAR);
    }
    return inTurn(new long[] {a, b}, () -> settle(a, b).thenCompose(s -> readBoth(a, b))
        .thenCompose(lists -> {
      OptionalInt fa = lists[0].map(l -> flagsOf(l, b)).orElse(OptionalInt.empty());
      OptionalInt fb = lists[1].map(l -> flagsOf(l, a)).orElse(OptionalInt.empty());
      if (fa.isEmpty() || fb.isEmpty()) {
        return CompletableFuture.completedFuture(PairResult.NOT_FRIENDS);
      }
      if (fa.getAsInt() == flags && fb.getAsInt() == flags) {
        return CompletableFuture.completedFuture(PairResult.DONE);
      }
      return change(a, b, flags, flags);
    }));
  }

  private static void checkFlags(int flags) {
    if (flags < 0 || flags > 255) {
      throw new IllegalArgumentException("flags " + flags + " outside 0-255");
    }
  }

  @SuppressWarnings("unchecked")
  private CompletableFuture<Optional<List<Friend>>[]> readBoth(long a, long b) {
    CompletableFuture<Optional<List<Friend>>> ra = read(a);
    CompletableFuture<Optional<List<Friend>>> rb = read(b);
    return ra.thenCombine(rb, (x, y) -> new Optional[] {x, y});
  }

  /**
   * Journals the target, drives both lists to it, journals the end (see the class comment). If
   * anything after the journal line fails, the change stays open: it is {@linkplain #settle
   * finished} before the next change of the pair decides anything, and retried in the
   * background meanwhile, so a later change is never undone by replaying this one.
   */
  private CompletableFuture<PairResult> change(long a, long b, int flagsOfBInA, int flagsOfAInB) {
    long seq = journal.next();
    PairJournal.Open open = new PairJournal.Open(seq, a, b, flagsOfBInA, flagsOfAInB);
    return journal.begin(seq, a, b, flagsOfBInA, flagsOfAInB)
        .thenComposeAsync(x -> TestHooks.betweenSides(seq)
            .thenCompose(y -> drive(a, b, flagsOfBInA)), executor)
        .thenCompose(x -> TestHooks.betweenSides(seq))
        .thenCompose(x -> drive(b, a, flagsOfAInB))
        .thenCompose(x -> journal.done(seq))
        .whenComplete((x, e) -> {
          if (e != null) {
            failed.put(pair(a, b), open);
            log.warn("friends: change {} of {} and {} failed ({}); it is finished before the "
                + "pair's next change", seq, a, b, cause(e).toString());
            retryLater(a, b, RETRY_FIRST_MS);
          }
        })
        .thenApplyAsync(x -> PairResult.DONE, executor);
  }

  static List<Long> pair(long a, long b) {
    return List.of(Math.min(a, b), Math.max(a, b));
  }

  /**
   * In the pair's turn: finishes a change of the pair that failed earlier in this run (both
   * lists driven to its journalled state, or an addition that can no longer be honoured undone
   * on both, as start-up recovery does) and journals its end. Fails if it cannot, so nothing
   * else runs on a pair whose journal line is open.
   */
  private CompletableFuture<Void> settle(long a, long b) {
    PairJournal.Open o = failed.get(pair(a, b));
    if (o == null) {
      return CompletableFuture.completedFuture(null);
    }
    return recover(o).thenCompose(x -> journal.done(o.seq()))
        .thenRun(() -> {
          failed.remove(pair(a, b), o);
          log.info("friends: failed change {} of {} and {} finished", o.seq(), a, b);
        });
  }

  /** Settles a failed change in the background, with a growing pause, until it is finished. */
  private void retryLater(long a, long b, long delayMs) {
    CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS, executor).execute(() -> {
      if (closing || !failed.containsKey(pair(a, b))) {
        return;
      }
      inTurn(new long[] {a, b}, () -> settle(a, b)).whenComplete((x, e) -> {
        if (e != null && !closing) {
          retryLater(a, b, Math.min(delayMs * 2, RETRY_MAX_MS));
        }
      });
    });
  }

  /**
   * Stops taking changes and waits (at most {@code timeout}) until every turn in flight is over,
   * so that their journal lines are written before the journal is closed.
   *
   * @return whether every turn ended in time
   */
  boolean close(Duration timeout) {
    CompletableFuture<?>[] running;
    synchronized (turns) {
      closing = true;
      running = turns.values().toArray(CompletableFuture[]::new);
    }
    try {
      CompletableFuture.allOf(running).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true; // turn futures never fail
    }
  }

  /** Makes {@code avatarId}'s list hold {@code other} with {@code flags} (-1: not hold it). */
  CompletableFuture<Void> drive(long avatarId, long other, int flags) {
    UnaryOperator<List<Friend>> t = l -> target(l, other, flags);
    if (inWorld.test(avatarId)) {
      return driveLive(avatarId, t);
    }
    return driveStored(avatarId, t, CONFLICT_ATTEMPTS).thenCompose(x -> inWorld.test(avatarId)
        ? driveLive(avatarId, t) // it entered meanwhile: its live copy may predate our write
        : CompletableFuture.completedFuture(null));
  }

  private CompletableFuture<Void> driveLive(long avatarId, UnaryOperator<List<Friend>> t) {
    return live.getFields(avatarId, toon, FIELD).handle((v, e) -> e == null ? v : null)
        .thenCompose(v -> {
          if (v == null) { // no longer active: the database is where it lives
            return driveStored(avatarId, t, CONFLICT_ATTEMPTS);
          }
          List<Friend> now = parse(v);
          List<Friend> next = t.apply(now);
          if (next.equals(now)) { // already there (a change finished again): is it on disk?
            return db.get(avatarId, toon, FIELD).handle((d, e) -> e == null
                    && parse(d).equals(next))
                .thenCompose(stored -> stored ? CompletableFuture.<Void>completedFuture(null)
                    : live.setFields(avatarId, values(next)) // the DBSS writes it again
                        .thenCompose(x -> writtenThrough(avatarId, next, t, deadline())));
          }
          return live.setFields(avatarId, values(next))
              .thenRunAsync(() -> listener.changed(avatarId, next), executor)
              .thenCompose(x -> writtenThrough(avatarId, next, t, deadline()));
        });
  }

  private long deadline() {
    return System.nanoTime() + writeThroughTimeout.toNanos();
  }

  /**
   * Waits until the database holds the list we gave the DBSS. If the toon is out of the world
   * meanwhile (our set may have been dropped with the object), the database is written here.
   */
  private CompletableFuture<Void> writtenThrough(long avatarId, List<Friend> expected,
      UnaryOperator<List<Friend>> t, long deadline) {
    return db.get(avatarId, toon, FIELD).handle((v, e) -> {
      if (e != null) {
        Throwable c = cause(e);
        if (c instanceof NoSuchObjectException) {
          return Boolean.TRUE; // deleted: no list to wait for
        }
        throw new CompletionException(c);
      }
      return parse(v).equals(expected);
    }).thenCompose(there -> {
      if (there) {
        return CompletableFuture.completedFuture(null);
      }
      if (!inWorld.test(avatarId)) {
        return driveStored(avatarId, t, CONFLICT_ATTEMPTS);
      }
      if (System.nanoTime() > deadline) {
        return CompletableFuture.failedFuture(new IllegalStateException("friends: the DB-state "
            + "server did not write the list of " + avatarId + " through in time"));
      }
      return CompletableFuture.supplyAsync(() -> null,
              CompletableFuture.delayedExecutor(POLL_MS, TimeUnit.MILLISECONDS, executor))
          .thenCompose(x -> writtenThrough(avatarId, expected, t, deadline));
    });
  }

  private CompletableFuture<Void> driveStored(long avatarId, UnaryOperator<List<Friend>> t,
      int attempts) {
    return db.get(avatarId, toon, FIELD).thenCompose(v -> {
      List<Friend> now = parse(v);
      List<Friend> next = t.apply(now);
      if (next.equals(now)) {
        return CompletableFuture.completedFuture(null);
      }
      // An absent field (a toon stored before the field had a value) compares as absent.
      FieldValues expected = v.contains(FIELD) ? v : FieldValues.empty(toon);
      CompletableFuture<Boolean> written = v.contains(FIELD)
          ? db.setIfEquals(avatarId, expected, values(next)).thenApply(r -> r.ok())
          : db.setIfEmpty(avatarId, values(next)).thenApply(r -> r.ok());
      return written.thenCompose(ok -> {
        if (ok) {
          return CompletableFuture.runAsync(() -> listener.changed(avatarId, next), executor);
        }
        if (attempts <= 1) {
          return CompletableFuture.failedFuture(new IllegalStateException(
              "friends: the list of " + avatarId + " keeps changing"));
        }
        return driveStored(avatarId, t, attempts - 1);
      });
    }).exceptionally(e -> {
      if (cause(e) instanceof NoSuchObjectException) {
        return null; // deleted: nothing to hold
      }
      throw new CompletionException(cause(e));
    });
  }

  /**
   * Brings a toon's live list in line with the database's, in the toon's turn: called when the
   * toon enters the world, since a database change made while it was activating may have missed
   * the DBSS's copy. Our changes keep the two equal otherwise.
   *
   * @return the list the toon has now
   */
  CompletableFuture<List<Friend>> reconcile(long avatarId) {
    return inTurn(new long[] {avatarId}, () -> db.get(avatarId, toon, FIELD)
        .thenCombine(live.getFields(avatarId, toon, FIELD), (stored, inMemory) -> {
          List<Friend> s = parse(stored);
          List<Friend> m = parse(inMemory);
          if (!s.equals(m)) {
            log.info("friends: toon {} entered with a list older than the database's; "
                + "updating it", avatarId);
            live.setFields(avatarId, values(s));
          }
          return s;
        }));
  }

  // ------------------------------------------------------------------------------- recovery

  /** Start-up recovery, once (retried by the next change if the database did not answer). */
  synchronized CompletableFuture<Void> ready() {
    if (recovery == null || recovery.isCompletedExceptionally()) {
      recovery = recover();
    }
    return recovery;
  }

  /**
   * Finishes every pair change the journal holds open: drives both lists to the target, or
   * undoes an addition on both sides if one toon is gone or its list filled up meanwhile.
   */
  private CompletableFuture<Void> recover() {
    List<PairJournal.Open> open;
    try {
      open = journal.unfinished();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (PairJournal.Open o : open) {
      chain = chain.thenCompose(x -> recover(o));
    }
    return chain.thenCompose(x -> journal.clear()).whenComplete((x, e) -> {
      if (e != null) {
        log.warn("friends: journal recovery failed (tried again by the next change): {}",
            cause(e).toString());
      } else if (!open.isEmpty()) {
        log.info("friends: finished {} interrupted pair change(s) from the journal",
            open.size());
      }
    });
  }

  private CompletableFuture<Void> recover(PairJournal.Open o) {
    return read(o.a()).thenCombine(read(o.b()), (la, lb) -> {
      if (!o.addition()) {
        return new int[] {-1, -1};
      }
      boolean honour = la.isPresent() && lb.isPresent()
          && fits(la.get(), o.b()) && fits(lb.get(), o.a());
      return honour ? new int[] {o.flagsOfBInA(), o.flagsOfAInB()} : new int[] {-1, -1};
    }).thenCompose(f -> {
      log.info("friends: interrupted change {} of {} and {}: {}", o.seq(), o.a(), o.b(),
          f[0] >= 0 ? "completed on both sides" : o.addition() ? "undone on both sides"
              : "removal completed on both sides");
      return drive(o.a(), o.b(), f[0]).thenCompose(x -> drive(o.b(), o.a(), f[1]));
    });
  }

  private static boolean fits(List<Friend> list, long other) {
    return flagsOf(list, other).isPresent() || list.size() < FriendDirectory.MAX_FRIENDS;
  }

  static Throwable cause(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
