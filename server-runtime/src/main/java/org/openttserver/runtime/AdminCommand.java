package org.openttserver.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code openttserver admin grant NAME [LEVEL]}: names an account's access level in the login
 * plugin's grants file ({@code DATA/plugins/login/access-levels.properties}), on a running or a
 * stopped server. The login plugin reads the file again when it changes: the admin page's
 * sign-in sees the level at once, the game at the account's next login. A grant applies only to
 * an account that exists when it is written.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    subcommands = AdminCommand.Grant.class,
    description = "Account administration from the command line.")
final class AdminCommand {
  /** The grants file, relative to the data directory (the login plugin reads it). */
  static final Path GRANTS = Path.of("plugins", "login", "access-levels.properties");

  /** Writes one grant. */
  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = "Gives account NAME access level LEVEL (default 300, administrator; "
          + "moderators have 200; 0 takes it back to a player).")
  static final class Grant implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "The YAML configuration, for general.data_dir (default: ${DEFAULT-VALUE}).")
    Path config = Path.of("config", "openttserver.yml");

    @Parameters(index = "0", paramLabel = "NAME", description = "The account name (any case).")
    String name;

    @Parameters(index = "1", paramLabel = "LEVEL", defaultValue = "300",
        description = "0 to 65535 (default: ${DEFAULT-VALUE}).")
    int level;

    @Override
    public Integer call() {
      if (name.isBlank() || name.length() > 255 || level < 0 || level > 0xFFFF) {
        spec.commandLine().getErr().println("admin grant: expected an account name and a level "
            + "from 0 to 65535");
        return 2;
      }
      try {
        ServerConfig cfg = ConfigLoader.load(config);
        Path data = Path.of("").toAbsolutePath().resolve(cfg.general().dataDir()).normalize();
        Path file = grant(data, name, level, Instant.now());
        spec.commandLine().getOut().println(name + " has access level " + level + " (" + file
            + "): on the admin page at once, in the game from its next login; only an account "
            + "of that name that exists now gets it");
        return 0;
      } catch (ConfigException e) {
        spec.commandLine().getErr().println("admin grant: " + e.getMessage());
        return 2;
      } catch (IOException e) {
        spec.commandLine().getErr().println("admin grant: " + e);
        return 1;
      }
    }
  }

  /**
   * Sets a name's level in the grants file, with the time of the grant: the login plugin applies
   * it only to an account created by then, so a grant for a name nobody holds yet gives nothing to
   * whoever creates it later. (The command cannot look the name up: a running server holds the
   * account-name index open.) The file is replaced whole (a temporary file of its own beside it,
   * synced, then moved over it) under a lock, so neither the login plugin nor another grant run
   * at the same time ever sees half of it or loses an entry.
   *
   * @param dataDir the server's data directory, which must exist
   * @param name the account name
   * @param level the level
   * @param now the time of the grant
   * @return the file
   * @throws IOException if the data directory does not exist, or the file cannot be read or
   *     written
   */
  static synchronized Path grant(Path dataDir, String name, int level, Instant now)
      throws IOException {
    // synchronized: a file lock keeps other processes out, not other threads of this one
    if (!Files.isDirectory(dataDir)) {
      throw new NoSuchFileException(dataDir.toString(), null, "the data directory "
          + "(general.data_dir) does not exist; is the configuration the server's?");
    }
    Path file = dataDir.resolve(GRANTS);
    Files.createDirectories(file.getParent());
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = lock.lock()) {
      Properties p = new Properties();
      if (Files.exists(file)) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          p.load(r);
        }
      }
      // One entry per name whatever its case, as account names ignore case.
      p.stringPropertyNames().stream().filter(k -> k.equalsIgnoreCase(name)).forEach(p::remove);
      p.setProperty(name, level + " " + now.truncatedTo(ChronoUnit.SECONDS));
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
            Writer w = Channels.newWriter(ch, StandardCharsets.UTF_8)) {
          p.store(w, "Access levels by account name and the time of the grant, from "
              + "'openttserver admin grant'");
          w.flush();
          ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return file;
  }
}
