package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.session.ClientSession;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * An embedded server with every role (client agent, state server, DBSS, database) and the
 * built-in plugins packaged by server-runtime; clients log in with made-up play tokens.
 */
final class AvatarCluster implements AutoCloseable {
  static final Path REPO = EmbeddedServers.REPO;
  static final Path BUILTIN = EmbeddedServers.BUILTIN;
  static final Path REFERENCE_DC = REPO.resolve("../shared/reference/toon.dc").normalize();
  static final String DEMO_DC = EmbeddedServers.DEMO_DC;
  static final Duration SLOW = Duration.ofSeconds(10);

  /** A boy dog Make-A-Toon can make: shirt bss1 and shorts bbs1, head colour 14 (Sea Green). */
  static final byte[] DOG = EmbeddedServers.DOG;
  /** A girl cat in a dress (torso 3) with skirt gsk1; head colour 24 (Pink). */
  static final byte[] CAT = EmbeddedServers.CAT;

  final Server server;
  private LocalParticipant admin;
  private AstronBridge bridge;

  private AvatarCluster(Server server) {
    this.server = server;
  }

  /** {@return 't' followed by the 14 given bytes} */
  static byte[] toon(int... b) {
    byte[] out = new byte[15];
    out[0] = 't';
    for (int i = 0; i < 14; i++) {
      out[i + 1] = (byte) b[i];
    }
    return out;
  }

  /**
   * Starts a server.
   *
   * @param dir a temporary directory
   * @param toonDc the first DC file (the demo or the reference toon.dc)
   * @param avatarsSection YAML lines of {@code plugins.avatars}, four-space indented, or ""
   */
  static AvatarCluster start(Path dir, String toonDc, String avatarsSection) {
    return new AvatarCluster(EmbeddedServers.start(dir, yaml(dir, toonDc, avatarsSection),
        "avatars-plugin.jar"));
  }

  static String yaml(Path dir, String toonDc, String avatarsSection) {
    return EmbeddedServers.yaml(dir, toonDc, EmbeddedServers.UNLIMITED_CLIENTS, true,
        EmbeddedServers.TEST_LOGIN
        + "  avatars:\n" + (avatarsSection.isEmpty() ? "    enabled: true\n" : avatarsSection));
  }

  InetSocketAddress gamePort() {
    return EmbeddedServers.gamePort(server);
  }

  /** A client logged in as {@code name} (the account is made on first use). */
  ScriptedClient login(String name) {
    ScriptedClient c = ScriptedClient.connect(gamePort());
    login(c, name);
    return c;
  }

  void login(ScriptedClient c, String name) {
    c.send(new Login2(name, "sv1.0.6.9", server.dc().clientHash(),
        ClientMsg.TokenType.PLAY_TOKEN));
    assertThat(c.expect(Login2Resp.class, SLOW).returnCode()).isZero();
  }

  /** {@return the account id of a logged-in account name} */
  long accountId(String name) {
    return server.extension().sessions().all().stream()
        .filter(s -> s.accountName().equals(name)).mapToLong(ClientSession::accountId)
        .findFirst().orElseThrow();
  }

  static AvatarListResp list(ScriptedClient c) {
    c.send(new GetAvatars());
    AvatarListResp r = c.expect(AvatarListResp.class, SLOW);
    assertThat(r.returnCode()).isZero();
    return r;
  }

  static long create(ScriptedClient c, byte[] dna, int slot) {
    c.send(new CreateAvatar(0, dna, slot));
    CreateAvatarResp r = c.expect(CreateAvatarResp.class, SLOW);
    assertThat(r.returnCode()).as("create in slot %d", slot).isZero();
    return r.avatarId().getAsLong();
  }

  static int createCode(ScriptedClient c, byte[] dna, int slot) {
    c.send(new CreateAvatar(7, dna, slot));
    CreateAvatarResp r = c.expect(CreateAvatarResp.class, SLOW);
    assertThat(r.echoContext()).isEqualTo(7);
    return r.returnCode();
  }

  AvatarDirectory directory() {
    return server.plugins().service(AvatarDirectory.class).orElseThrow();
  }

  DcClass toonClass() {
    return server.dc().file().dclass("DistributedToon");
  }

  /** A bridge of the test's own, on a participant of the embedded message director. */
  synchronized AstronBridge bridge() {
    if (bridge == null) {
      admin = server.newParticipant("avatars-test");
      bridge = AstronBridge.create(admin, 77_000_000_123L, server.dc().file(),
          BridgeSettings.defaults());
    }
    return bridge;
  }

  static <T> T await(CompletionStage<T> stage) {
    return EmbeddedServers.await(stage);
  }

  /** Calls the plugin's createInSlot (the plugin's classes are not on the test class path). */
  @SuppressWarnings("unchecked")
  java.util.concurrent.CompletableFuture<Long> createInSlot(long accountId, String name,
      byte[] dna, int slot) {
    try {
      Object plugin = server.plugins().getPlugin("avatars").getPlugin();
      return (java.util.concurrent.CompletableFuture<Long>) plugin.getClass()
          .getMethod("createInSlot", long.class, String.class, byte[].class, int.class)
          .invoke(plugin, accountId, name, dna, slot);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (bridge != null) {
      bridge.close();
    }
    if (admin != null) {
      admin.close();
    }
    server.close();
  }
}
