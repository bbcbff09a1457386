package org.openttserver.api.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacking a zip archive into a folder, for plugins whose storage writes its backups as one
 * (H2's {@code BACKUP TO}, for example) and that hand {@code openttserver backup} plain files.
 *
 * @since 0.3
 */
public final class ZipArchives {
  private ZipArchives() {}

  /**
   * Unpacks every file of an archive into a folder. An entry naming a place outside the folder
   * ({@code ../x}, an absolute path) is skipped.
   *
   * @param zip the archive
   * @param into the folder (made if missing)
   * @throws IOException if the archive cannot be read or a file written
   */
  public static void extract(Path zip, Path into) throws IOException {
    Path root = into.toAbsolutePath().normalize();
    try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path dest = root.resolve(e.getName()).normalize();
        if (!e.isDirectory() && dest.startsWith(root) && !dest.equals(root)) {
          Files.createDirectories(dest.getParent());
          Files.copy(in, dest);
        }
      }
    }
  }
}
