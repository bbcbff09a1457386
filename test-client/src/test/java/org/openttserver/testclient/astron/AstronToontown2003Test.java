package org.openttserver.testclient.astron;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcBlocks;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcRequiredSet;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.testclient.client.ScriptedClient;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Drives Astron's {@code toontown2003} client type (astron.patch) with the scripted 2003 client,
 * while this test watches the extension channel and plays the extension, the AI and a state
 * server user on Astron's message director. Skipped unless {@code ASTRON_CA=host:port} (the
 * patched client agent) and {@code ASTRON_MD=host:port} are set; our server should be joined to
 * the same director as the extension ({@code --config config/astron-cluster.yml}) for the
 * no-plugin eject. The DC must be {@code dc-astron config/dc/demo-toon.dc
 * config/dc/openttserver.dc}. {@code ASTRON_CA_HEARTBEAT_MS} (the configured
 * {@code heartbeat_timeout}) enables the heartbeat test; {@code ASTRON_CA_RUNS} and
 * {@code ASTRON_CA_CLIENTS} size the repeated interest test (default 3 x 3).
 */
@EnabledIfEnvironmentVariable(named = "ASTRON_CA", matches = ".+:\\d+")
@EnabledIfEnvironmentVariable(named = "ASTRON_MD", matches = ".+:\\d+")
class AstronToontown2003Test {
  private static final long EXTENSION = 5536;
  private static final long SS_CONTROL = 402000;
  private static final long AI = 4000;
  private static final Duration WAIT = Duration.ofSeconds(5);

  // Demo DC (Astron dialect): class ids and global field ids; 2003 numbers per class.
  /** The DC files the Astron under test runs on (their dc-astron rendering): ids come from them. */
  private static final DcFile DC = loadDc();
  private static final DcClass TOON = DC.dclass("DistributedToon");
  private static final int CLASS_TOON = TOON.number();
  private static final int CLASS_DISTRICT = DC.dclass("OpenTTDistrict").number();
  private static final int FIELD_SET_X = TOON.field("setX").globalId();
  private static final int NUMBER_SET_X = TOON.field("setX").number2003();
  private static final int FIELD_SUGGEST_RESYNC = TOON.field("suggestResync").globalId();
  private static final int NUMBER_SUGGEST_RESYNC = TOON.field("suggestResync").number2003();
  private static final Map<String, List<?>> TOON_VALUES =
      Map.of("setName", List.of("Flippy"), "setDNAString", List.of(new byte[] {1, 2, 3}));

