package org.openttserver.runtime;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.openttserver.ai.AiSettings;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openttserver ai}: runs one base AI alone, joined to a running message director (a
 * running OpenTTServer's embedded one on 7199, or Astron's). It reads the DC files and the
 * {@code ai} section of the configuration; the options override the section, so one file serves
 * several AIs.
 */
@Command(name = "ai", mixinStandardHelpOptions = true,
    description = "Runs the base AI (one district) alone, joined to a running message director.")
final class AiCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(AiCommand.class);

  @Option(names = "--config", paramLabel = "FILE",
      description = "The YAML configuration: DC files and the ai section (default: "
          + "${DEFAULT-VALUE}).")
  Path config = Path.of("config", "openttserver.yml");

  @Option(names = "--connect", paramLabel = "HOST:PORT",
      description = "The message director (default: messagedirector.connect of the "
          + "configuration, else 127.0.0.1:7199).")
  String connect;

  @Option(names = "--district-name", paramLabel = "NAME", description = "Overrides ai.district_name.")
  String districtName;

  @Option(names = "--channel", paramLabel = "CHANNEL", description = "Overrides ai.channel.")
  Long channel;

  @Option(names = "--do-ids", paramLabel = "MIN-MAX", description = "Overrides ai.do_ids.")
  String doIds;

  @Override
  public Integer call() throws InterruptedException {
    Server server;
    String target = connect != null ? connect : "127.0.0.1:7199";
    try {
      ServerConfig cfg = ConfigLoader.load(config);

      ServerConfig.AiConfig section = cfg.ai() == ServerConfig.AiConfig.NONE
          ? new ServerConfig.AiConfig(true, null, null, null, null, null, null) : cfg.ai();
      ServerConfig.AiConfig.Range range = section.doIds();
      if (doIds != null) {
        String[] parts = doIds.split("-", 2);
        try {
          range = new ServerConfig.AiConfig.Range(Long.parseLong(parts[0].trim()),
              Long.parseLong(parts[1].trim()));
        } catch (RuntimeException e) {
          throw new ConfigException("--do-ids: expected MIN-MAX, e.g. 401000000-401999999");
        }
      }
      ServerConfig.AiConfig merged = new ServerConfig.AiConfig(true,
          districtName != null ? districtName : section.districtName(),
          channel != null ? channel : section.channel(), range, section.tutorial(),
          section.friendsChannel(), section.magicWordAccess());
      ServerConfig.AiConfig running = cfg.ai();
      if (running.enabled() && (merged.channel().equals(running.channel())
          || (range.min() <= running.doIds().max() && running.doIds().min() <= range.max()))) {
        // The server run with this file already runs its AI: a second one on its channel or
        // ids would take its objects over, and delete them when it stops.
        throw new ConfigException(config + ": key 'ai.enabled': the server run with this file"
            + " already runs an AI on channel " + running.channel() + " with ids "
            + running.doIds().min() + "-" + running.doIds().max() + "; for another district"
            + " pass a --channel and --do-ids of its own (and --district-name), or set"
            + " ai.enabled: false there");
      }
      // The roles of this file run in another process; their ranges still must not overlap.
      AiSettings settings = AiLauncher.settings(merged, cfg.roles(), cfg.source(),
          cfg.extension().channel());
      if (connect == null && !cfg.messagedirector().connect().isBlank()) {
        target = cfg.messagedirector().connect();
      }
      server = Server.startAi(cfg, Path.of("").toAbsolutePath(), target, settings);
    } catch (ConfigException e) {
      System.err.println("openttserver ai: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      // The message director did not answer, or the AI's creates did not go out: one line.
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      System.err.println("openttserver ai: could not start against " + target + ": "
          + (root.getMessage() != null ? root.getMessage() : root.toString()));
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down the AI");
      server.close();
    }, "shutdown"));
    try {
      System.err.println("openttserver ai: " + server.stopped().get());
      return 3;
    } catch (ExecutionException e) {
      return 1;
    }
  }
}
