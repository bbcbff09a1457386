package org.openttserver.plugins.login;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The durable account-name index (name → doId), which the database protocol cannot look up: an
 * embedded H2 file {@code names.mv.db} in the plugin's data directory. Names compare without
 * regard to case. An insert completes only once its row is synced to disk, so an acknowledged
 * account survives a crash.
 *
 * <p>Inserts are group-committed: one writer thread takes every insert waiting, writes them in
 * one transaction and syncs the file once for all of them (a sync costs milliseconds, so a crowd
 * creating accounts at once would otherwise queue behind one sync each). Look-ups use their own
 * connection and never wait for a sync. Look-ups block: run them off the event threads.
 */
final class NameIndex implements AutoCloseable {
  private static final int UNIQUE_VIOLATION = 23505;

  private final Connection reads;
  private final Connection writes;
  private final Thread writer;
  private final LinkedBlockingQueue<Insert> pending = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  private record Insert(String name, long doId, CompletableFuture<Boolean> done) {}

  /**
   * Opens (or creates) the index.
   *
   * @param dir the plugin's data directory
   * @throws SQLException if the file cannot be opened (e.g. another server holds it)
   */
  NameIndex(Path dir) throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("names").toAbsolutePath() + ";WRITE_DELAY=0";
    writes = new org.h2.Driver().connect(url, new Properties());
    try (Statement s = writes.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS account_names (name_key VARCHAR(255) PRIMARY KEY,"
          + " name VARCHAR(255) NOT NULL, do_id BIGINT NOT NULL)");
    }
    writes.setAutoCommit(false);
    reads = new org.h2.Driver().connect(url, new Properties());
    writer = new Thread(this::writeLoop, "login-name-index");
    writer.setDaemon(true);
    writer.start();
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** {@return the doId of the account with this name (any case), if any} */
  OptionalLong find(String name) throws SQLException {
    synchronized (reads) {
      try (PreparedStatement p = reads.prepareStatement(
          "SELECT do_id FROM account_names WHERE name_key = ?")) {
        p.setString(1, key(name));
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
      }
    }
  }

  /**
   * Records a name durably.
   *
   * @return completes with false if the name (in any case) is already taken, with true once the
   *     row is on disk; fails with an {@link SQLException} if it could not be written
   */
  CompletableFuture<Boolean> insertAsync(String name, long doId) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new SQLException("the account-name index is closed"));
      return done;
    }
    pending.add(new Insert(name, doId, done));
    if (closed) {
      failPending();
    }
    return done;
  }

  /** {@link #insertAsync}, waiting for the outcome. */
  boolean insert(String name, long doId) throws SQLException {
    try {
      return insertAsync(name, doId).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw e;
    }
  }

  private void writeLoop() {
    List<Insert> batch = new ArrayList<>();
    while (true) {
      try {
        Insert first = pending.poll(200, TimeUnit.MILLISECONDS);
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
      } finally {
        batch.clear();
      }
    }
    failPending();
  }

  /** Writes a batch in one transaction and one sync, then answers every insert of it. */
  private void write(List<Insert> batch) {
    boolean[] taken = new boolean[batch.size()];
    try (PreparedStatement p = writes.prepareStatement(
        "INSERT INTO account_names (name_key, name, do_id) VALUES (?, ?, ?)")) {
      for (int i = 0; i < batch.size(); i++) {
        Insert in = batch.get(i);
        p.setString(1, key(in.name()));
        p.setString(2, in.name());
        p.setLong(3, in.doId());
        try {
          p.executeUpdate();
        } catch (SQLException e) {
          if (e.getErrorCode() != UNIQUE_VIOLATION
              && !(e instanceof SQLIntegrityConstraintViolationException)) {
            throw e;
          }
          taken[i] = true; // only this statement is undone; the others stay in the transaction
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
      batch.forEach(in -> in.done().completeExceptionally(e));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(!taken[i]);
    }
  }

  private void failPending() {
    Insert in;
    while ((in = pending.poll()) != null) {
      in.done().completeExceptionally(new SQLException("the account-name index is closed"));
    }
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
}
