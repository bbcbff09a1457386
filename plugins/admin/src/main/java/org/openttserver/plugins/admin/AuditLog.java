package org.openttserver.plugins.admin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Every action on the admin page and API, one line each (time, who, what, details), appended to
 * {@code audit.log} and synced to disk before the action's answer goes out; refusals of people
 * not signed in are counted per address and minute instead (see {@link #refusal}). Tabs and line breaks
 * in names and reasons become spaces, so one line is always one entry.
 */
final class AuditLog implements AutoCloseable {
  private final FileChannel file;
  private final LongSupplier clockMillis;
  private final Logger log;
  /** Refusals of people not signed in, by address, within their current minute. */
  private final Map<String, Refusals> refusals = new HashMap<>();

  private static final long REFUSAL_MINUTE = 60_000;

  private static final class Refusals {
    final long startMillis;
    int count;
    String last;

    Refusals(long startMillis) {
      this.startMillis = startMillis;
    }
  }

  AuditLog(Path path, LongSupplier clockMillis, Logger log) throws IOException {
    this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    this.clockMillis = clockMillis;
    this.log = log;
  }

  /**
   * Writes one entry and syncs it.
   *
   * @param who the signed-in account, "api" or the address of someone not signed in
   * @param what the action, one word
   * @param details what it was done to, and the outcome
   */
  synchronized void write(String who, String what, String details) {
    append(who, what, details, true);
  }

  private void append(String who, String what, String details, boolean sync) {
    String line = Instant.ofEpochMilli(clockMillis.getAsLong()) + "\t" + clean(who) + "\t"
        + clean(what) + "\t" + clean(details) + "\n";
    try {
      ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        file.write(b);
      }
      if (sync) {
        file.force(true);
      }
    } catch (IOException e) {
      // a closed channel too: the plugin has stopped, and nothing more is done or written
      log.error("admin: cannot write the audit log: {}", e.getMessage());
      throw new java.io.UncheckedIOException(e);
    }
    log.info("admin: {} {} {}", clean(who), clean(what), clean(details));
  }

  /**
   * Writes a refusal of someone not signed in, at most one line per address and minute: the
   * first refusal in full, the rest counted into one line ("N more refusals from A in the last
   * minute") written once the minute is over. These lines are not synced one by one, so a flood
   * of bad requests cannot make the log sync for each.
   *
   * @param address who, as an address (group)
   * @param what what was refused, and why
   */
  synchronized void refusal(String address, String what) {
    long now = clockMillis.getAsLong();
    Refusals r = refusals.get(address);
    if (r != null && now - r.startMillis < REFUSAL_MINUTE) {
      r.count++;
      r.last = what;
      return;
    }
    if (r != null) {
      summary(address, r, false);
    }
    refusals.put(address, new Refusals(now));
    append(address, "refused", what, false);
  }

  /** Writes the counts of refusals whose minute is over (or all of them when closing). */
  synchronized void flushRefusals(boolean all) {
    long now = clockMillis.getAsLong();
    var it = refusals.entrySet().iterator();
    boolean wrote = false;
    while (it.hasNext()) {
      var e = it.next();
      if (all || now - e.getValue().startMillis >= REFUSAL_MINUTE) {
        wrote |= summary(e.getKey(), e.getValue(), true);
        it.remove();
      }
    }
    if (wrote) {
      try {
        file.force(true);
      } catch (IOException e) {
        log.error("admin: cannot write the audit log: {}", e.getMessage());
      }
    }
  }

  private boolean summary(String address, Refusals r, boolean quiet) {
    if (r.count == 0) {
      return false;
    }
    try {
      append(address, "refused", r.count + " more refusal" + (r.count == 1 ? "" : "s")
          + " from " + address + " in the last minute (the last: " + r.last + ")", false);
    } catch (java.io.UncheckedIOException e) {
      if (!quiet) {
        throw e;
      }
    }
    return true;
  }

  static String clean(String s) {
    String cut = s.length() > 300 ? s.substring(0, 300) + "…" : s;
    return cut.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }

  @Override
  public synchronized void close() throws IOException {
    if (file.isOpen()) {
      flushRefusals(true);
    }
    file.close();
  }
}
