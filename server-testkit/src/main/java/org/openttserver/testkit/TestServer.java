package org.openttserver.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.testclient.game.GameClient;

/**
 * An embedded server for a plugin's tests: every role in one JVM on free loopback ports, the
 * plugin under test dropped in, the built-in plugins it needs beside it, data under a directory
 * of its own; and scripted 2003 clients to drive it.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.withPlugin(MotdPlugin.class).withDistrict("Test Valley")
 *         .config("motd", "text: Welcome!").start();
 *     GameClient client = server.clientInGame()) {
 *   client.enterDistrict(server.district());
 *   assertThat(client.updates()).isNotEmpty(); // what the client applied while entering
 * }
 * }</pre>
 *
 * <p>The plugin under test is found from its class: compiled classes ({@code target/classes},
 * with {@code plugin.properties} at their top) are packed into a jar first, a class in a jar is
 * used as that jar. Either way the server loads it as it loads a dropped-in jar, with its own
 * class loader. Logins use made-up play tokens (the login plugin runs with {@code
 * accept_unknown_tokens}), so each client is a new account. Unless the test configures them,
 * the zones and names plugins look for the client's files in the server's own {@code etc/}
 * (empty: the demo world and the demo names).
 */
public final class TestServer implements AutoCloseable {
  /** A boy dog Make-A-Toon can make: shirt bss1 and shorts bbs1, head colour 14 (Sea Green). */
  public static final byte[] DOG = {'t', 0, 0, 0, 1, 0, 3, 0, 3, 0, 0, 3, 0, 3, 14};
  /** A girl cat in a dress (torso 3) with skirt gsk1; head colour 24 (Pink). */
  public static final byte[] CAT = {'t', 4, 3, 1, 0, 0, 1, 0, 1, 0, 21, 1, 0, 6, 24};
  /** The demo DC file of the client, relative to a test server's directory. */
  public static final String DEMO_DC = "config/dc/demo-toon.dc";
  /** The built-in plugins, by id, in the order they are listed in the README. */
  public static final List<String> BUILTIN_PLUGINS = PluginPackager.BUILTIN;

  private static final AtomicLong TOKENS = new AtomicLong();

  private final Server server;
  private final Path dir;
  private final boolean ownDir;
  private final List<GameClient> clients = new ArrayList<>();

  private TestServer(Server server, Path dir, boolean ownDir) {
    this.server = server;
    this.dir = dir;
    this.ownDir = ownDir;
  }

  /**
   * A server with one plugin under test and every built-in plugin.
   *
   * @param pluginClass the plugin's class (from its compiled classes or its jar)
   * @return a builder to configure further and {@link Builder#start()}
   */
  public static Builder withPlugin(Class<?> pluginClass) {
    return builder().plugin(pluginClass);
  }

  /** {@return a builder of a server with every built-in plugin and nothing else} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the running server (roles, plugin host, DC)} */
  public Server server() {
    return server;
  }

  /**
   * {@return the district of the AI {@link Builder#withDistrict} runs}
   *
   * @throws IllegalStateException if the server runs no AI
   */
  public long district() {
    return server.ai().orElseThrow(() -> new IllegalStateException(
        "no district: start the server with TestServer.Builder.withDistrict(name)")).districtId();
  }

  /** {@return the server's directory: its configuration, data/, plugins/} */
  public Path directory() {
    return dir;
  }

  /** {@return where 2003 clients connect} */
  public InetSocketAddress gamePort() {
    return gamePort(server);
  }

  /** {@return where the account server (the login plugin's HTTP port) listens} */
  public int accountServerPort() {
    return accountServerPort(server);
  }

  /**
   * The game port (the client agent's address) of any embedded server.
   *
   * @param server the server
   * @return where 2003 clients connect
   */
  public static InetSocketAddress gamePort(Server server) {
    return server.roles().stream().filter(ClientAgent.class::isInstance)
        .map(r -> ((ClientAgent) r).localAddress()).findFirst().orElseThrow();
  }

