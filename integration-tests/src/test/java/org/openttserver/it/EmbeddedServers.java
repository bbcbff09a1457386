package org.openttserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigLoader;

/**
 * The embedded servers the integration tests start: free ports, data and drop-in plugins under
 * the test's directory, the built-in plugins that server-runtime packaged, and the roles a test
 * asks for.
 */
public final class EmbeddedServers {
  /** The repository root (tests run in integration-tests/). */
  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  /** Where server-runtime's build puts the built-in plugin jars. */
  public static final Path BUILTIN = REPO.resolve("server-runtime/target/plugins");
  /** The demo DC files, the client's first. */
  public static final String DEMO_DC = "config/dc/demo-toon.dc";

  /** A boy dog Make-A-Toon can make: shirt bss1 and shorts bbs1, head colour 14 (Sea Green). */
  public static final byte[] DOG = {'t', 0, 0, 0, 1, 0, 3, 0, 3, 0, 0, 3, 0, 3, 14};
  /** A girl cat in a dress (torso 3) with skirt gsk1; head colour 24 (Pink). */
  public static final byte[] CAT = {'t', 4, 3, 1, 0, 0, 1, 0, 1, 0, 21, 1, 0, 6, 24};

  /**
   * Client-agent lines (for {@link #yaml}) that let any number of test clients connect from
   * 127.0.0.1 at once and send as fast as they like.
   */
  public static final String UNLIMITED_CLIENTS = "    client:\n      messages_per_second: 0\n"
      + "    limits:\n      max_anonymous_per_address: 1000\n"
      + "      connects_per_second_per_address: 0\n";

  /**
   * A login plugin section (for {@link #yaml}) for tests: made-up play tokens log in (every test
   * client is a new account made that way, all from 127.0.0.1), cheap password hashing, the
   * account server on a free port.
   */
  public static final String TEST_LOGIN = "  login:\n    http_bind: 127.0.0.1:0\n"
      + "    accept_unknown_tokens: true\n    hash_memory_kib: 1024\n    hash_iterations: 1\n"
      + "    rate_limit: {creates_per_address: 100000}\n";

  private EmbeddedServers() {}

  /**
   * The YAML of a server.
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
    return "general:\n  dc_files: [" + firstDc + ", config/dc/openttserver.dc]\n"
        + "  data_dir: " + dir.resolve("data") + "\n"
        + "messagedirector:\n  bind: 127.0.0.1:0\n"
        + "extension:\n  plugins_dir: " + dir.resolve("plugins") + "\n"
        + "roles:\n"
        + "  - type: clientagent\n    bind: 127.0.0.1:0\n"
        + "    channels: {min: 1000000000, max: 1000009999}\n" + clientAgent
        + (liveRoles ? "  - type: stateserver\n    control: 402000\n"
            + "  - type: dbss\n    database: 402001\n"
            + "    ranges:\n      - {min: 100000000, max: 199999999}\n" : "")
        + "  - type: database\n    control: 402001\n"
        + "    generate: {min: 100000000, max: 199999999}\n"
        + "plugins:\n" + plugins + (plugins.startsWith("  admin:")
            || plugins.contains("\n  admin:") ? "" : ADMIN_ON_FREE_PORT);
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
    return server.roles().stream()
        .filter(org.openttserver.runtime.clientagent.ClientAgent.class::isInstance)
        .map(r -> ((org.openttserver.runtime.clientagent.ClientAgent) r).localAddress())
        .findFirst().orElseThrow();
  }

  /**
   * The account server's port, found through the login plugin instance (its classes are not on
   * the test class path).
   *
   * @param server the server
   * @return the port
   */
  public static int accountServerPort(Server server) {
    try {
      Object plugin = server.plugins().getPlugin("login").getPlugin();
      return ((java.net.InetSocketAddress) plugin.getClass().getMethod("accountServerAddress")
          .invoke(plugin)).getPort();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits for a stage, at most 10 s.
   *
   * @param stage the stage
   * @param <T> its value
   * @return its value
   */
  public static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Waits until a condition holds (state other threads change), at most 10 s.
   *
   * @param what for the failure message
   * @param condition the condition
   */
  public static void eventually(String what, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(end);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
