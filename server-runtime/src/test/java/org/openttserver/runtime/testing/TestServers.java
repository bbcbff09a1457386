package org.openttserver.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.config.ServerConfig;

/**
 * Starts embedded servers for tests, and gives tests that talk to the cluster their endpoint:
 * {@code ASTRON_MD=host:port} (environment) points them at another message director, such as a
 * real Astron; otherwise one shared embedded server is started on free loopback ports.
 */
public final class TestServers {
  /** The repository root (tests run in the module directory). */
  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static Server shared;

  private TestServers() {}

  /**
   * Starts a server from YAML text; relative paths resolve against the repository root, ports
   * should be 0 (free) and the data directory a temporary one.
   *
   * @param yaml the configuration
   * @param dir a temporary directory for the file, data and drop-in plugins
   * @return the running server; close it
   */
  public static Server start(String yaml, Path dir) {
    try {
      Path file = dir.resolve("openttserver.yml");
      Files.writeString(file, yaml);
      ServerConfig cfg = ConfigLoader.load(file);
      return Server.start(cfg, REPO, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The {@code general} section tests use: our own DC files by absolute path, data under
   * {@code data} of the work directory.
   *
   * @return the section
   */
  public static ServerConfig.General general() {
    return new ServerConfig.General(
        List.of(REPO.resolve("config/dc/demo-toon.dc").toString(),
            REPO.resolve("config/dc/openttserver.dc").toString()),
        "", null, "data");
  }

  /**
   * The YAML of a minimal embedded server: MD on a free loopback port, no roles, data and
   * drop-in plugins under {@code dir}.
   *
   * @param dir a temporary directory
   * @return the YAML text
   */
  public static String minimalYaml(Path dir) {
    return "general:\n  data_dir: " + dir.resolve("data") + "\n"
        + "messagedirector:\n  bind: 127.0.0.1:0\n"
        + "extension:\n  plugins_dir: " + dir.resolve("plugins") + "\n";
  }

  /**
   * The message director tests should talk to.
   *
   * @return {@code ASTRON_MD} if set, else the shared embedded server's listener
   */
  public static synchronized InetSocketAddress md() {
    InetSocketAddress external = externalMd();
    if (external != null) {
      return external;
    }
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("openttserver-shared");
        shared = start(minimalYaml(dir), dir);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared.mdAddress();
  }

  /**
   * The message director named by {@code ASTRON_MD=host:port}, if that is set.
   *
   * @return the address, or null to use an embedded server
   */
  public static InetSocketAddress externalMd() {
    String spec = System.getenv("ASTRON_MD");
    if (spec == null || spec.isBlank()) {
      return null;
    }
    int colon = spec.lastIndexOf(':');
    return new InetSocketAddress(spec.substring(0, colon),
        Integer.parseInt(spec.substring(colon + 1)));
  }

  /**
   * Parses YAML into a tree, for building configurations in tests.
   *
   * @param yaml text
   * @return the tree
   */
  public static ObjectNode yaml(String yaml) {
    try {
      JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(yaml);
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
