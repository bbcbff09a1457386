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

/**
 * The durable account-name index (name → doId), which the database protocol cannot look up: an
 * embedded H2 file {@code names.mv.db} in the plugin's data directory. Names compare without
 * regard to case. {@link #insert}, {@link #reserve} and {@link #complete} return only once the
 * row is synced to disk, so an acknowledged account survives a crash. A creation first
 * {@linkplain #reserve reserves} its name (doId {@link #RESERVED}), then has the database make
 * the object, then {@linkplain #complete points the name at it}: a reservation left by a crash
 * tells the next start which names may have left an object behind. Calls block: run them off
 * the event threads.
 */
final class NameIndex implements AutoCloseable {
  /** The doId of a reserved name: its creation has not stored its object's id yet. */
  static final long RESERVED = 0;

  private final Connection db;

  /**
   * Opens (or creates) the index.
   *
   * @param dir the plugin's data directory
   * @throws SQLException if the file cannot be opened (e.g. another server holds it)
   */
  NameIndex(Path dir) throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("names").toAbsolutePath() + ";WRITE_DELAY=0";
    db = new org.h2.Driver().connect(url, new Properties());
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS account_names (name_key VARCHAR(255) PRIMARY KEY,"
          + " name VARCHAR(255) NOT NULL, do_id BIGINT NOT NULL)");
    }
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** {@return the doId of the account with this name (any case), if any; not a reservation} */
  synchronized OptionalLong find(String name) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT do_id FROM account_names WHERE name_key = ? AND do_id <> 0")) {
      p.setString(1, key(name));
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /**
   * Records a name durably.
   *
   * @return false if the name (in any case) is already taken
   */
  synchronized boolean insert(String name, long doId) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "INSERT INTO account_names (name_key, name, do_id) VALUES (?, ?, ?)")) {
      p.setString(1, key(name));
      p.setString(2, name);
      p.setLong(3, doId);
      p.executeUpdate();
    } catch (SQLIntegrityConstraintViolationException e) {
      return false;
    }
    sync();
    return true;
  }

  /**
   * Reserves a name for a creation, durably, before the database makes its object.
   *
   * @return false if the name (in any case) is taken or reserved
   */
  boolean reserve(String name) throws SQLException {
    return insert(name, RESERVED);
  }

  /** Points a reserved name at its new object, durably. */
  synchronized void complete(String name, long doId) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "UPDATE account_names SET do_id = ? WHERE name_key = ? AND do_id = 0")) {
      p.setLong(1, doId);
      p.setString(2, key(name));
      if (p.executeUpdate() != 1) {
        throw new SQLException("the name " + name + " was not reserved");
      }
    }
    sync();
  }

  /** Drops a reservation (a creation that certainly stored nothing, or after recovery). */
  synchronized void release(String name) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "DELETE FROM account_names WHERE name_key = ? AND do_id = 0")) {
      p.setString(1, key(name));
      p.executeUpdate();
    }
  }

  /** {@return the names reserved and not completed (creations a crash interrupted, at start)} */
  synchronized List<String> reserved() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM account_names WHERE do_id = 0")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** {@return every doId a name points at} */
  synchronized Set<Long> doIds() throws SQLException {
    Set<Long> out = new HashSet<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT do_id FROM account_names WHERE do_id <> 0")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private void sync() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