  /**
   * The account server's port of any embedded server, found through the login plugin instance
   * (its classes are not on the test class path).
   *
   * @param server the server
   * @return the port
   */
  public static int accountServerPort(Server server) {
    try {
      Object plugin = server.plugins().getPlugin("login").getPlugin();
      return ((InetSocketAddress) plugin.getClass().getMethod("accountServerAddress")
          .invoke(plugin)).getPort();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A 2003 client connected to the game port, not logged in; closed with the server.
   *
   * @return the client
   */
  public GameClient newClient() {
    GameClient c = GameClient.connect(gamePort(), server.dc().file(), server.dc().clientHash());
    synchronized (clients) {
      clients.add(c);
    }
    return c;
  }

  /**
   * A client logged in as a new account (a made-up play token), at the avatar chooser.
   *
   * @return the client
   */
  public GameClient loggedInClient() {
    GameClient c = newClient();
    c.login("testkit-" + ProcessHandle.current().pid() + "-" + TOKENS.incrementAndGet());
    return c;
  }

  /**
   * A client logged in as a new account that made a toon ({@link #DOG}) and chose it: the toon
   * is in the world (the moment {@code AvatarPresence.onEnter} listeners run), not yet in a
   * district. Needs the login, avatars and friends plugins.
   *
   * @return the client; {@link GameClient#avatarId()} is its toon
   */
  public GameClient clientInGame() {
    GameClient c = loggedInClient();
    c.avatarList();
    c.setAvatar(c.createAvatar(DOG, 0));
    return c;
  }

  /** Closes the clients still open, stops the server and deletes a directory it made. */
  @Override
  public void close() {
    synchronized (clients) {
      clients.forEach(GameClient::close);
      clients.clear();
    }
    server.close();
    if (ownDir) {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary directory left behind is not worth failing a test for.
    }
  }

  /** What to start: plugins, their sections, roles. */
  public static final class Builder {
    private final List<Class<?>> pluginClasses = new ArrayList<>();
    private final List<Path> pluginJars = new ArrayList<>();
    private List<String> builtins = BUILTIN_PLUGINS;
    private final Map<String, String> sections = new LinkedHashMap<>();
    private String clientAgent = ServerYaml.UNLIMITED_CLIENTS;
    private String extension = "";
    private String district;
    private String firstDc = DEMO_DC;
    private Path dir;

    private Builder() {}

    /**
     * Drops in the plugin a class belongs to: its compiled classes directory (which must hold
     * {@code plugin.properties}) packed into a jar, or the jar the class came from.
     *
     * @param pluginClass any class of the plugin, usually its main class
     * @return this
     */
    public Builder plugin(Class<?> pluginClass) {
      pluginClasses.add(pluginClass);
      return this;
    }

    /**
     * Drops in a plugin jar as it is (a built plugin, or one a test wrote).
     *
     * @param jar the jar
     * @return this
     */
    public Builder pluginJar(Path jar) {
      pluginJars.add(jar);
      return this;
    }

    /**
     * Chooses the built-in plugins installed (all of them unless this is called).
     *
     * @param ids plugin ids from {@link #BUILTIN_PLUGINS}; none for none
     * @return this
     */
    public Builder builtins(String... ids) {
      for (String id : ids) {
        if (!BUILTIN_PLUGINS.contains(id)) {
          throw new IllegalArgumentException("no built-in plugin '" + id + "'; there are "
              + BUILTIN_PLUGINS);
        }
      }
      builtins = List.of(ids);
      return this;
    }

    /**
     * Sets a plugin's configuration section ({@code plugins.<id>}).
     *
     * @param pluginId the plugin
     * @param yaml the section's body, not indented, e.g. {@code "text: Hello\nenabled: true"}
     * @return this
     */
    public Builder config(String pluginId, String yaml) {
      sections.put(pluginId, yaml);
      return this;
    }

    /**
     * Adds lines to the {@code extension} section, e.g. {@code "handler_timeout_ms: 500"}.
     *
     * @param yaml the lines, not indented
     * @return this
     */
    public Builder extension(String yaml) {
      extension += indent(yaml, "  ");
      return this;
    }

    /**
     * Runs the base AI in the server with one district, which a client enters with {@link
     * GameClient#enterDistrict} and {@link TestServer#district()}: the 2003 client is in the
     * game world, and applies updates of its own toon, only once it is in a district.
     *
     * @param name the district's name
     * @return this
     */
    public Builder withDistrict(String name) {
      this.district = name;
      return this;
    }

    /**
     * Runs the server in a directory of the test's ({@code @TempDir}) instead of a temporary
     * one deleted on close.
     *
     * @param directory the directory
     * @return this
     */
    public Builder directory(Path directory) {
      this.dir = directory;
      return this;
    }

    /**
     * Writes {@code openttserver.yml} into the server's directory and starts the server.
     *
     * @return the running server
     * @throws org.openttserver.runtime.config.ConfigException if the server refuses to start
     *     (a plugin's bad section, two plugins claiming one message type, ...)
     */
    public TestServer start() {
      boolean own = dir == null;
      try {
        Path root = own ? Files.createTempDirectory("openttserver-test") : dir;
        try {
          return new TestServer(startIn(root), root, own);
        } catch (RuntimeException | Error e) {
          if (own) {
            deleteTree(root);
          }
          throw e;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Server startIn(Path root) throws IOException {
      copyResource("dc/demo-toon.dc", root.resolve("config/dc/demo-toon.dc"));
      copyResource("dc/openttserver.dc", root.resolve("config/dc/openttserver.dc"));
      Path builtinDir = root.resolve("builtin");
      Files.createDirectories(builtinDir);
      for (String id : builtins) {
        copyResource("builtin/" + id + ".jar", builtinDir.resolve(id + ".jar"));
      }
      Path dropIns = root.resolve("plugins");
      Files.createDirectories(dropIns);
      for (Class<?> c : pluginClasses) {
        PluginPackager.pack(c, dropIns);
      }
      for (Path jar : pluginJars) {
        if (!jar.getParent().equals(dropIns)) {
          Files.copy(jar, dropIns.resolve(jar.getFileName()));
        }
      }
      StringBuilder plugins = new StringBuilder();
      if (builtins.contains("login") && !sections.containsKey("login")) {
        plugins.append(ServerYaml.TEST_LOGIN);
      }
      // The client's files are looked for in the server's directory, not the test's working
      // directory: the demo world and demo names unless the test puts files into etc/ there.
      Path etc = root.resolve("etc");
      if (builtins.contains("zones") && !sections.containsKey("zones")) {
        plugins.append("  zones:\n    dna_dirs: [").append(etc).append("]\n");
      }
      if (builtins.contains("names") && !sections.containsKey("names")) {
        plugins.append("  names:\n    name_master: [").append(etc.resolve("NameMasterEnglish.txt"))
            .append("]\n");
      }
      sections.forEach((id, yaml) -> plugins.append("  ").append(id).append(":\n")
          .append(indent(yaml.isBlank() ? "enabled: true" : yaml, "    ")));
      String yaml = ServerYaml.of(root, firstDc, clientAgent, true,
          plugins.isEmpty() ? "  {}\n" : plugins.toString());
      if (!extension.isEmpty()) {
        yaml = yaml.replace("extension:\n", "extension:\n" + extension);
      }
      if (district != null) {
        yaml = "ai:\n  district_name: \"" + district.replace("\"", "") + "\"\n" + yaml;
      }
      Path file = root.resolve("openttserver.yml");
      Files.writeString(file, yaml);
      try {
        return Server.start(ConfigLoader.load(file), root, List.of(builtinDir));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static String indent(String yaml, String by) {
      StringBuilder b = new StringBuilder();
      for (String line : yaml.split("\n")) {
        b.append(by).append(line).append('\n');
      }
      return b.toString();
    }

    private static void copyResource(String name, Path to) throws IOException {
      try (InputStream in = TestServer.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("the test kit lacks " + name + " (it is built with the "
              + "server's reactor, after the built-in plugins: 'mvn verify')");
        }
        Files.createDirectories(to.getParent());
        Files.copy(in, to);
      }
    }
  }
}
