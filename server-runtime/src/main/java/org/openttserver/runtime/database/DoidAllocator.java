package org.openttserver.runtime.database;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out doids from the generate range: counting up from the highest one in use, then, once
 * the top is reached, the lowest free one. Used from the writer thread only.
 */
final class DoidAllocator {
  private static final Logger log = LoggerFactory.getLogger(DoidAllocator.class);

  private final SqliteStore store;
  private final long min;
  private final long max;
  private long next;

  DoidAllocator(SqliteStore store, long min, long max) throws SQLException {
    this.store = store;
    this.min = min;
    this.max = max;
    this.next = store.highest(min, max) + 1;
  }

  /**
   * Takes a doid.
   *
   * @return the doid, or 0 if the range is full
   * @throws SQLException on I/O errors
   */
  long next() throws SQLException {
    if (next <= max) {
      return next++;
    }
    long free = store.lowestFree(min, max);
    if (free < 0) {
      log.error("database: the generate range {}..{} is full", min, max);
      return 0;
    }
    return free;
  }
}
