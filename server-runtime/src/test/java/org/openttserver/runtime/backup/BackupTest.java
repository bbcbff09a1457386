package org.openttserver.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
  @TempDir Path dir;

  @Test
  void write_whileDatabaseOpenWithRowsInItsWal_thenRestoreHasThemAndPluginFiles()
      throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path db = Files.createDirectories(data.resolve("database")).resolve("objects.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA wal_autocheckpoint=0"); // rows stay in the -wal file
      s.execute("CREATE TABLE t (x INTEGER)");
      for (int i = 0; i < 100; i++) {
        s.execute("INSERT INTO t VALUES (" + i + ")");
      }
      assertThat(db.resolveSibling("objects.sqlite-wal")).exists();
      Path login = Files.createDirectories(data.resolve("plugins/login"));
      Files.writeString(login.resolve("names.mv.db"), "live, maybe torn");
      Files.writeString(login.resolve("notes.txt"), "as it is");
      Files.writeString(data.resolve(DataLock.FILE), "");
      Files.createDirectories(data.resolve(BackupRequests.DIR)).resolve("x.request");

      Path zip = dir.resolve("out/backup.zip");
      int files = Backup.write(data, Map.of("login",
          into -> Files.writeString(into.resolve("names.mv.db"), "consistent copy")), zip);

      assertThat(entries(zip)).containsExactlyInAnyOrder(Backup.NOTE,
          "database/objects.sqlite", "plugins/login/names.mv.db", "plugins/login/notes.txt");
      assertThat(files).isEqualTo(4);
      assertThatThrownBy(() -> Backup.write(data, Map.of(), zip))
          .isInstanceOf(FileAlreadyExistsException.class);

      Path restored = dir.resolve("restored");
      assertThat(Backup.restore(zip, restored)).isEqualTo(3);
      assertThat(restored.resolve("plugins/login/names.mv.db")).hasContent("consistent copy");
      assertThat(restored.resolve("plugins/login/notes.txt")).hasContent("as it is");
      assertThat(restored.resolve(Backup.NOTE)).doesNotExist();
      try (Connection r = DriverManager.getConnection("jdbc:sqlite:"
          + restored.resolve("database/objects.sqlite"));
          Statement q = r.createStatement();
          ResultSet rs = q.executeQuery("SELECT COUNT(*) FROM t")) {
        assertThat(rs.getInt(1)).isEqualTo(100);
      }
      assertThatThrownBy(() -> Backup.restore(zip, restored))
          .isInstanceOf(Backup.DirectoryNotEmpty.class);
    }
  }

  @Test
  void write_whenTargetInsideData_thenRefused() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    assertThatThrownBy(() -> Backup.write(data, Map.of(), data.resolve("b.zip")))
        .hasMessageContaining("inside the data directory");
  }

  @Test
  void restore_whenEntryPointsOutside_thenRefused() throws IOException {
    Path zip = dir.resolve("evil.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("../escaped.txt"));
      z.write(1);
      z.closeEntry();
    }
    assertThatThrownBy(() -> Backup.restore(zip, dir.resolve("data")))
        .hasMessageContaining("outside");
    assertThat(dir.resolve("escaped.txt")).doesNotExist();
  }

  @Test
  void dataLock_whenHeld_thenNotTakenAgain() throws IOException {
    try (DataLock held = DataLock.tryAcquire(dir).orElseThrow()) {
      assertThat(DataLock.tryAcquire(dir)).isEmpty();
    }
    DataLock.tryAcquire(dir).orElseThrow().close();
  }

  private static List<String> entries(Path zip) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      return z.stream().map(ZipEntry::getName).toList();
    }
  }
}
