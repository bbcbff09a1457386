package org.openttserver.it.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.session.ClientSession;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.PluginJars;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * An embedded server with the built-in plugins (login accepting unknown play tokens, names) and,
 * optionally, the test-only {@link FakeAvatarsPlugin} as a drop-in plugin jar.
 */
final class NamesCluster implements AutoCloseable {
  static final Path REPO = EmbeddedServers.REPO;

  final Server server;

  private NamesCluster(Server server) {
    this.server = server;
  }

  /**
   * Starts a server.
   *
   * @param dir a temporary directory
   * @param withAvatars whether to install the fake avatars plugin
   * @param namesSection YAML lines of {@code plugins.names}, each indented four spaces
   */
  static NamesCluster start(Path dir, boolean withAvatars, String namesSection) {
    if (withAvatars) {
      try {
        PluginJars.write(dir.resolve("plugins"), "fakeavatars", FakeAvatarsPlugin.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new NamesCluster(EmbeddedServers.start(dir, EmbeddedServers.yaml(dir,
        EmbeddedServers.DEMO_DC, "", false,
        "  login:\n    http_bind: ''\n    accept_unknown_tokens: true\n"
            + "    hash_memory_kib: 1024\n    hash_iterations: 1\n"
            + "    rate_limit: {creates_per_address: 100000}\n"
            // The test's own avatars plugin (or none) stands in for the built-in one.
            + "  avatars:\n    enabled: false\n"
            + "  names:\n" + namesSection), "names-plugin.jar"));
  }

  InetSocketAddress gamePort() {
    return EmbeddedServers.gamePort(server);
  }

  ScriptedClient client() {
    return ScriptedClient.connect(gamePort());
  }

  /** Logs a client in as the account of this name (created on first use); returns its id. */
  long login(ScriptedClient c, String name) {
    c.send(new Login2(name, "sv1.0.6.9", server.dc().clientHash(),
        ClientMsg.TokenType.PLAY_TOKEN));
    assertThat(c.expect(Login2Resp.class).returnCode()).isZero();
    return server.extension().sessions().all().stream()
        .filter(s -> name.equals(s.accountName())).mapToLong(ClientSession::accountId)
        .findFirst().orElseThrow();
  }

  AvatarDirectory avatars() {
    return server.plugins().service(AvatarDirectory.class).orElseThrow();
  }

  NameReview review() {
    return server.plugins().service(NameReview.class).orElseThrow();
  }

  /** The account's two toons (boy, girl). */
  List<AvatarInfo> toons(long accountId) throws Exception {
    return avatars().avatarsOf(accountId).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  AvatarInfo toon(long avatarId) throws Exception {
    return avatars().avatar(avatarId).toCompletableFuture().get(5, TimeUnit.SECONDS)
        .orElseThrow();
  }

  @Override
  public void close() {
    server.close();
  }
}
