package org.openttserver.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.Login;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.LoginResp;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * A server with the built-in login, avatars, names and admin plugins, an administrator account
 * "Boss" and a moderator "Helper" (access levels from the configuration, passwords set through
 * the old-style LOGIN's create), and scripted players.
 */
final class AdminCluster implements AutoCloseable {
  static final Duration SLOW = Duration.ofSeconds(10);
  static final String BOSS_PASSWORD = "boss-password";
  static final String HELPER_PASSWORD = "helper-password";

  final Server server;
  final Path dir;

  private AdminCluster(Server server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  static AdminCluster start(Path dir) {
    AdminCluster c = restart(dir);
    c.createWithPassword("Boss", BOSS_PASSWORD);
    c.createWithPassword("Helper", HELPER_PASSWORD);
    return c;
  }

  /** Starts the server again on a directory a cluster ran in (its accounts already made). */
  static AdminCluster restart(Path dir) {
    String plugins = EmbeddedServers.TEST_LOGIN + "    access_levels: {Boss: 300, Helper: 200}\n"
        + "  avatars:\n    enabled: true\n";
    return new AdminCluster(EmbeddedServers.start(dir, EmbeddedServers.yaml(dir,
        EmbeddedServers.DEMO_DC, EmbeddedServers.UNLIMITED_CLIENTS, true, plugins),
        "admin-plugin.jar"), dir);
  }

  /** {@return the admin page's base address, found through the plugin (not on our class path)} */
  String base() {
    try {
      Object plugin = server.plugins().getPlugin("admin").getPlugin();
      InetSocketAddress a = (InetSocketAddress) plugin.getClass().getMethod("address")
          .invoke(plugin);
      return "http://127.0.0.1:" + a.getPort();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  String apiToken() {
    try {
      return Files.readString(dir.resolve("data/plugins/admin/api-token")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Calls the JSON API; {@code form} null for a GET. */
  HttpResponse<String> api(String path, String form) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Authorization", "Bearer " + apiToken()).timeout(SLOW);
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
    }
    try {
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Makes an account with a password through the old-style LOGIN's create flag. */
  void createWithPassword(String name, String password) {
    try (ScriptedClient c = ScriptedClient.connect(EmbeddedServers.gamePort(server))) {
      c.send(new Login(name, 0x7F000001L, 5150, "sv1.0.6.9", server.dc().clientHash(), password,
          true));
      assertThat(c.expect(LoginResp.class, SLOW).returnCode()).as("create %s", name).isZero();
    }
  }

  /** A client logged in with a made-up play token as {@code name}. */
  ScriptedClient player(String name) {
    ScriptedClient c = ScriptedClient.connect(EmbeddedServers.gamePort(server));
    c.send(new Login2(name, "sv1.0.6.9", server.dc().clientHash(),
        ClientMsg.TokenType.PLAY_TOKEN));
    assertThat(c.expect(Login2Resp.class, SLOW).returnCode()).isZero();
    return c;
  }

  /** Logs in, makes a cat and types a name for it; {@return the cat's id} */
  static long catWithWish(ScriptedClient c, String wish) {
    c.send(new CreateAvatar(0, EmbeddedServers.CAT, 0));
    long cat = c.expect(CreateAvatarResp.class, SLOW).avatarId().getAsLong();
    c.send(new SetWishName(cat, wish));
    assertThat(c.expect(SetWishNameResp.class, SLOW)).isEqualTo(SetWishNameResp.pending(cat,
        wish));
    return cat;
  }

  /** {@return the avatar chooser's entry of a toon} */
  static AvatarListResp.Avatar entry(ScriptedClient c, long avatarId) {
    c.send(new GetAvatars());
    return c.expect(AvatarListResp.class, SLOW).avatars().stream()
        .filter(a -> a.avatarId() == avatarId).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    server.close();
  }
}
