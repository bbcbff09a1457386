package org.openttserver.plugins.login;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openttserver.api.service.AccountAdmin.LoginRecord;

/**
 * The durable account-name index (name → doId), which the database protocol cannot look up: an
 * embedded H2 file {@code names.mv.db} in the plugin's data directory, which also keeps the
 * recent logins the admin page shows ({@link #recordLoginAsync}). Names compare without
 * regard to case. {@link #insertAsync}, {@link #reserveAsync} and {@link #completeAsync}
 * complete only once the row is synced to disk, so an acknowledged account survives a crash. A
 * creation first {@linkplain #reserveAsync reserves} its name (doId {@link #RESERVED}), then has
 * the database make the object, then {@linkplain #completeAsync points the name at it}: a
 * reservation left by a crash tells the next start which names may have left an object behind.
 *
 * <p>Changes are group-committed: one writer thread takes every change waiting, makes them in
 * one transaction and syncs the file once for all of them (a sync costs milliseconds, so a crowd
 * creating accounts at once would otherwise queue behind one sync each). Look-ups use their own
 * connection and never wait for a sync; they block, so run them off the event threads. A look-up
 * can see a row of a batch whose sync is still under way (milliseconds): nothing has been
 * acknowledged on it yet, and a crash then loses the row and the acknowledgement together.
 */
final class NameIndex implements AutoCloseable {
  /** The doId of a reserved name: its creation has not stored its object's id yet. */
  static final long RESERVED = 0;

  private static final int UNIQUE_VIOLATION = 23505;

  private final Connection reads;
  private final Connection writes;
  private final Thread writer;
  private final LinkedBlockingQueue<Change<?>> pending = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  /** Told of a batch that failed unexpectedly (not an SQL error); the writer goes on. */
  private final Consumer<Throwable> onFailure;

  /** One statement of a batch, answering on its own: its failure undoes only itself. */
  @FunctionalInterface
  private interface Step<T> {
    T run(Connection c) throws SQLException;
  }

  private record Change<T>(Step<T> step, CompletableFuture<T> done) {}

  /**
   * Opens (or creates) the index.
   *
   * @param dir the plugin's data directory
   * @throws SQLException if the file cannot be opened (e.g. another server holds it)
   */
  NameIndex(Path dir) throws SQLException {
    this(dir, e -> { });
  }

