package org.openttserver.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.config.ServerConfig;
import org.openttserver.runtime.plugin.PluginInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openttserver plugins}: the installed plugins with version and what start-up would do
 * with each (enabled, disabled and why, refused and why), without starting anything.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "Lists the installed plugins, their versions and whether they would start.")
final class PluginsCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "The YAML configuration (default: ${DEFAULT-VALUE}).")
  Path config = Path.of("config", "openttserver.yml");

  @Override
  public Integer call() {
    ServerConfig cfg;
    try {
      cfg = ConfigLoader.load(config);
    } catch (ConfigException e) {
      System.err.println("openttserver: " + e.getMessage());
      return 2;
    }
    List<Path> roots = new ArrayList<>(Main.builtinPluginDirs());
    roots.add(Path.of("").toAbsolutePath().resolve(cfg.extension().pluginsDir()));
    System.out.print(table(PluginInventory.list(roots, cfg.plugins())));
    return 0;
  }

  /** The listing, one line per jar under a header. */
  static String table(List<PluginInventory.Entry> entries) {
    StringBuilder b = new StringBuilder(String.format("%-16s %-10s %-9s %-28s %s%n", "PLUGIN",
        "VERSION", "STATE", "JAR", "WHY"));
    for (PluginInventory.Entry e : entries) {
      b.append(String.format("%-16s %-10s %-9s %-28s %s%n", e.id(), e.version(), e.state(),
          e.jar().getFileName(), e.reason()).stripTrailing()).append(System.lineSeparator());
    }
    return b.toString();
  }
}
