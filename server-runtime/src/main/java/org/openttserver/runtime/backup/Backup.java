package org.openttserver.runtime.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.openttserver.api.plugin.BackupContributor;

/**
 * A backup of everything under {@code data/} in one zip, consistent while the server runs: first
 * the plugins' files (their contributors' consistent copies, the rest as they are), then every
 * SQLite file through {@code VACUUM INTO} on a connection of its own, which reads one committed
 * snapshot. Plugin files first: an account the login plugin named before the database snapshot
 * has its object in it, and an object made after its name is left unnamed, which start-up
 * recovery already handles.
 */
public final class Backup {
  /** A note inside the zip, not restored. */
  static final String NOTE = "BACKUP.txt";
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private Backup() {}

  /**
   * Writes a backup.
   *
   * @param dataDir the data directory
   * @param contributors running plugins' contributors by plugin id
   * @param target the zip to write; must not exist
   * @return the number of files in the backup
   * @throws IOException if it cannot be written (nothing is left at {@code target} then)
   */
  public static int write(Path dataDir, Map<String, BackupContributor> contributors, Path target)
      throws IOException {
    Path data = dataDir.toAbsolutePath().normalize();
    Path zip = target.toAbsolutePath().normalize();
    if (Files.exists(zip)) {
      throw new FileAlreadyExistsException(zip + " exists; backups never overwrite a file");
    }
    if (zip.startsWith(data)) {
      throw new IOException(zip + " is inside the data directory " + data);
    }
    Files.createDirectories(zip.getParent());
    Path staging = Files.createTempDirectory(zip.getParent(), ".backup-");
    try {
      Path plugins = data.resolve("plugins");
      if (Files.isDirectory(plugins)) {
        try (Stream<Path> dirs = Files.list(plugins)) {
          for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
            Path into = Files.createDirectories(staging.resolve(data.relativize(dir).toString()));
            BackupContributor c = contributors.get(dir.getFileName().toString());
            if (c != null) {
              c.backupTo(into);
            }
            copyRest(dir, into, false);
          }
        }
      }
      copyRest(data, staging, true);
      Files.writeString(staging.resolve(NOTE), "OpenTTServer backup of " + data + ", taken "
          + Instant.now() + "\n");
      int files = zip(staging, zip);
      return files;
    } finally {
      deleteTree(staging);
    }
  }

  /** Copies what is not in {@code into} yet; SQLite files through VACUUM INTO. */
  private static void copyRest(Path from, Path into, boolean top) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Path> databases = new ArrayList<>();
    for (Path f : files) {
      Path rel = from.relativize(f);
      if (top && (rel.startsWith("plugins") || rel.startsWith(BackupRequests.DIR))) {
        continue; // plugins are done; requests are not state
      }
      String name = f.getFileName().toString();
      Path dest = into.resolve(rel.toString());
      if (Files.exists(dest) || skipped(name)) {
        continue;
      }
      Files.createDirectories(dest.getParent());
      if (isSqlite(f)) {
        databases.add(f);
      } else {
        Files.copy(f, dest);
      }
    }
    for (Path f : databases) { // last: see the class comment
      vacuumInto(f, into.resolve(from.relativize(f).toString()));
    }
  }

  /** Lock files, SQLite's WAL and shared-memory files (VACUUM INTO includes the WAL), traces. */
  private static boolean skipped(String name) {
    return name.equals(DataLock.FILE) || name.endsWith("-wal") || name.endsWith("-shm")
        || name.endsWith("-journal") || name.endsWith(".lock.db") || name.endsWith(".trace.db");
  }

  private static boolean isSqlite(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      return Arrays.equals(in.readNBytes(SQLITE_MAGIC.length), SQLITE_MAGIC);
    }
  }

  private static void vacuumInto(Path db, Path dest) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=30000");
      s.execute("VACUUM INTO '" + dest.toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new IOException("copying the database " + db + ": " + e.getMessage(), e);
    }
  }

  private static int zip(Path staging, Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".partial");
    int n = 0;
    try (OutputStream out = Files.newOutputStream(tmp);
        ZipOutputStream z = new ZipOutputStream(out);
        Stream<Path> walk = Files.walk(staging)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(new ZipEntry(staging.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, z);
        z.closeEntry();
        n++;
      }
    }
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return n;
  }

  /**
   * Puts a backup into a data directory that is missing or empty.
   *
   * @param zip the backup
   * @param dataDir the data directory
   * @return the number of files restored
   * @throws IOException if it cannot be read or written, or {@code dataDir} is not empty
   */
  public static int restore(Path zip, Path dataDir) throws IOException {
    Path data = dataDir.toAbsolutePath().normalize();
    if (Files.isDirectory(data)) {
      try (Stream<Path> s = Files.list(data)) {
        if (s.findAny().isPresent()) {
          throw new DirectoryNotEmpty(data);
        }
      }
    }
    Files.createDirectories(data);
    int n = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path dest = data.resolve(e.getName()).normalize();
        if (!dest.startsWith(data) || dest.equals(data)) {
          throw new IOException(zip + ": entry " + e.getName() + " points outside data/");
        }
        if (e.isDirectory() || e.getName().equals(NOTE)) {
          continue;
        }
        Files.createDirectories(dest.getParent());
        Files.copy(in, dest);
        n++;
      }
    }
    return n;
  }

  /** The data directory already holds something. */
  public static final class DirectoryNotEmpty extends IOException {
    DirectoryNotEmpty(Path dir) {
      super(dir + " is not empty; restore only into an empty or missing data directory");
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left behind in the target's folder, named .backup-*
    }
  }
}
