package org.openttserver.plugins.admin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Every action on the admin page and API, one line each (time, who, what, details), appended to
 * {@code audit.log} and synced to disk before the action's answer goes out. Tabs and line breaks
 * in names and reasons become spaces, so one line is always one entry.
 */
final class AuditLog implements AutoCloseable {
  private final FileChannel file;
  private final LongSupplier clockMillis;
  private final Logger log;

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
    String line = Instant.ofEpochMilli(clockMillis.getAsLong()) + "\t" + clean(who) + "\t"
        + clean(what) + "\t" + clean(details) + "\n";
    try {
      ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        file.write(b);
      }
      file.force(true);
    } catch (IOException e) {
      // a closed channel too: the plugin has stopped, and nothing more is done or written
      log.error("admin: cannot write the audit log: {}", e.getMessage());
      throw new java.io.UncheckedIOException(e);
    }
    log.info("admin: {} {} {}", clean(who), clean(what), clean(details));
  }

  static String clean(String s) {
    String cut = s.length() > 300 ? s.substring(0, 300) + "…" : s;
    return cut.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }

  @Override
  public synchronized void close() throws IOException {
    file.close();
  }
}
