package org.openttserver.it.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.api.service.AccountDirectory;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.service.ZoneDirectory;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * Every built-in plugin can be switched off with {@code plugins.<id>.enabled: false}: the server
 * still starts, and a 2003 client sees what README's plugin table says. A built-in plugin
 * without an entry in {@link #WHEN_OFF} (or in README's table) fails {@link
 * #everyBuiltinPlugin_hasATestedAndDocumentedOffBehaviour}.
 */
class PluginSwitchesTest {
  static final Path REPO = EmbeddedServers.REPO;
  static final Path BUILTIN = EmbeddedServers.BUILTIN;

  /** What a client sees with the plugin off; runs against a server with only that plugin off. */
  interface OffCheck {
    void check(Server server, ScriptedClient client) throws Exception;
  }

  static final Map<String, OffCheck> WHEN_OFF = Map.of(
      "login", (server, client) -> {
        // No login plugin: LOGIN_2 has no handler (GO_GET_LOST 108), nothing answers on the
        // account-server port, and nobody provides the AccountDirectory service.
        client.send(new Login2("Flippy", "sv1.0.6.9", server.dc().clientHash(),
            ClientMsg.TokenType.PLAY_TOKEN));
        assertThat(client.expectGoGetLost(BootCode.INVALID_MSGTYPE))
            .contains("unknown message type " + ClientMsg.LOGIN_2);
        client.expectClosed(Duration.ofSeconds(2));
        assertThat(server.plugins().service(AccountDirectory.class)).isEmpty();
      },
      "avatars", (server, client) -> {
        // No avatars plugin: GET_AVATARS has no handler (GO_GET_LOST 108, so a client cannot
        // reach the avatar chooser), and nobody provides the AvatarDirectory service.
        client.send(new GetAvatars());
        assertThat(client.expectGoGetLost(BootCode.INVALID_MSGTYPE))
            .contains("unknown message type " + ClientMsg.GET_AVATARS);
        client.expectClosed(Duration.ofSeconds(2));
        assertThat(server.plugins().service(AvatarDirectory.class)).isEmpty();
      },
      "names", (server, client) -> {
        // No names plugin: the avatars plugin's fallbacks answer, so Make-A-Toon still ends in
        // the game: a picked name is refused (68 code 1), a typed one "waits for review" (71)
        // and nothing is stored; nobody provides NameReview.
        client.send(new Login2("Namer", "sv1.0.6.9", server.dc().clientHash(),
            ClientMsg.TokenType.PLAY_TOKEN));
        assertThat(client.expect(Login2Resp.class).returnCode()).isZero();
        client.send(new SetNamePattern(100000001L, List.of(new SetNamePattern.Part(0xFFFF, 1),
            new SetNamePattern.Part(1, 1), new SetNamePattern.Part(0xFFFF, 1),
            new SetNamePattern.Part(0xFFFF, 0))));
        assertThat(client.expect(SetNamePatternAnswer.class).returnCode()).isNotZero();
        client.send(new SetWishName(100000001L, "Flippy"));
        assertThat(client.expect(SetWishNameResp.class))
            .isEqualTo(SetWishNameResp.pending(100000001L, "Flippy"));
        assertThat(server.plugins().service(NameReview.class)).isEmpty();
      },
      "districts", (server, client) -> {
        // No districts plugin: the district list has no handler (GO_GET_LOST 108, so the client
        // cannot get past its login screen), and nobody provides DistrictDirectory.
        client.send(new Login2("Wanderer", "sv1.0.6.9", server.dc().clientHash(),
            ClientMsg.TokenType.PLAY_TOKEN));
        assertThat(client.expect(Login2Resp.class).returnCode()).isZero();
        client.send(new GetShardList());
        assertThat(client.expectGoGetLost(BootCode.INVALID_MSGTYPE))
            .contains("unknown message type " + ClientMsg.GET_SHARD_LIST);
        client.expectClosed(Duration.ofSeconds(2));
        assertThat(server.plugins().service(DistrictDirectory.class)).isEmpty();
      },
      "zones", (server, client) -> {
        // No zones plugin: SET_ZONE has no handler (GO_GET_LOST 108, so a client cannot get
        // past its first quiet zone), and nobody provides the ZoneDirectory service.
        client.send(new Login2("Walker", "sv1.0.6.9", server.dc().clientHash(),
            ClientMsg.TokenType.PLAY_TOKEN));
        assertThat(client.expect(Login2Resp.class).returnCode()).isZero();
        client.send(new SetZone(1));
        assertThat(client.expectGoGetLost(BootCode.INVALID_MSGTYPE))
            .contains("unknown message type " + ClientMsg.SET_ZONE);
        assertThat(server.plugins().service(ZoneDirectory.class)).isEmpty();
      },
      "friends", (server, client) -> {
        // No friends plugin: GET_FRIEND_LIST has no handler (GO_GET_LOST 108), and nobody
        // provides the FriendDirectory service.
        client.send(new Login2("Lonely", "sv1.0.6.9", server.dc().clientHash(),
            ClientMsg.TokenType.PLAY_TOKEN));
        assertThat(client.expect(Login2Resp.class).returnCode()).isZero();
        client.send(new org.openttserver.api.protocol.GetFriendList());
        assertThat(client.expectGoGetLost(BootCode.INVALID_MSGTYPE))
            .contains("unknown message type " + ClientMsg.GET_FRIEND_LIST);
        client.expectClosed(Duration.ofSeconds(2));
        assertThat(server.plugins().service(
            org.openttserver.api.service.FriendDirectory.class)).isEmpty();
      },
      "admin", (server, client) -> {
        // No admin plugin: clients play as usual, and no admin page or API listens.
        client.send(new Login2("Unwatched", "sv1.0.6.9", server.dc().clientHash(),
            ClientMsg.TokenType.PLAY_TOKEN));
        assertThat(client.expect(Login2Resp.class).returnCode()).isZero();
        assertThat(server.plugins().getPlugin("admin").getPluginState().toString())
            .isEqualTo("DISABLED");
      });

  @TempDir Path dir;

  static Set<String> builtinIds() throws IOException {
    assertThat(BUILTIN).as("run 'mvn verify': server-runtime must be packaged first").isDirectory();
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> jars = Files.list(BUILTIN)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        try (JarFile f = new JarFile(jar.toFile())) {
          ids.add(f.getManifest().getMainAttributes().getValue("Plugin-Id"));
        }
      }
    }
    return ids;
  }

  static List<String> builtinPluginIds() throws IOException {
    return List.copyOf(builtinIds());
  }

  private Server start(String pluginsSection) {
    return EmbeddedServers.start(dir, EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC, "", true,
        pluginsSection), "login-plugin.jar");
  }

  private static InetSocketAddress gamePort(Server server) {
    return server.roles().stream().filter(ClientAgent.class::isInstance)
        .map(r -> ((ClientAgent) r).localAddress()).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0} off")
  @MethodSource("builtinPluginIds")
  void pluginOff_whenServerStarts_thenItRunsAndClientSeesTheDocumentedOutcome(String id)
      throws Exception {
    // Free ports for the plugins that open one (login's account server).
    String section = "  " + id + ":\n    enabled: false\n"
        + ("login".equals(id) ? "" : "  login:\n    http_bind: 127.0.0.1:0\n"
            + "    accept_unknown_tokens: true\n    hash_memory_kib: 1024\n"
            + "    hash_iterations: 1\n");
    try (Server server = start(section);
        ScriptedClient client = ScriptedClient.connect(gamePort(server))) {
      assertThat(server.plugins().getPlugin(id).getPluginState().toString()).isEqualTo("DISABLED");
      assertThat(WHEN_OFF).as("documented behaviour of '%s' when off", id).containsKey(id);
      WHEN_OFF.get(id).check(server, client);
    }
  }

  @Test
  void everyBuiltinPlugin_hasATestedAndDocumentedOffBehaviour() throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"));
    for (String id : builtinIds()) {
      assertThat(WHEN_OFF).as("a check of what clients see with '%s' off", id).containsKey(id);
      assertThat(readme).as("README's plugin table has a row for '%s'", id)
          .contains("| `" + id + "` |");
    }
  }

  @Test
  void loginOn_whenAccountLoggedIn_thenAccountDirectoryServiceKnowsIt() throws Exception {
    try (Server server = start("  login:\n    http_bind: 127.0.0.1:0\n"
        + "    accept_unknown_tokens: true\n    hash_memory_kib: 1024\n    hash_iterations: 1\n");
        ScriptedClient client = ScriptedClient.connect(gamePort(server))) {
      client.send(new Login2("Flippy", "sv1.0.6.9", server.dc().clientHash(),
          ClientMsg.TokenType.PLAY_TOKEN));
      assertThat(client.expect(Login2Resp.class).returnCode()).isZero();
      long accountId = server.extension().sessions().all().iterator().next().accountId();

      AccountDirectory dir = server.plugins().service(AccountDirectory.class).orElseThrow();
      AccountDirectory.AccountInfo info = dir.account(accountId).toCompletableFuture()
          .get(5, java.util.concurrent.TimeUnit.SECONDS).orElseThrow();
      assertThat(info).isEqualTo(new AccountDirectory.AccountInfo(accountId, "Flippy", 0, true,
          1, false));
      assertThat(dir.account(accountId + 1_000_000).toCompletableFuture()
          .get(5, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void loginOff_thenAccountServerPortIsNotOpened() throws Exception {
    // With login on, its account server listens on the configured port; off, nothing does.
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (Server server = start("  login:\n    enabled: false\n    http_bind: 127.0.0.1:" + port
        + "\n")) {
      assertThat(server.plugins().getPlugin("login").getPluginState().toString())
          .isEqualTo("DISABLED");
      try (Socket s = new Socket("127.0.0.1", port)) {
        throw new AssertionError("something listens on " + port + " with login off");
      } catch (ConnectException expected) {
        // nothing listening, as documented
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
