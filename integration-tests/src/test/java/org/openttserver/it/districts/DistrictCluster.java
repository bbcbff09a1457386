package org.openttserver.it.districts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.testclient.ai.TestAi;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * An embedded server with every role and the login, avatars and districts plugins; AIs are
 * {@link TestAi}s on participants of its message director.
 */
final class DistrictCluster implements AutoCloseable {
  static final Duration SLOW = Duration.ofSeconds(10);
  /** A boy dog Make-A-Toon can make. */
  static final byte[] DOG = EmbeddedServers.DOG;

  private static final AtomicLong AI_CHANNELS = new AtomicLong(4_100_000_000L);

  final Server server;
  private LocalParticipant admin;
  private AstronBridge bridge;

  private DistrictCluster(Server server) {
    this.server = server;
  }

  static DistrictCluster start(Path dir) {
    return start(dir, "");
  }

  /**
   * Starts a server.
   *
   * @param dir the test's directory
   * @param topLevel extra top-level YAML sections (e.g. an {@code ai:} section), or ""
   */
  static DistrictCluster start(Path dir, String topLevel) {
    String yaml = topLevel + EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC,
        EmbeddedServers.UNLIMITED_CLIENTS, true,
        EmbeddedServers.TEST_LOGIN
        + "    access_levels: {wizard: 300}\n"
        + "  avatars:\n    enabled: true\n  names:\n    enabled: false\n"
        + "  districts:\n    enabled: true\n");
    return new DistrictCluster(EmbeddedServers.start(dir, yaml, "districts-plugin.jar"));
  }

  /** A new AI on its own participant. */
  TestAi ai() {
    LocalParticipant p = server.newParticipant("test-ai");
    return new TestAi(p, p::close, AI_CHANNELS.incrementAndGet(), server.dc().file());
  }

  InetSocketAddress gamePort() {
    return EmbeddedServers.gamePort(server);
  }

  /** A client logged in as {@code name}. */
  ScriptedClient login(String name) {
    ScriptedClient c = ScriptedClient.connect(gamePort());
    c.send(new Login2(name, "sv1.0.6.9", server.dc().clientHash(),
        ClientMsg.TokenType.PLAY_TOKEN));
    assertThat(c.expect(Login2Resp.class, SLOW).returnCode()).isZero();
    return c;
  }

  /** Logs in, makes a toon in slot 0 and plays it; returns the toon's id. */
  static long play(ScriptedClient c) {
    c.send(new CreateAvatar(0, DOG, 0));
    CreateAvatarResp r = c.expect(CreateAvatarResp.class, SLOW);
    assertThat(r.returnCode()).isZero();
    long id = r.avatarId().getAsLong();
    c.send(new SetAvatar(id));
    assertThat(c.expect(GetAvatarDetailsResp.class, SLOW).returnCode()).isZero();
    return id;
  }

  DistrictDirectory directory() {
    return server.plugins().service(DistrictDirectory.class).orElseThrow();
  }

  /** A bridge of the test's own. */
  synchronized AstronBridge bridge() {
    if (bridge == null) {
      admin = server.newParticipant("districts-test");
      bridge = AstronBridge.create(admin, 77_000_000_321L, server.dc().file(),
          BridgeSettings.defaults());
    }
    return bridge;
  }

  /** Waits until a condition holds (state that other threads change). */
  static void eventually(String what, java.util.function.BooleanSupplier condition) {
    EmbeddedServers.eventually(what, condition);
  }

  static <T> T await(CompletionStage<T> stage) {
    return EmbeddedServers.await(stage);
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
