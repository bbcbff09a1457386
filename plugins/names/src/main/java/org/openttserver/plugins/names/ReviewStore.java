package org.openttserver.plugins.names;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.openttserver.api.service.NameReview.PendingName;

/**
 * What the database protocol cannot look up, kept durably in an embedded H2 file
 * {@code review.mv.db} in the plugin's data directory: the typed names waiting for review (the
 * toon's own {@code WishNameState} stays the truth; an entry whose toon no longer waits is
 * dropped when found), and, when duplicates are refused, which toon holds each typed name.
 * Writes return once synced to disk. Calls block: run them off the event threads.
 */
final class ReviewStore implements AutoCloseable {
  private final Connection db;

  /**
   * Opens (or creates) the store.
   *
   * @param dir the plugin's data directory
   * @throws SQLException if the file cannot be opened (e.g. another server holds it)
   */
  ReviewStore(Path dir) throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("review").toAbsolutePath() + ";WRITE_DELAY=0";
    db = new org.h2.Driver().connect(url, new Properties());
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS wishes (avatar_id BIGINT PRIMARY KEY,"
          + " account_id BIGINT NOT NULL, wish_name VARCHAR(1024) NOT NULL,"
          + " submitted BIGINT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS taken_names (name_key VARCHAR(1024) PRIMARY KEY,"
          + " avatar_id BIGINT NOT NULL, claimed BIGINT NOT NULL)");
    }
  }

  /** Queues (or replaces) an avatar's wish name. */
  synchronized void putWish(PendingName wish) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "MERGE INTO wishes (avatar_id, account_id, wish_name, submitted) KEY (avatar_id)"
            + " VALUES (?, ?, ?, ?)")) {
      p.setLong(1, wish.avatarId());
      p.setLong(2, wish.accountId());
      p.setString(3, wish.wishName());
      p.setLong(4, wish.submittedAtMillis());
      p.executeUpdate();
    }
    sync();
  }

  /** {@return the queued wish of an avatar, if any} */
  synchronized Optional<PendingName> wish(long avatarId) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT avatar_id, account_id, wish_name, submitted FROM wishes WHERE avatar_id = ?")) {
      p.setLong(1, avatarId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** {@return every queued wish, oldest first} */
  synchronized List<PendingName> wishes() throws SQLException {
    List<PendingName> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT avatar_id, account_id, wish_name, submitted"
            + " FROM wishes ORDER BY submitted, avatar_id")) {
      while (rs.next()) {
        out.add(row(rs));
      }
    }
    return out;
  }

  /** Removes an avatar's queued wish; true if there was one. */
  synchronized boolean removeWish(long avatarId) throws SQLException {
    int n;
    try (PreparedStatement p = db.prepareStatement("DELETE FROM wishes WHERE avatar_id = ?")) {
      p.setLong(1, avatarId);
      n = p.executeUpdate();
    }
    if (n > 0) {
      sync();
    }
    return n > 0;
  }

  /**
   * Removes an avatar's queued wish if it is still exactly this one (not a wish queued after it).
   *
   * @param wish the entry read before
   * @return true if it was removed
   */
  synchronized boolean removeWish(PendingName wish) throws SQLException {
    int n;
    try (PreparedStatement p = db.prepareStatement("DELETE FROM wishes WHERE avatar_id = ?"
        + " AND account_id = ? AND wish_name = ? AND submitted = ?")) {
      p.setLong(1, wish.avatarId());
      p.setLong(2, wish.accountId());
      p.setString(3, wish.wishName());
      p.setLong(4, wish.submittedAtMillis());
      n = p.executeUpdate();
    }
    if (n > 0) {
      sync();
    }
    return n > 0;
  }

  /**
   * Who holds a typed name.
   *
   * @param avatarId the holder
   * @param claimedAtMillis when it claimed the name
   */
  record Holder(long avatarId, long claimedAtMillis) {}

  /** {@return the avatar holding a typed name (by {@link NamePolicy#key}), if any} */
  synchronized Optional<Holder> holder(String nameKey) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(
        "SELECT avatar_id, claimed FROM taken_names WHERE name_key = ?")) {
      p.setString(1, nameKey);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(new Holder(rs.getLong(1), rs.getLong(2)))
            : Optional.empty();
      }
    }
  }

  /**
   * Gives a typed name to an avatar if its holder is still the one expected (compare and set),
   * and frees any other name the avatar held.
   *
   * @param nameKey the name's key
   * @param avatarId the new holder
   * @param expected the holder seen before (empty = nobody)
   * @param now the time of the claim (epoch milliseconds)
   * @return false if the holder changed meanwhile
   */
  synchronized boolean claim(String nameKey, long avatarId, Optional<Holder> expected, long now)
      throws SQLException {
    if (!holder(nameKey).equals(expected)) {
      return false;
    }
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false);
    try {
      try (PreparedStatement p = db.prepareStatement(
          "DELETE FROM taken_names WHERE avatar_id = ? OR name_key = ?")) {
        p.setLong(1, avatarId);
        p.setString(2, nameKey);
        p.executeUpdate();
      }
      try (PreparedStatement p = db.prepareStatement(
          "INSERT INTO taken_names (name_key, avatar_id, claimed) VALUES (?, ?, ?)")) {
        p.setString(1, nameKey);
        p.setLong(2, avatarId);
        p.setLong(3, now);
        p.executeUpdate();
      }
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(auto);
    }
    sync();
    return true;
  }

  /** Frees the typed name an avatar holds, if any. */
  synchronized void release(long avatarId) throws SQLException {
    int n;
    try (PreparedStatement p = db.prepareStatement(
        "DELETE FROM taken_names WHERE avatar_id = ?")) {
      p.setLong(1, avatarId);
      n = p.executeUpdate();
    }
    if (n > 0) {
      sync();
    }
  }

  /** Frees one typed name if this avatar holds it (not a name it claimed after it). */
  synchronized void release(long avatarId, String nameKey) throws SQLException {
    int n;
    try (PreparedStatement p = db.prepareStatement(
        "DELETE FROM taken_names WHERE avatar_id = ? AND name_key = ?")) {
      p.setLong(1, avatarId);
      p.setString(2, nameKey);
      n = p.executeUpdate();
    }
    if (n > 0) {
      sync();
    }
  }

  private void sync() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
  }

  private static PendingName row(ResultSet rs) throws SQLException {
    return new PendingName(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4));
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }

  /**
   * Writes a consistent copy of the database files into a directory (H2's online {@code BACKUP
   * TO}, unzipped), for {@code openttserver backup}.
   *
   * @param into where the copy goes
   * @throws java.io.IOException if it cannot be written
   */
  void backupTo(java.nio.file.Path into) throws java.io.IOException {
    org.openttserver.api.files.H2Backups.backupInto(db, this, into);
  }
}
