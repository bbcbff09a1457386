package org.openttserver.runtime.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code data/.lock}, held by the server that uses the data directory: {@code backup} asks a
 * running server for its backup, and copies the files itself only when nobody holds it.
 */
public final class DataLock implements AutoCloseable {
  /** The lock file's name in the data directory. */
  public static final String FILE = ".lock";
  private final FileChannel channel;
  private final FileLock lock;

  private DataLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock if nobody (another process, or a server in this JVM) holds it.
   *
   * @param dataDir the data directory, created if missing
   * @return the lock, or empty if it is held
   * @throws IOException if the lock file cannot be opened
   */
  public static Optional<DataLock> tryAcquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    FileChannel ch = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      FileLock l = ch.tryLock();
      if (l != null) {
        return Optional.of(new DataLock(ch, l));
      }
    } catch (OverlappingFileLockException e) {
      // a server in this JVM holds it
    }
    ch.close();
    return Optional.empty();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // closing releases it anyway
    }
  }
}
