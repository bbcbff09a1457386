package org.openttserver.plugins.login;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;
import org.openttserver.api.service.AccountAdmin.LoginRecord;

/** The last logins of this run, in memory, for the admin page; thread-safe. */
final class LoginLog {
  private final int capacity;
  private final LongSupplier clockMillis;
  private final Deque<LoginRecord> records = new ArrayDeque<>();

  LoginLog(int capacity, LongSupplier clockMillis) {
    this.capacity = capacity;
    this.clockMillis = clockMillis;
  }

  synchronized void add(long accountId, String name, String address) {
    if (records.size() == capacity) {
      records.removeLast();
    }
    records.addFirst(new LoginRecord(accountId, name, address, clockMillis.getAsLong()));
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
