package org.openttserver.runtime.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.runtime.dc.ClusterDc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects in one SQLite file: WAL journal with {@code synchronous=FULL}, so a commit is on disk
 * when {@link #commit()} returns. Classes and fields are stored by name, not by id, so adding DC
 * classes or fields never reinterprets stored rows. Values are the fields' wire bytes. The
 * schema version is SQLite's {@code user_version}. Used from one thread only.
 */
final class SqliteStore implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;
  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

  private final Connection c;
  private final ClusterDc dc;
  private final PreparedStatement selClass;
  private final PreparedStatement selFields;
  private final PreparedStatement insObject;
  private final PreparedStatement upsField;
  private final PreparedStatement delField;
  private final PreparedStatement delFields;
  private final PreparedStatement delObject;

  private SqliteStore(Connection c, ClusterDc dc) throws SQLException {
    this.c = c;
    this.dc = dc;
    selClass = c.prepareStatement("SELECT dclass FROM objects WHERE doid = ?");
    selFields = c.prepareStatement("SELECT field, value FROM fields WHERE doid = ?");
    insObject = c.prepareStatement("INSERT INTO objects (doid, dclass) VALUES (?, ?)");
    upsField = c.prepareStatement("INSERT INTO fields (doid, field, value) VALUES (?, ?, ?) "
        + "ON CONFLICT (doid, field) DO UPDATE SET value = excluded.value");
    delField = c.prepareStatement("DELETE FROM fields WHERE doid = ? AND field = ?");
    delFields = c.prepareStatement("DELETE FROM fields WHERE doid = ?");
    delObject = c.prepareStatement("DELETE FROM objects WHERE doid = ?");
  }

  /**
   * Opens (creating if needed) a store.
   *
   * @param file the database file
   * @param dc the DC files, to map stored names to fields
   * @return the store
   * @throws StoreException if it cannot be opened or has a newer schema
   */
  static SqliteStore open(Path file, ClusterDc dc) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=OFF");
        migrate(s, file);
      }
      c.setAutoCommit(false);
      return new SqliteStore(c, dc);
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open " + file + " (" + e.getMessage() + ")", e);
    }
  }

  private static void migrate(Statement s, Path file) throws SQLException {
    int version;
    try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > SCHEMA_VERSION) {
      throw new SQLException(file + " has schema version " + version + "; this server reads "
          + "up to " + SCHEMA_VERSION + " (use a newer server)");
    }
    if (version == 0) {
      s.execute("CREATE TABLE IF NOT EXISTS objects (doid INTEGER PRIMARY KEY, "
          + "dclass TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS fields (doid INTEGER NOT NULL, field TEXT NOT NULL, "
          + "value BLOB NOT NULL, PRIMARY KEY (doid, field)) WITHOUT ROWID");
      s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
    }
  }

  /**
   * Looks an object up.
   *
   * @param doid the object
   * @return its class, or null if there is no such object (or its class left the DC files)
   * @throws SQLException on I/O errors
   */
  ClusterClass dclass(long doid) throws SQLException {
    selClass.setLong(1, doid);
    try (ResultSet rs = selClass.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      String name = rs.getString(1);
      ClusterClass cls = dc.dclass(name);
      if (cls == null) {
        log.warn("object {} has class {}, which the DC files no longer declare", doid, name);
      }
      return cls;
    }
  }

  /**
   * Reads an object's stored fields; rows for fields the class no longer has, or whose bytes no
   * longer fit the field's type, are left out with a warning.
   *
   * @param doid the object
   * @param cls its class
   * @return the values by field, ascending global id
   * @throws SQLException on I/O errors
   */
  Map<DcField, byte[]> fields(long doid, ClusterClass cls) throws SQLException {
    Map<DcField, byte[]> out = new TreeMap<>(DbFields.BY_ID);
    selFields.setLong(1, doid);
    try (ResultSet rs = selFields.executeQuery()) {
      while (rs.next()) {
        String name = rs.getString(1);
        byte[] value = rs.getBytes(2);
        DcField f = cls.dclass().findField(name).map(x -> cls.field(x.globalId())).orElse(null);
        if (f == null || !ClusterDc.isValid(f, value)) {
          log.warn("object {}: skipping stored field {} (not in {} or not of its type)", doid,
              name, cls);
          continue;
        }
        out.put(f, value);
      }
    }
    return out;
  }

  /**
   * Inserts a new object.
   *
   * @param doid its id
   * @param cls its class
   * @param values its fields
   * @throws SQLException on I/O errors or if the doid exists
   */
  void insert(long doid, ClusterClass cls, Map<DcField, byte[]> values) throws SQLException {
    insObject.setLong(1, doid);
    insObject.setString(2, cls.dclass().name());
    insObject.executeUpdate();
    for (Map.Entry<DcField, byte[]> e : values.entrySet()) {
      put(doid, e.getKey(), e.getValue());
    }
  }

  /**
   * Sets a field.
   *
   * @param doid the object
   * @param f the field
   * @param value its wire bytes
   * @throws SQLException on I/O errors
   */
  void put(long doid, DcField f, byte[] value) throws SQLException {
    upsField.setLong(1, doid);
    upsField.setString(2, f.name());
    upsField.setBytes(3, value);
    upsField.executeUpdate();
  }

  /**
   * Removes a field.
   *
   * @param doid the object
   * @param f the field
   * @throws SQLException on I/O errors
   */
  void remove(long doid, DcField f) throws SQLException {
    delField.setLong(1, doid);
    delField.setString(2, f.name());
    delField.executeUpdate();
  }

  /**
   * Deletes an object and its fields.
   *
   * @param doid the object
   * @throws SQLException on I/O errors
   */
  void delete(long doid) throws SQLException {
    delFields.setLong(1, doid);
    delFields.executeUpdate();
    delObject.setLong(1, doid);
    delObject.executeUpdate();
  }

  /**
   * Lists objects of a class.
   *
   * @param cls the class
   * @param after list doids above this one
   * @param max at most this many
   * @return the doids, ascending
   * @throws SQLException on I/O errors
   */
  List<Long> list(ClusterClass cls, long after, int max) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT doid FROM objects WHERE dclass = ?"
        + " AND doid > ? ORDER BY doid LIMIT ?")) {
      p.setString(1, cls.dclass().name());
      p.setLong(2, after);
      p.setInt(3, max);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  /**
   * Finds the highest doid in use within a range.
   *
   * @param min first doid
   * @param max last doid
   * @return the highest, or {@code min - 1} if none
   * @throws SQLException on I/O errors
   */
  long highest(long min, long max) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT max(doid) FROM objects WHERE doid BETWEEN ? AND ?")) {
      p.setLong(1, min);
      p.setLong(2, max);
      try (ResultSet rs = p.executeQuery()) {
        long v = rs.next() ? rs.getLong(1) : 0;
        return rs.wasNull() || v == 0 ? min - 1 : v;
      }
    }
  }

  /**
   * Finds the lowest free doid within a range.
   *
   * @param min first doid
   * @param max last doid
   * @return the doid, or -1 if the range is full
   * @throws SQLException on I/O errors
   */
  long lowestFree(long min, long max) throws SQLException {
    if (dclassRow(min) == null) {
      return min;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT o.doid + 1 FROM objects o WHERE "
        + "o.doid BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM objects n WHERE n.doid = "
        + "o.doid + 1) ORDER BY o.doid LIMIT 1")) {
      p.setLong(1, min);
      p.setLong(2, max - 1);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private String dclassRow(long doid) throws SQLException {
    selClass.setLong(1, doid);
    try (ResultSet rs = selClass.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * Makes everything since the last commit durable.
   *
   * @throws SQLException if the commit failed (nothing of it is kept)
   */
  void commit() throws SQLException {
    c.commit();
  }

  /** Drops everything since the last commit. */
  void rollback() {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.error("rollback failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      c.rollback();
      c.close();
    } catch (SQLException e) {
      log.warn("closing the database: {}", e.getMessage());
    }
  }
}
