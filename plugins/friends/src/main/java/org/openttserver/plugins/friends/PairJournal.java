package org.openttserver.plugins.friends;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.openttserver.api.files.JournalFile;

/**
 * The pair journal: an append-only file in the plugin's data directory that makes a change of
 * two friend lists all-or-nothing across a crash.
 *
 * <p>Two lines per pair change, each fsynced before the step it announces:
 *
 * <ul>
 *   <li>{@code P <seq> <a> <b> <flagsOfBInA> <flagsOfAInB>}, written <em>before</em> either list
 *       is touched: the state both lists must reach. A flags value of -1 means "absent" (a
 *       removal), 0–255 means "present with these flags".
 *   <li>{@code D <seq>}, written once both lists hold that state durably.
 * </ul>
 *
 * <p>A {@code P} without its {@code D} after a crash is a change that may have reached one list
 * and not the other. Its target state is idempotent ("a lists b with flags f", "a does not list
 * b"), so start-up simply drives both lists to it again ({@link FriendLists#recover}); only an
 * addition that can no longer be honoured (a side deleted, or full meanwhile) is undone on both
 * sides instead. Either way, afterwards both lists hold the pair or neither does.
 *
 * <p>Appends are group-committed on one writer thread: one fsync per batch, never on the
 * bridge's thread ({@link JournalFile}). When nothing is open and the file has grown, it is
 * truncated.
 *
 * <p>Change numbers continue above the highest one in the file ({@link #unfinished} seeds them),
 * so a new change can never be taken for an old open one. The file is emptied ({@link #clear})
 * only when no change of this run is open, and nothing is appended before it: start-up recovery
 * must succeed before any change runs (see {@link FriendLists#ready}).
 */
final class PairJournal {
  /** A pair change begun and not finished: the state both lists must reach. */
  record Open(long seq, long a, long b, int flagsOfBInA, int flagsOfAInB) {
    boolean addition() {
      return flagsOfBInA >= 0;
    }
  }

  private final JournalFile file;
  private final AtomicLong seq = new AtomicLong();
  /** Changes of this run begun and not yet done. */
  private final Set<Long> inFlight = new HashSet<>();

  PairJournal(Path file) {
    this.file = new JournalFile(file, "friends-journal", line -> line.charAt(0) == 'P' ? 1 : -1);
  }

  /**
   * {@return the changes of an earlier run that did not end, the last of each pair only; a torn
   * last line is ignored} Also makes {@link #next} continue above every number in the file.
   */
  List<Open> unfinished() {
    Map<Long, Open> ops = new LinkedHashMap<>();
    long max = 0;
    Map<List<Long>, Long> latest = new HashMap<>(); // per unordered pair, its last P's number
    for (String line : file.lines()) {
      String[] p = line.split(" ");
      try {
        long s = Long.parseLong(p[1]);
        max = Math.max(max, s);
        if (p[0].equals("P") && p.length == 6) {
          Open o = new Open(s, Long.parseLong(p[2]), Long.parseLong(p[3]),
              Integer.parseInt(p[4]), Integer.parseInt(p[5]));
          ops.put(s, o);
          latest.merge(pair(o.a(), o.b()), s, Math::max);
        } else if (p[0].equals("D")) {
          ops.remove(s);
        }
      } catch (RuntimeException e) {
        // an unreadable line (cannot happen but for a torn write in the middle): skip it
      }
    }
    long highest = max;
    seq.accumulateAndGet(highest, Math::max);
    // A later change of the same pair was decided on the lists as they were then and brings
    // both sides to its own state: an earlier open change of the pair is closed by it, and
    // replaying that one would undo what the later one did (and was acknowledged for).
    return ops.values().stream().filter(o -> latest.get(pair(o.a(), o.b())) == o.seq())
        .toList();
  }

  private static List<Long> pair(long a, long b) {
    return List.of(Math.min(a, b), Math.max(a, b));
  }

  /** {@return a new change's number} */
  long next() {
    return seq.incrementAndGet();
  }

  /** Records durably the state a pair change will bring both lists to. */
  CompletableFuture<Void> begin(long seq, long a, long b, int flagsOfBInA, int flagsOfAInB) {
    synchronized (inFlight) {
      inFlight.add(seq);
    }
    return append("P " + seq + " " + a + " " + b + " " + flagsOfBInA + " " + flagsOfAInB);
  }

  /** Records durably that a pair change is over. */
  CompletableFuture<Void> done(long seq) {
    return append("D " + seq).thenRun(() -> {
      synchronized (inFlight) {
        inFlight.remove(seq);
      }
    });
  }

  /** {@return how many changes of this run are begun and not done} */
  int openChanges() {
    synchronized (inFlight) {
      return inFlight.size();
    }
  }

  /**
   * Empties the journal (after start-up recovery) and fsyncs the truncation; refused (the future
   * fails, nothing is truncated) while a change of this run is open or an append is queued.
   */
  CompletableFuture<Void> clear() {
    synchronized (inFlight) {
      if (!inFlight.isEmpty()) {
        return CompletableFuture.failedFuture(new IllegalStateException(
            "friends: not clearing the journal, " + inFlight.size() + " change(s) open"));
      }
    }
    // The journal refuses too while a line waits to be written or an entry is open.
    return file.clear();
  }

  private CompletableFuture<Void> append(String line) {
    return file.append(line);
  }

  /** {@return whether {@link #close} was called} */
  boolean closed() {
    return file.closed();
  }

  /** Stops the writer (queued appends are written first) and closes the file. */
  void close() {
    file.close();
  }

  /**
   * Waits until the writer has stopped after {@link #close}.
   *
   * @param timeout how long at most
   * @return whether it stopped
   */
  boolean awaitClosed(java.time.Duration timeout) {
    return file.awaitClosed(timeout);
  }
}
