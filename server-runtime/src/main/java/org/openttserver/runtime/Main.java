package org.openttserver.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar openttserver.jar [--config FILE]}: starts the server; sub-commands are tools. */
@Command(name = "openttserver", mixinStandardHelpOptions = true, version = "OpenTTServer 0.1.0",
    subcommands = {DcCommands.Hash.class, DcCommands.Astron.class, AiCommand.class,
        PluginsCommand.class, AdminCommand.class,
        org.openttserver.runtime.backup.BackupCommands.BackupCommand.class,
        org.openttserver.runtime.backup.BackupCommands.RestoreCommand.class},
    description = "A server for unmodified 2003 Toontown Online clients.")
public final class Main implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Option(names = "--config", paramLabel = "FILE",
      description = "The YAML configuration (default: ${DEFAULT-VALUE}).")
  Path config = Path.of("config", "openttserver.yml");

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    long t0 = System.nanoTime();
    Server server;
    try {
      ServerConfig cfg = ConfigLoader.load(config);
      server = Server.start(cfg, Path.of("").toAbsolutePath(), builtinPluginDirs());
    } catch (ConfigException e) {
      System.err.println("openttserver: " + e.getMessage());
      return 2;
    }
    log.info("OpenTTServer started in {} ms", (System.nanoTime() - t0) / 1_000_000);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down");
      server.close();
    }, "shutdown"));
    try {
      String reason = server.stopped().get();
      System.err.println("openttserver: " + reason);
      return 3;
    } catch (java.util.concurrent.ExecutionException e) {
      return 1;
    }
  }

  /** The {@code plugins} directory next to the runtime jar (or its classes directory). */
  static List<Path> builtinPluginDirs() {
    try {
      Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = code.getParent().resolve("plugins");
      return Files.isDirectory(dir) ? List.of(dir) : List.of();
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return List.of();
    }
  }
}
