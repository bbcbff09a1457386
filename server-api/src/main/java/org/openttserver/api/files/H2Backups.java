package org.openttserver.api.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A plugin's contribution to {@code openttserver backup} for an embedded H2 database: H2's online
 * {@code BACKUP TO} writes a consistent archive of its files while the database is in use, which
 * is unpacked into the backup's folder as plain files.
 *
 * @since 0.3
 */
public final class H2Backups {
  private H2Backups() {}

  /**
   * Copies an H2 database's files into a folder, consistently.
   *
   * @param connection a connection to the database
   * @param lock what guards the connection's use (held only while H2 writes its archive)
   * @param into the folder
   * @throws IOException if the archive cannot be written or unpacked
   */
  public static void backupInto(Connection connection, Object lock, Path into)
      throws IOException {
    Path zip = into.resolve("h2-backup.zip");
    synchronized (lock) {
      try (Statement s = connection.createStatement()) {
        s.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
      } catch (SQLException e) {
        throw new IOException("H2 backup: " + e.getMessage(), e);
      }
    }
    try {
      ZipArchives.extract(zip, into);
    } finally {
      Files.deleteIfExists(zip);
    }
  }
}