  private static DcFile loadDc() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    try {
      return DcParser.parse(List.of(
          DcSource.read(root.resolve("config/dc/demo-toon.dc"), DcDialect.DC_2003),
          DcSource.read(root.resolve("config/dc/openttserver.dc"), DcDialect.EXTENDED)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the DC files: " + e.getMessage(), e);
    }
  }

  private MdConnection md;
  private final List<ScriptedClient> clients = new ArrayList<>();
  private static int nextDoId = (int) (System.currentTimeMillis() / 1000 % 100_000) * 10 + 10_000;

  private static InetSocketAddress endpoint(String env) {
    String spec = System.getenv(env);
    int colon = spec.lastIndexOf(':');
    return new InetSocketAddress(spec.substring(0, colon),
        Integer.parseInt(spec.substring(colon + 1)));
  }

  @BeforeEach
  void connect() {
    md = MdConnection.connect(endpoint("ASTRON_MD"));
    md.subscribe(EXTENSION);
    md.subscribe(AI);
  }

  @AfterEach
  void close() {
    clients.forEach(ScriptedClient::close);
    md.close();
  }

  /** Connects a client and returns its connection channel, taken from 1300. */
  private long connectClient(ScriptedClient[] out) {
    ScriptedClient c = ScriptedClient.connect(endpoint("ASTRON_CA"));
    clients.add(c);
    out[0] = c;
    int port = c.localAddress().getPort();
    MdDatagram hello = await(d -> d.msgType() == AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED
        && remotePort(d) == port);
    DatagramReader in = hello.payload();
    long conn = in.readChannel();
    assertThat(hello.sender()).isEqualTo(conn);
    assertThat(hello.recipients()).containsExactly(EXTENSION);
    assertThat(in.readString()).isEqualTo("127.0.0.1");
    return conn;
  }

  private static int remotePort(MdDatagram d) {
    DatagramReader in = d.payload();
    in.readChannel();
    in.readString();
    return in.readU16();
  }

  private MdDatagram await(Predicate<MdDatagram> match) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<MdDatagram> d = md.receive(Duration.ofMillis(200));
      if (d.isPresent() && match.test(d.get())) {
        return d.get();
      }
    }
    throw new AssertionError("no matching datagram within " + WAIT);
  }

  private void send(long to, long from, int type, Consumer<DatagramWriter> payload) {
    md.send(MdDatagram.builder(type).to(to).from(from).payload(payload).build());
  }

  /** Reads the next client message of a type, skipping others (e.g. updates racing ahead). */
  private static DatagramReader expect(ScriptedClient c, int type) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<byte[]> got = c.receive(Duration.ofMillis(200));
      if (got.isPresent()) {
        DatagramReader r = new DatagramReader(got.get());
        if (r.readU16() == type) {
          return r;
        }
      }
    }
    throw new AssertionError("no client message " + type + " within " + WAIT);
  }

  @Test
  void connectIsAnnouncedAndUnknownMessageIsEjectedByTheExtension() {
    ScriptedClient[] c = new ScriptedClient[1];
    long conn = connectClient(c);
    c[0].send(200, w -> w.u32(7));
    MdDatagram fwd = await(d -> d.msgType() == AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE
        && d.sender() == conn);
    DatagramReader in = fwd.payload();
    assertThat(in.readChannel()).isEqualTo(conn);
    assertThat(in.readU16()).isEqualTo(200);
    assertThat(in.readU32()).isEqualTo(7);
    c[0].expectGoGetLost(108);
    MdDatagram bye = await(d -> d.msgType() == AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED
        && d.sender() == conn);
    DatagramReader b = bye.payload();
    assertThat(b.readChannel()).isEqualTo(conn);
    assertThat(b.readChannel()).isEqualTo(conn);
    assertThat(b.readU16()).isEqualTo(108);
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "ASTRON_CA_HEARTBEAT_MS", matches = "\\d+")
  void heartbeatTimeoutEjectsWith345() {
    long ms = Long.parseLong(System.getenv("ASTRON_CA_HEARTBEAT_MS"));
    ScriptedClient[] c = new ScriptedClient[1];
    long conn = connectClient(c);
    long start = System.nanoTime();
    c[0].expectNone(Duration.ofMillis(ms / 2));
    c[0].send(ClientMsg.HEARTBEAT, w -> { });
    c[0].expectNone(Duration.ofMillis(ms * 3 / 4));
    DatagramReader boot = expect(c[0], ClientMsg.GO_GET_LOST);
    assertThat(boot.readU16()).isEqualTo(345);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(ms);
    MdDatagram bye = await(d -> d.msgType() == AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED
        && d.sender() == conn);
    DatagramReader b = bye.payload();
    b.readChannel();
    b.readChannel();
    assertThat(b.readU16()).isEqualTo(345);
  }

  @Test
  void duplicateLoginEjectReachesOnlyTheOpenedAccountChannel() {
    ScriptedClient[] a = new ScriptedClient[1];
    ScriptedClient[] b = new ScriptedClient[1];
    long connA = connectClient(a);
    connectClient(b);
    long account = (1003L << 32) | 424242;
    send(connA, EXTENSION, AstronMsg.CLIENTAGENT_OPEN_CHANNEL, w -> w.channel(account));
    send(connA, EXTENSION, AstronMsg.CLIENTAGENT_SET_STATE, w -> w.u16(2));
    send(account, EXTENSION, AstronMsg.CLIENTAGENT_EJECT,
        w -> w.u16(100).string("logged in elsewhere"));
    assertThat(a[0].expectGoGetLost(100)).isEqualTo("logged in elsewhere");
    b[0].send(ClientMsg.HEARTBEAT, w -> { });
    b[0].expectNone(Duration.ofMillis(300));
  }

  @Test
  void objectInServerSideInterestIsGeneratedUpdatedAndReceivesClsend() {
    interestRound(1);
  }

  @Test
  void repeatedServerSideInterests() {
    int runs = Integer.parseInt(System.getenv().getOrDefault("ASTRON_CA_RUNS", "3"));
    int n = Integer.parseInt(System.getenv().getOrDefault("ASTRON_CA_CLIENTS", "3"));
    for (int run = 0; run < runs; run++) {
      interestRound(n);
      clients.forEach(ScriptedClient::close);
      clients.clear();
    }
    // Astron still routes after the interest timeouts would have fired.
    sleep(1000);
    long probe = 4999;
    md.subscribe(probe);
    // A director never echoes a datagram to the link that sent it: probe from another link.
    try (MdConnection other = MdConnection.connect(endpoint("ASTRON_MD"))) {
      MdDatagram ping = MdDatagram.builder(AstronMsg.CLIENTAGENT_SET_STATE).to(probe).from(4998)
          .payload(w -> w.u16(0)).build();
      boolean alive = false;
      for (int i = 0; i < 20 && !alive; i++) {
        other.send(ping);
        alive = md.receive(Duration.ofMillis(100))
            .map(d -> d.recipients().contains(probe)).orElse(false);
      }
      assertThat(alive).as("astrond still routes after the interest rounds").isTrue();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A district with one toon in zone 2000; n clients get a server-side interest in that zone (no
   * messages from the clients meanwhile), see the toon as 34, get its setX as 24 and send a
   * clsend field that reaches the toon's AI; deleting the toon gives 27.
   */
  private void interestRound(int n) {
    int district = nextDoId++;
    int toon = nextDoId++;
    int zone = 2000;
    send(SS_CONTROL, AI, AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED, w -> w.doId(district)
        .doId(0).doId(0).u16(CLASS_DISTRICT).string("Test District").u32(5).u8(1));
    send(SS_CONTROL, AI, AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED, w -> {
      w.doId(toon).doId(district).doId(zone).u16(CLASS_TOON);
      DcBlocks.writeRequired(TOON, DcRequiredSet.ALL, w, TOON_VALUES);
    });
    send(toon, AI, AstronMsg.STATESERVER_OBJECT_SET_AI, w -> w.channel(AI));
    await(d -> d.msgType() == AstronMsg.STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED
        && d.payload().readDoId() == toon);

    ScriptedClient[] cs = new ScriptedClient[n];
    long[] conns = new long[n];
    for (int i = 0; i < n; i++) {
      ScriptedClient[] c = new ScriptedClient[1];
      conns[i] = connectClient(c);
      cs[i] = c[0];
    }
    for (int i = 0; i < n; i++) {
      long conn = conns[i];
      send(conn, EXTENSION, AstronMsg.CLIENTAGENT_SET_STATE, w -> w.u16(2));
      send(conn, EXTENSION, AstronMsg.CLIENTAGENT_ADD_INTEREST,
          w -> w.u16(1).doId(district).doId(zone));
    }
    for (int i = 0; i < n; i++) {
      DatagramReader gen = expect(cs[i], ClientMsg.CREATE_OBJECT_REQUIRED);
      assertThat(gen.readU16()).isEqualTo(CLASS_TOON);
      assertThat(gen.readDoId()).isEqualTo(toon);
      DatagramWriter expected = new DatagramWriter();
      DcBlocks.writeRequired(TOON, DcRequiredSet.BROADCAST, expected, TOON_VALUES);
      assertThat(gen.readRemaining()).as("required-broadcast fields in 2003 order")
          .containsExactly(expected.toByteArray());
      long conn = conns[i];
      MdDatagram done = await(d -> d.msgType() == AstronMsg.CLIENTAGENT_DONE_INTEREST_RESP
          && d.sender() == conn);
      DatagramReader r = done.payload();
      assertThat(r.readChannel()).isEqualTo(conn);
      assertThat(r.readU16()).isEqualTo(1);
    }

    send(toon, AI, AstronMsg.STATESERVER_OBJECT_SET_FIELD,
        w -> w.doId(toon).u16(FIELD_SET_X).i16(-123));
    for (ScriptedClient c : cs) {
      DatagramReader upd = expect(c, ClientMsg.OBJECT_UPDATE_FIELD_RESP);
      assertThat(upd.readDoId()).isEqualTo(toon);
      assertThat(upd.readU16()).isEqualTo(NUMBER_SET_X);
      assertThat(upd.readI16()).isEqualTo(-123);
      upd.expectEnd();
    }

    for (int i = 0; i < n; i++) {
      int avatar = 77_000 + i;
      cs[i].send(ClientMsg.OBJECT_UPDATE_FIELD,
          w -> w.doId(toon).u16(NUMBER_SUGGEST_RESYNC).u32(avatar));
      long conn = conns[i];
      MdDatagram got = await(d -> d.msgType() == AstronMsg.STATESERVER_OBJECT_SET_FIELD
          && d.sender() == conn);
      DatagramReader r = got.payload();
      assertThat(r.readDoId()).isEqualTo(toon);
      assertThat(r.readU16()).isEqualTo(FIELD_SUGGEST_RESYNC);
      assertThat(r.readU32()).isEqualTo(avatar);
    }

    send(toon, AI, AstronMsg.STATESERVER_OBJECT_DELETE_RAM, w -> w.doId(toon));
    for (ScriptedClient c : cs) {
      DatagramReader del = expect(c, ClientMsg.OBJECT_DELETE_RESP);
      assertThat(del.readDoId()).isEqualTo(toon);
    }
    send(district, AI, AstronMsg.STATESERVER_OBJECT_DELETE_RAM, w -> w.doId(district));
  }
}