  /**
   * Opens (or creates) the index.
   *
   * @param dir the plugin's data directory
   * @param onFailure told of a batch that failed with an unexpected exception (its creations fail;
   *     the index goes on)
   * @throws SQLException if the file cannot be opened (e.g. another server holds it)
   */
  NameIndex(Path dir, Consumer<Throwable> onFailure) throws SQLException {
    this.onFailure = onFailure;
    String url = "jdbc:h2:file:" + dir.resolve("names").toAbsolutePath() + ";WRITE_DELAY=0";
    writes = new org.h2.Driver().connect(url, new Properties());
    try (Statement s = writes.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS account_names (name_key VARCHAR(255) PRIMARY KEY,"
          + " name VARCHAR(255) NOT NULL, do_id BIGINT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS login_history (seq BIGINT AUTO_INCREMENT PRIMARY KEY,"
          + " account_id BIGINT NOT NULL, name VARCHAR(255) NOT NULL,"
          + " address VARCHAR(255) NOT NULL, at_millis BIGINT NOT NULL)");
    }
    writes.setAutoCommit(false);
    try {
      reads = new org.h2.Driver().connect(url, new Properties());
    } catch (SQLException | RuntimeException e) {
      writes.close();
      throw e;
    }
    writer = new Thread(this::writeLoop, "login-name-index");
    writer.setDaemon(true);
    writer.start();
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** {@return the doId of the account with this name (any case), if any; not a reservation} */
  OptionalLong find(String name) throws SQLException {
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement(
          "SELECT do_id FROM account_names WHERE name_key = ? AND do_id <> 0")) {
        p.setString(1, key(name));
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
      }
    }
  }

  /**
   * The doIds of the accounts whose names start with a prefix (any case), by name.
   *
   * @param prefix the start of the name
   * @param max the most to return
   * @return the doIds
   */
  List<Long> search(String prefix, int max) throws SQLException {
    String like = key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        + "%";
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement("SELECT do_id FROM account_names"
          + " WHERE name_key LIKE ? ESCAPE '\\' AND do_id <> 0 ORDER BY name_key LIMIT ?")) {
        p.setString(1, like);
        p.setInt(2, max);
        List<Long> out = new java.util.ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
        return out;
      }
    }
  }

  /** {@return the names reserved and not completed (creations a crash interrupted, at start)} */
  List<String> reserved() throws SQLException {
    synchronized (reads) {
      List<String> out = new ArrayList<>();
      try (Statement s = reads.createStatement();
          ResultSet rs = s.executeQuery("SELECT name FROM account_names WHERE do_id = 0")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /** {@return every doId a name points at} */
  Set<Long> doIds() throws SQLException {
    synchronized (reads) {
      Set<Long> out = new HashSet<>();
      try (Statement s = reads.createStatement();
          ResultSet rs = s.executeQuery("SELECT do_id FROM account_names WHERE do_id <> 0")) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    }
  }

  /**
   * Records a login in the history the admin page shows, keeping only the newest {@code keep}.
   * Written with the next batch; nothing waits for it.
   *
   * @param r the login
   * @param keep how many logins the history keeps
   * @return completes once the row is on disk
   */
  CompletableFuture<Void> recordLoginAsync(LoginRecord r, int keep) {
    return submit(c -> {
      long seq;
      try (PreparedStatement p = c.prepareStatement("INSERT INTO login_history"
          + " (account_id, name, address, at_millis) VALUES (?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        p.setLong(1, r.accountId());
        p.setString(2, r.name());
        p.setString(3, r.address());
        p.setLong(4, r.atEpochMillis());
        p.executeUpdate();
        try (ResultSet keys = p.getGeneratedKeys()) {
          seq = keys.next() ? keys.getLong(1) : 0;
        }
      }
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM login_history WHERE seq <= ?")) {
        p.setLong(1, seq - keep);
        p.executeUpdate();
      }
      return null;
    });
  }

  /**
   * The newest logins of the history, newest first.
   *
   * @param max the most to return
   * @return the logins
   */
  List<LoginRecord> recentLogins(int max) throws SQLException {
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement("SELECT account_id, name, address,"
          + " at_millis FROM login_history ORDER BY seq DESC LIMIT ?")) {
        p.setInt(1, max);
        List<LoginRecord> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(new LoginRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getLong(4)));
          }
        }
        return out;
      }
    }
  }

  /**
   * Records a name durably.
   *
   * @return completes with false if the name (in any case) is already taken or reserved, with
   *     true once the row is on disk; fails with an {@link SQLException} if it could not be
   *     written
   */
  CompletableFuture<Boolean> insertAsync(String name, long doId) {
    return submit(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO account_names (name_key, name, do_id) VALUES (?, ?, ?)")) {
        p.setString(1, key(name));
        p.setString(2, name);
        p.setLong(3, doId);
        p.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (e.getErrorCode() != UNIQUE_VIOLATION
            && !(e instanceof SQLIntegrityConstraintViolationException)) {
          throw e;
        }
        return false;
      }
    });
  }

  /**
   * Reserves a name for a creation, durably, before the database makes its object.
   *
   * @return completes with false if the name (in any case) is taken or reserved
   */
  CompletableFuture<Boolean> reserveAsync(String name) {
    return insertAsync(name, RESERVED);
  }

  /** Points a reserved name at its new object, durably; fails if the name was not reserved. */
  CompletableFuture<Void> completeAsync(String name, long doId) {
    return submit(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE account_names SET do_id = ? WHERE name_key = ? AND do_id = 0")) {
        p.setLong(1, doId);
        p.setString(2, key(name));
        if (p.executeUpdate() != 1) {
          throw new SQLException("the name " + name + " was not reserved");
        }
        return null;
      }
    });
  }

  /** Drops a reservation (a creation that certainly stored nothing, or after recovery). */
  CompletableFuture<Void> releaseAsync(String name) {
    return submit(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM account_names WHERE name_key = ? AND do_id = 0")) {
        p.setString(1, key(name));
        p.executeUpdate();
        return null;
      }
    });
  }

  /** {@link #insertAsync}, waiting for the outcome. */
  boolean insert(String name, long doId) throws SQLException {
    return join(insertAsync(name, doId));
  }

  /** {@link #reserveAsync}, waiting for the outcome. */
  boolean reserve(String name) throws SQLException {
    return join(reserveAsync(name));
  }

  /** {@link #completeAsync}, waiting for the outcome. */
  void complete(String name, long doId) throws SQLException {
    join(completeAsync(name, doId));
  }

  /** {@link #releaseAsync}, waiting for the outcome. */
  void release(String name) throws SQLException {
    join(releaseAsync(name));
  }

  private static <T> T join(CompletableFuture<T> f) throws SQLException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    }
  }

  private <T> CompletableFuture<T> submit(Step<T> step) {
    CompletableFuture<T> done = new CompletableFuture<>();
    if (closed || !writer.isAlive()) {
      done.completeExceptionally(closedIndex());
      return done;
    }
    pending.add(new Change<>(step, done));
    if (closed) {
      failPending();
    }
    return done;
  }

  private void writeLoop() {
    List<Change<?>> batch = new ArrayList<>();
    while (true) {
      try {
        Change<?> first = pending.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            break; // what was queued before close is written first
          }
          continue;
        }
        batch.add(first);
        pending.drainTo(batch);
        write(batch);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException | Error e) {
        // The batch fails, not the writer: every later creation would otherwise wait forever.
        onFailure.accept(e);
        Throwable cause = e;
        batch.forEach(c -> c.done().completeExceptionally(cause));
        try {
          writes.rollback();
        } catch (SQLException | RuntimeException ignored) {
          // the batch has failed either way
        }
      } finally {
        batch.clear();
      }
    }
    failPending();
  }

  /** Makes a batch in one transaction and one sync, then answers every change of it. */
  private void write(List<Change<?>> batch) {
    Object[] results = new Object[batch.size()];
    SQLException[] failures = new SQLException[batch.size()];
    try {
      for (int i = 0; i < batch.size(); i++) {
        try {
          results[i] = batch.get(i).step().run(writes);
        } catch (SQLException e) {
          failures[i] = e; // H2 undoes only the failed statement; the others stay
        }
      }
      writes.commit();
      try (Statement s = writes.createStatement()) {
        s.execute("CHECKPOINT SYNC");
      }
    } catch (SQLException e) {
      try {
        writes.rollback();
      } catch (SQLException ignored) {
        // the batch fails either way
      }
      batch.forEach(c -> c.done().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      answer(batch.get(i), results[i], failures[i]);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void answer(Change<T> c, Object result, SQLException failure) {
    if (failure != null) {
      c.done().completeExceptionally(failure);
    } else {
      c.done().complete((T) result);
    }
  }

  private void failPending() {
    Change<?> c;
    while ((c = pending.poll()) != null) {
      c.done().completeExceptionally(closedIndex());
    }
  }

  private static SQLException closedIndex() {
    return new SQLException("the account-name index is closed");
  }

  @Override
  public void close() throws SQLException {
    closed = true;
    // Not interrupted: an interrupt during file I/O would close H2's file channel.
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (reads) {
      reads.close();
    }
    writes.close();
  }

  /**
   * Writes a consistent copy of the database files into a directory (H2's online {@code BACKUP
   * TO}, unzipped), for {@code openttserver backup}.
   *
   * @param into where the copy goes
   * @throws java.io.IOException if it cannot be written
   */
  void backupTo(java.nio.file.Path into) throws java.io.IOException {
    org.openttserver.api.files.H2Backups.backupInto(reads, reads, into);
  }
}
