package org.openttserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.testkit.ServerYaml;
import org.openttserver.testkit.TestServer;
import org.openttserver.testkit.Waits;

/**
 * The embedded servers the integration tests start: the test kit's configuration (free ports,
 * data and drop-in plugins under the test's directory), with the built-in plugins that
 * server-runtime packaged and the repository's own DC files, so a test can also use the
 * reference toon.dc and the runtime's exact plugin jars.
 */
public final class EmbeddedServers {
  /** The repository root (tests run in integration-tests/). */
  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  /** Where server-runtime's build puts the built-in plugin jars. */
  public static final Path BUILTIN = REPO.resolve("server-runtime/target/plugins");
  /** The demo DC files, the client's first. */
  public static final String DEMO_DC = TestServer.DEMO_DC;

  /** A boy dog Make-A-Toon can make: shirt bss1 and shorts bbs1, head colour 14 (Sea Green). */
  public static final byte[] DOG = TestServer.DOG;
  /** A girl cat in a dress (torso 3) with skirt gsk1; head colour 24 (Pink). */
  public static final byte[] CAT = TestServer.CAT;

  /** See {@link ServerYaml#UNLIMITED_CLIENTS}. */
  public static final String UNLIMITED_CLIENTS = ServerYaml.UNLIMITED_CLIENTS;

  /** See {@link ServerYaml#TEST_LOGIN}. */
  public static final String TEST_LOGIN = ServerYaml.TEST_LOGIN;

  private EmbeddedServers() {}

  /**
   * The YAML of a server ({@link ServerYaml#of}).
   *
   * @param dir the test's directory (data/ and plugins/ go under it)
   * @param firstDc the client's DC file (the demo or the reference toon.dc)
   * @param clientAgent extra YAML lines of the client agent entry, four-space indented, or ""
   * @param liveRoles whether to run the state server and DB-state server too
   * @param plugins the {@code plugins:} lines, two-space indented
   * @return the YAML text
   */
  public static String yaml(Path dir, String firstDc, String clientAgent, boolean liveRoles,
      String plugins) {
    String yaml = ServerYaml.of(dir, firstDc, clientAgent, liveRoles, plugins);
    return plugins.startsWith("  admin:") || plugins.contains("\n  admin:") ? yaml
        : yaml + ADMIN_ON_FREE_PORT;
  }

  /**
   * The admin plugin's section {@link #yaml} adds unless the test names the plugin: its page on a
   * free loopback port, so servers of parallel tests (and one on this machine) never share 8081.
   */
  public static final String ADMIN_ON_FREE_PORT = "  admin:\n    http_bind: 127.0.0.1:0\n";

  /**
   * Writes the YAML to {@code dir/openttserver.yml} and starts the server.
   *
   * @param dir the test's directory
   * @param yaml the configuration
   * @param needs a built-in plugin jar the test needs (checked first, for a clear message)
   * @return the running server
   */
  public static Server start(Path dir, String yaml, String needs) {
    assertThat(BUILTIN.resolve(needs))
        .as("run 'mvn verify': server-runtime must be packaged first").exists();
    try {
      Path file = dir.resolve("openttserver.yml");
      Files.writeString(file, yaml);
      return Server.start(ConfigLoader.load(file), REPO, List.of(BUILTIN));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The game port (the client agent's address) of a running server.
   *
   * @param server the server
   * @return where 2003 clients connect
   */
  public static java.net.InetSocketAddress gamePort(Server server) {
    return TestServer.gamePort(server);
  }

  /**
   * The account server's port, found through the login plugin instance (its classes are not on
   * the test class path).
   *
   * @param server the server
   * @return the port
   */
  public static int accountServerPort(Server server) {
    return TestServer.accountServerPort(server);
  }

  /** See {@link Waits#await}. @param stage the stage @param <T> its value @return its value */
  public static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    return Waits.await(stage);
  }

  /** See {@link Waits#eventually}. @param what the message @param condition the condition */
  public static void eventually(String what, java.util.function.BooleanSupplier condition) {
    Waits.eventually(what, condition);
  }
}
