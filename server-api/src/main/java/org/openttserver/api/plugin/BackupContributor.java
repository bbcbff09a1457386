package org.openttserver.api.plugin;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A plugin's part in {@code openttserver backup}: writes a consistent copy of files of its data
 * directory while the server runs (a database it holds open, say, through that database's own
 * online backup). Files of the data directory it does not write are copied as they are, so
 * append-only files whose torn last line is ignored need no contributor.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface BackupContributor {
  /**
   * Writes the copy.
   *
   * @param into an empty directory; what is written here goes back to the plugin's data
   *     directory, under the same names, when the backup is restored
   * @throws IOException if the copy cannot be written; the backup then fails
   */
  void backupTo(Path into) throws IOException;
}
