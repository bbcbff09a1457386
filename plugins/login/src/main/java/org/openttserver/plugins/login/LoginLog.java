package org.openttserver.plugins.login;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.openttserver.api.service.AccountAdmin.LoginRecord;

/**
 * The last logins, for the admin page: kept in memory and handed to a store as they happen, so
 * that the history outlives a restart (the plugin stores it in its H2 file); thread-safe.
 */
final class LoginLog {
  private final int capacity;
  private final LongSupplier clockMillis;
  private final Consumer<LoginRecord> store;
  private final Deque<LoginRecord> records = new ArrayDeque<>();

  /** A log of this run only. */
  LoginLog(int capacity, LongSupplier clockMillis) {
    this(capacity, clockMillis, List.of(), r -> { });
  }

  /**
   * A log that starts from stored logins and stores new ones.
   *
   * @param capacity how many logins it keeps
   * @param clockMillis the clock
   * @param stored the stored logins, newest first
   * @param store told of each new login (must not block)
   */
  LoginLog(int capacity, LongSupplier clockMillis, List<LoginRecord> stored,
      Consumer<LoginRecord> store) {
    this.capacity = capacity;
    this.clockMillis = clockMillis;
    this.store = store;
    for (LoginRecord r : stored) {
      if (records.size() == capacity) {
        break;
      }
      records.addLast(r);
    }
  }

  void add(long accountId, String name, String address) {
    LoginRecord r = new LoginRecord(accountId, name, address, clockMillis.getAsLong());
    synchronized (this) {
      if (records.size() == capacity) {
        records.removeLast();
      }
      records.addFirst(r);
    }
    store.accept(r);
  }

  /** {@return the logins at or after a time, newest first} */
  synchronized List<LoginRecord> since(long epochMillis) {
    List<LoginRecord> out = new ArrayList<>();
    for (Iterator<LoginRecord> it = records.iterator(); it.hasNext(); ) {
      LoginRecord r = it.next();
      if (r.atEpochMillis() < epochMillis) {
        break;
      }
      out.add(r);
    }
    return out;
  }
}
