package org.openttserver.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.Login;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.LoginResp;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * An embedded server with the client agent, database role and the built-in plugins packaged by
 * server-runtime, plus helpers to drive its account server and game port.
 */
final class LoginCluster implements AutoCloseable {
  static final String VERSION = "sv1.0.6.9";
  static final long DB = 402001;

  private final Server server;
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalParticipant admin;

  private LoginCluster(Server server) {
    this.server = server;
  }

  /**
   * Starts a server.
   *
   * @param dir a temporary directory (config, data)
   * @param loginSection YAML lines of {@code plugins.login}, each indented four spaces
   */
  static LoginCluster start(Path dir, String loginSection) {
    return new LoginCluster(EmbeddedServers.start(dir, EmbeddedServers.yaml(dir,
        EmbeddedServers.DEMO_DC, "", false, "  login:\n" + loginSection), "login-plugin.jar"));
  }

  /** The usual test settings: free ports, cheap hashing, small rate limits. */
  static String section(boolean acceptUnknown, int ttlSeconds) {
    return "    http_bind: 127.0.0.1:0\n"
        + "    accept_unknown_tokens: " + acceptUnknown + "\n"
        + "    token_ttl_seconds: " + ttlSeconds + "\n"
        + "    hash_memory_kib: 1024\n    hash_iterations: 1\n"
        + "    blue_codes: {BLUE-1234: BlueToon}\n"
        + "    rate_limit: {per_account: 3, per_address: 30, window_seconds: 300,"
        + " creates_per_address: 50}\n";
  }

  InetSocketAddress gamePort() {
    return EmbeddedServers.gamePort(server);
  }

  long dcHash() {
    return server.dc().clientHash();
  }

  /** {@return the account server's base URL, found through the plugin instance} */
  String baseUrl() {
    try {
      Object plugin = server.plugins().getPlugin("login").getPlugin();
      InetSocketAddress a = (InetSocketAddress) plugin.getClass()
          .getMethod("accountServerAddress").invoke(plugin);
      return "http://127.0.0.1:" + a.getPort();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** POSTs a form to {@code /<op>.php?n=<name>}; returns the reply text. */
  String post(String op, String body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/" + op + ".php"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  String get(String page) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/" + page)).GET().build());
  }

  private String send(HttpRequest req) {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@return the value of {@code key=} in an account-server reply, or null} */
  static String value(String reply, String key) {
    for (String line : reply.split("\n")) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1);
      }
    }
    return null;
  }

  /** Creates an account through the account server and returns a fresh play token. */
  String createAndPlay(String name, String password) {
    String created = post("create", "n=" + name + "&p=" + password);
    assertThat(value(created, "errorMsg")).as(created).isNull();
    String play = post("play", "n=" + name + "&p=" + password);
    assertThat(value(play, "playToken")).as(play).isNotNull();
    return value(play, "playToken");
  }

  ScriptedClient client() {
    return ScriptedClient.connect(gamePort());
  }

  /** Sends LOGIN_2 with a play token, the right version and hash. */
  void login2(ScriptedClient c, String token) {
    c.send(new Login2(token, VERSION, dcHash(), ClientMsg.TokenType.PLAY_TOKEN));
  }

  Login2Resp expectLogin2(ScriptedClient c) {
    return c.expect(Login2Resp.class);
  }

  /** Old-style LOGIN; returns the reply. */
  LoginResp oldLogin(ScriptedClient c, String name, String pw, boolean create) {
    c.send(new Login(name, 0x7F000001L, 5150, VERSION, dcHash(), pw, create));
    return c.expect(LoginResp.class);
  }

  /** Bans an account directly in the database. */
  void ban(long doId, int state, long expiry, String reason) {
    DcClass acct = server.dc().file().dclass("OpenTTAccount");
    DatagramWriter w = Datagram.header(DB, 4242, AstronMsg.DBSERVER_OBJECT_SET_FIELDS)
        .doId(doId).u16(3);
    w.u16(acct.field("setBanState").globalId()).u8(state);
    w.u16(acct.field("setBanReason").globalId()).string(reason);
    w.u16(acct.field("setBanExpiry").globalId()).u32(expiry);
    synchronized (this) {
      if (admin == null) {
        admin = server.newParticipant("test-admin");
      }
    }
    admin.send(Datagram.of(w));
  }

  /**
   * Plays a client agent on the message director: announces a client connected from {@code
   * remoteIp} on a connection channel of its own (1300), passes it one 2003 message (1301) and
   * returns the first command the extension sends that connection.
   */
  Datagram fakeClient(String remoteIp, byte[] message) throws Exception {
    long conn = 1_009_000_000L + System.nanoTime() % 1000;
    try (LocalParticipant ca = server.newParticipant("test-ca")) {
      ca.subscribe(conn);
      CompletableFuture<Datagram> reply = new CompletableFuture<>();
      ca.onMessage(AstronMsg.CLIENTAGENT_EJECT, reply::complete);
      ca.onMessage(AstronMsg.CLIENTAGENT_SEND_DATAGRAM, reply::complete);
      ca.send(Datagram.of(Datagram.header(5536, conn, AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED)
          .channel(conn).string(remoteIp).u16(40000).string("127.0.0.1").u16(5150)));
      ca.send(Datagram.of(Datagram.header(5536, conn, AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE)
          .channel(conn).bytes(message)));
      return reply.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close();
    }
    server.close();
  }
}
