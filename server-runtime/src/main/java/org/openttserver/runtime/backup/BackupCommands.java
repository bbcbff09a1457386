package org.openttserver.runtime.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openttserver backup FILE} and {@code openttserver restore FILE}. */
public final class BackupCommands {
  private BackupCommands() {}

  private static Path dataDir(Path config) {
    return Path.of("").toAbsolutePath().resolve(ConfigLoader.load(config).general().dataDir())
        .normalize();
  }

  /** Writes a consistent copy of all state, asking the running server if there is one. */
  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = "Writes a consistent copy of everything under the data directory into a zip;"
          + " a running server writes it itself.")
  public static final class BackupCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
        description = "The YAML configuration, for general.data_dir (default: ${DEFAULT-VALUE}).")
    Path config = Path.of("config", "openttserver.yml");

    @Option(names = "--timeout", paramLabel = "SECONDS",
        description = "How long to wait for a running server's backup (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 600;

    @Parameters(paramLabel = "FILE", description = "The zip to write (must not exist).")
    Path file;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Path data;
      try {
        data = dataDir(config);
      } catch (ConfigException e) {
        System.err.println("openttserver: " + e.getMessage());
        return 2;
      }
      Path target = file.toAbsolutePath().normalize();
      if (Files.exists(target)) {
        System.err.println("backup: " + target + " exists; give a new file name");
        return 2;
      }
      if (!Files.isDirectory(data)) {
        System.err.println("backup: no data directory at " + data);
        return 2;
      }
      Optional<DataLock> lock = DataLock.tryAcquire(data);
      if (lock.isPresent()) {
        try (DataLock l = lock.get()) {
          int n = Backup.write(data, Map.of(), target);
          System.out.println("backup: wrote " + target + " (" + n + " files; no server was "
              + "running, copied directly)");
          return 0;
        }
      }
      return askServer(data, target);
    }

    private int askServer(Path data, Path target) throws IOException, InterruptedException {
      Path dir = Files.createDirectories(data.resolve(BackupRequests.DIR));
      String name = "backup-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid();
      Path tmp = dir.resolve(name + ".tmp");
      Files.writeString(tmp, target + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(name + ".request"), StandardCopyOption.ATOMIC_MOVE);
      Path result = dir.resolve(name + ".result");
      long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      while (!Files.exists(result)) {
        if (System.nanoTime() > end) {
          System.err.println("backup: the running server did not answer within "
              + timeoutSeconds + " s (is it an older version?); request left in " + dir);
          return 1;
        }
        Thread.sleep(100);
      }
      String answer = Files.readString(result, StandardCharsets.UTF_8).strip();
      Files.deleteIfExists(result);
      if (answer.startsWith("ok ")) {
        System.out.println("backup: the running server wrote " + target + " ("
            + answer.substring(3) + " files)");
        return 0;
      }
      System.err.println("backup: " + answer);
      return 1;
    }
  }

  /** Puts a backup into an empty data directory. */
  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Puts a backup into the data directory, which must be missing or empty.")
  public static final class RestoreCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
        description = "The YAML configuration, for general.data_dir (default: ${DEFAULT-VALUE}).")
    Path config = Path.of("config", "openttserver.yml");

    @Parameters(paramLabel = "FILE", description = "The backup zip.")
    Path file;

    @Override
    public Integer call() throws IOException {
      Path data;
      try {
        data = dataDir(config);
      } catch (ConfigException e) {
        System.err.println("openttserver: " + e.getMessage());
        return 2;
      }
      try {
        int n = Backup.restore(file, data);
        System.out.println("restore: " + n + " files into " + data);
        return 0;
      } catch (Backup.DirectoryNotEmpty e) {
        System.err.println("restore: " + e.getMessage());
        return 2;
      }
    }
  }
}
