package org.openttserver.plugins.avatars;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.openttserver.api.files.JournalFile;

/**
 * A small append-only intent journal in the plugin's data directory, so that a kill -9 between
 * two database steps of a create or a delete cannot leave a toon that no account lists.
 *
 * <p>Lines (each of C, I and X written and fsynced before the step it announces):
 *
 * <ul>
 *   <li>{@code C <seq> <account> <slot> <accountNameHex>}: a create is about to ask the database
 *       for a new toon;
 *   <li>{@code I <seq> <toonId>}: the database created it; the slot claim comes next;
 *   <li>{@code X <seq> <account> <toonId> <accountNameHex>}: a delete is about to release the
 *       slot;
 *   <li>{@code D <seq>}: the operation is over (claimed, or its toon removed again). Nobody
 *       waits for its fsync: recovering an operation whose D was lost finds what the operation
 *       left (a listed toon is kept, an unlisted one is gone or deleted), so the client's answer
 *       does not wait for it either.
 * </ul>
 *
 * <p>At start-up, {@link #unfinished()} lists every operation without its {@code D}; the plugin
 * deletes each journalled toon its account does not list, then {@link #clear()}s the journal.
 * Appends are group-committed on one writer thread (never the bridge's): one fsync per batch
 * ({@link JournalFile}). Once nothing is open and the file has grown, it is truncated.
 */
final class Journal {
  /** An operation the journal saw begin but not end. */
  record Open(long seq, boolean create, long accountId, String accountName, int slot,
      long toonId) {}

  private final JournalFile file;
  private final AtomicLong seq = new AtomicLong();

  Journal(Path file) {
    this.file = new JournalFile(file, "avatars-journal", line -> {
      char kind = line.charAt(0);
      return kind == 'C' || kind == 'X' ? 1 : kind == 'D' ? -1 : 0;
    });
  }

  /** {@return the operations of an earlier run that did not end; a torn last line is ignored} */
  List<Open> unfinished() {
    List<String> lines = file.lines();
    Map<Long, Open> ops = new LinkedHashMap<>();
    for (String line : lines) {
      String[] p = line.split(" ");
      try {
        long s = Long.parseLong(p[1]);
        switch (p[0]) {
          case "C" -> ops.put(s, new Open(s, true, Long.parseLong(p[2]), name(p, 4),
              Integer.parseInt(p[3]), 0));
          case "I" -> ops.computeIfPresent(s, (k, o) -> new Open(s, true, o.accountId(),
              o.accountName(), o.slot(), Long.parseLong(p[2])));
          case "X" -> ops.put(s, new Open(s, false, Long.parseLong(p[2]), name(p, 4), -1,
              Long.parseLong(p[3])));
          case "D" -> ops.remove(s);
          default -> { }
        }
      } catch (RuntimeException e) {
        // an unreadable line: skip it
      }
    }
    return List.copyOf(ops.values());
  }

  private static String name(String[] p, int i) {
    return p.length > i ? new String(HexFormat.of().parseHex(p[i]), StandardCharsets.UTF_8) : "";
  }

  private static String hex(String s) {
    return s.isEmpty() ? "" : HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Empties the journal (after start-up recovery) and fsyncs the truncation. */
  CompletableFuture<Void> clear() {
    return file.clear();
  }

  /** {@return a new operation's number} */
  long next() {
    return seq.incrementAndGet();
  }

  /** Records (durably) that a create for an account's slot is about to start. */
  CompletableFuture<Void> creating(long seq, long accountId, String accountName, int slot) {
    return append("C " + seq + " " + accountId + " " + slot + " " + hex(accountName));
  }

  /** Records (durably) the toon a create got, before it claims the slot. */
  CompletableFuture<Void> created(long seq, long toonId) {
    return append("I " + seq + " " + toonId);
  }

  /** Records (durably) that an account's toon is about to be deleted. */
  CompletableFuture<Void> deleting(long seq, long accountId, String accountName, long toonId) {
    return append("X " + seq + " " + accountId + " " + toonId + " " + hex(accountName));
  }

  /** Records that an operation is over; completes when that line is on disk. */
  CompletableFuture<Void> done(long seq) {
    return append("D " + seq);
  }

  private CompletableFuture<Void> append(String line) {
    return file.append(line);
  }

  /** Stops the writer (queued appends are written first) and closes the file. */
  void close() {
    file.close();
  }
}
