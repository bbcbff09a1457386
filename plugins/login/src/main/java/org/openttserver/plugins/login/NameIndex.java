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
import java.util.Properties;

/**
 * The durable account-name index (name → doId), which the database protocol cannot look up: an
 * embedded H2 file {@code names.mv.db} in the plugin's data directory. Names compare without
 * regard to case. {@link #insert} returns only once the row is synced to disk, so an
 * acknowledged account survives a crash. Calls block: run them off the event threads.
 */
final class NameIndex implements AutoCloseable {
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

  /** {@return the doId of the account with this name (any case), if any} */
  synchronized OptionalLong find(String name) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT do_id FROM account_names WHERE name_key = ?")) {
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
    try (Statement s = db.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
    return true;
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
