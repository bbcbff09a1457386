package org.openttserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.Heartbeat;
import org.openttserver.api.protocol.Login2;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.config.ServerConfig;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.client.ScriptedClient;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/** The assembled server over real sockets: MD listener, client agent, extension core. */
class ServerEndToEndTest {
  @TempDir
  Path dir;
  private Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Server startWithClientAgent() {
    String yaml = TestServers.minimalYaml(dir)
        + "roles:\n"
        + "  - type: clientagent\n"
        + "    bind: 127.0.0.1:0\n"
        + "    channels: {min: 1000000000, max: 1000000999}\n";
    server = TestServers.start(yaml, dir);
    return server;
  }

  private InetSocketAddress gamePort() {
    return ((ClientAgent) server.roles().get(0)).localAddress();
  }

  @Test
  void shippedConfig_whenLoaded_thenHasTheDocumentedDefaults() {
    ServerConfig cfg = ConfigLoader.load(TestServers.REPO.resolve("config/openttserver.yml"));
    assertThat(cfg.messagedirector().bind()).isEqualTo("127.0.0.1:7199");
    assertThat(cfg.extension().channel()).isEqualTo(5536L);
    assertThat(cfg.general().dcFiles()).containsExactly("etc/toon.dc", "config/dc/openttserver.dc");
    assertThat(cfg.roles()).extracting(r -> r.path("type").asText()).contains("clientagent");
  }

  @Test
  void messageDirector_whenTwoParticipantsConnect_thenTheyExchangeDatagrams() {
    startWithClientAgent();
    try (MdConnection a = MdConnection.connect(server.mdAddress());
        MdConnection b = MdConnection.connect(server.mdAddress())) {
      a.subscribe(424242);
      b.subscribe(434343);
      settle(a, b, 434343);
      MdDatagram toA = MdDatagram.builder(1234).to(424242).from(434343)
          .payload(w -> w.string("hello a")).build();
      MdDatagram toB = MdDatagram.builder(1235).to(434343).from(424242)
          .payload(w -> w.u32(7)).build();
      b.send(toA);
      a.expect(toA);
      a.send(toB);
      b.expect(toB);
    }
  }

  /**
   * Waits until both links' subscriptions are in force: each link handles its own control
   * messages in order, but two links run on different threads.
   */
  private static void settle(MdConnection from, MdConnection to, long toChannel) {
    MdDatagram probe = MdDatagram.builder(9).to(toChannel).from(0).build();
    boolean arrived = false;
    for (int i = 0; i < 100 && !arrived; i++) {
      from.send(probe);
      arrived = to.receive(Duration.ofMillis(20)).isPresent();
    }
    assertThat(arrived).as("probe through the director").isTrue();
    while (to.receive(Duration.ofMillis(100)).isPresent()) {
      // drain the extra probes
    }
  }

  @Test
  void client_whenNoPluginHandlesLogin_thenBootedWithInvalidMsgtype() {
    startWithClientAgent();
    try (ScriptedClient c = ScriptedClient.connect(gamePort())) {
      c.send(new Heartbeat());
      c.send(new Login2("token", "sv1.0.6.9", server.dc().clientHash(),
          ClientMsg.TokenType.PLAY_TOKEN));
      String reason = c.expectGoGetLost(BootCode.INVALID_MSGTYPE);
      assertThat(reason).contains("16");
    }
  }

  @Test
  void client_whenOneIsBooted_thenAnotherStaysConnected() {
    startWithClientAgent();
    try (ScriptedClient good = ScriptedClient.connect(gamePort());
        ScriptedClient bad = ScriptedClient.connect(gamePort())) {
      bad.sendRaw(new byte[] {1, 0, 7});
      bad.expectGoGetLost(BootCode.TRUNCATED_DATAGRAM);
      good.send(new Heartbeat());
      good.expectNone(Duration.ofMillis(200));
      good.send(new GetShardList());
      good.expectGoGetLost(BootCode.INVALID_MSGTYPE);
    }
  }
}
