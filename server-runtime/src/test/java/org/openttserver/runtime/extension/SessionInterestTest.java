package org.openttserver.runtime.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.NoReplyException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.session.ClientSession;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.runtime.roles.RoleServers;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * {@link ClientSession#addInterest} and {@link ClientSession#removeInterest} through a real
 * client agent and state server: the futures complete on the agent's DONE_INTEREST_RESP, after
 * the client got the zone's objects, and fail with {@link NoReplyException} when the agent does
 * not answer in time.
 */
class SessionInterestTest {
  private static final long ZONE = 2000;
  private static Server server;
  private static LocalParticipant participant;
  private static AstronBridge bridge;
  private static DcClass plain;

  private ScriptedClient client;
  private ClientSession session;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("session-interest");
    server = TestServers.start(RoleServers.generalYaml(dir)
        + "messagedirector:\n  bind: 127.0.0.1:0\n"
        + "extension:\n  plugins_dir: " + dir.resolve("plugins") + "\n"
        + "  bridge_timeout_ms: 1500\n"
        + "roles:\n"
        + "  - type: clientagent\n"
        + "    bind: 127.0.0.1:0\n"
        + "    channels: {min: 1000000000, max: 1000099999}\n"
        + "    client: {type: toontown2003, heartbeat_timeout: 0}\n"
        + "    tuning: {interest_timeout: 10000}\n"
        + "  - type: stateserver\n    control: 402000\n", dir);
    participant = server.newParticipant("session-interest-test");
    bridge = AstronBridge.create(participant, 77_000_000_000L, server.dc().file(),
        BridgeSettings.defaults());
    plain = server.dc().file().dclass("RoleTestPlain");
  }

  @AfterAll
  static void stop() {
    participant.close();
    server.close();
  }

  @BeforeEach
  void connect() throws Exception {
    client = ScriptedClient.connect(((ClientAgent) server.roles().get(0)).localAddress());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.extension().sessions().all().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    session = server.extension().sessions().all().iterator().next();
    session.authenticate(1, "interest-test");
  }

  @AfterEach
  void disconnect() throws Exception {
    client.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!server.extension().sessions().all().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void addInterest_whenZoneHoldsAnObject_thenCompletesAfterTheClientGotIt() throws Exception {
    long parent = 610_000_001L;
    long child = 610_000_002L;
    await(bridge.objects().createObject(parent, 0, 0, FieldValues.empty(plain)));
    await(bridge.objects().createObject(child, parent, ZONE,
        FieldValues.builder(plain).set("setRequiredA", 5).build()));
    await(bridge.objects().getAll(child));

    await(session.addInterest(1, parent, ZONE));

    // The generate was written before the client agent answered, so it is already on its way.
    DatagramReader generate = client.expect(ClientMsg.CREATE_OBJECT_REQUIRED);
    generate.readU16();
    assertThat(generate.readDoId()).isEqualTo(child);

    await(session.removeInterest(1));

    assertThat(client.expect(ClientMsg.OBJECT_DISABLE_RESP).readDoId()).isEqualTo(child);
    await(bridge.objects().deleteRam(parent));
  }

  @Test
  void addInterest_whenSeveralZonesAndEmpty_thenCompletesWithNothingSent() throws Exception {
    long parent = 610_000_011L;
    await(bridge.objects().createObject(parent, 0, 0, FieldValues.empty(plain)));
    await(bridge.objects().getAll(parent));

    await(session.addInterest(2, parent, 1, 2, 3));
    await(session.addInterest(2, parent, 4));

    client.expectNone();
    await(bridge.objects().deleteRam(parent));
  }

  @Test
  void addInterest_whenTheAgentDoesNotAnswerInTime_thenNoReplyException() {
    long nobody = 610_000_099L; // no state server holds it: the agent waits 10 s of silence

    CompletableFuture<Void> f = session.addInterest(3, nobody, ZONE);

    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(NoReplyException.class).hasMessageContaining("1500 ms");
  }

  @Test
  void interestCommands_whenArgumentsWrongOrClientGone_thenRefused() throws Exception {
    assertThatThrownBy(() -> session.addInterest(70_000, 1, ZONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> session.addInterest(1, 1)).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> session.addInterest(1, 1L << 32 | 5, ZONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent");
    assertThatThrownBy(() -> session.addInterest(1, 1, 1L << 32 | ZONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zone");
    assertThatThrownBy(() -> session.addInterest(1, 1, ZONE, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zone");

    client.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (session.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThatThrownBy(() -> session.removeInterest(1).get(1, TimeUnit.SECONDS))
        .cause().isInstanceOf(IllegalStateException.class);
  }
}
