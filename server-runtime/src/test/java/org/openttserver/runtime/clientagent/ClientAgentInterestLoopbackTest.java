package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.command;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.sync;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.runtime.clientagent.Loopback.Client;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.client.ClientRequests;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Interests against a scripted state server (an MD link on the parent's channel): snapshot,
 * generates, live updates, disable/delete, session objects, timeouts and buffering.
 */
class ClientAgentInterestLoopbackTest {
  static final DcFile DC = EmbeddedAgent.dc();
  static final DcClass TOON = DC.dclass("DistributedToon");
  static final DcClass NEWS = DC.dclass("NewsManager");
  static final long PARENT = 200_000_000L;
  static final long ZONE = 2000;
  static final long LOCATION = Channels.location(PARENT, ZONE);
  static final long TIMEOUT_MS = 400;
  static final byte[] REQUIRED = GeneratesTest.required(TOON);

  static Loopback server;
  Peer ext;
  Peer ss;
  Client client;

  @BeforeAll
  static void startServer() {
    server = new Loopback("      heartbeat_timeout: 0\n", (int) TIMEOUT_MS);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void connect() {
    ext = server.peer(Loopback.EXTENSION);
    ss = server.peer(PARENT);
    client = server.connect(ext);
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_STATE, w -> w.u16(2)));
  }

  @AfterEach
  void disconnect() {
    client.close();
    ss.close();
    ext.close();
  }

  /** Opens interest {@code id} on {@link #PARENT}, returns the GET_ZONES_OBJECTS context. */
  long addInterest(int id, long... zones) {
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_ADD_INTEREST_MULTIPLE, w -> {
      w.u16(id).doId(PARENT).u16(zones.length);
      for (long z : zones) {
        w.doId(z);
      }
    }));
    MdDatagram q = ss.next(AstronMsg.STATESERVER_OBJECT_GET_ZONES_OBJECTS);
    assertThat(q.recipients()).containsExactly(PARENT);
    DatagramReader r = q.payload();
    long context = r.readU32();
    assertThat(r.readDoId()).isEqualTo(PARENT);
    assertThat(r.readU16()).isEqualTo(zones.length);
    return context;
  }

  void count(long context, long n) {
    ss.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_GET_ZONES_COUNT_RESP)
        .to(client.channel()).from(PARENT).payload(w -> w.u32(context).u32(n)).build());
  }

  void enterToon(long context, long doId, long zone) {
    ss.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED)
        .to(client.channel()).from(PARENT).payload(w -> w.u32(context).doId(doId).doId(PARENT)
            .doId(zone).u16(TOON.number()).bytes(REQUIRED)).build());
  }

  void enterNews(long context, long doId, long population) {
    DcField pop = NEWS.field("setPopulation");
    ss.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER)
        .to(client.channel()).from(PARENT).payload(w -> w.u32(context).doId(doId).doId(PARENT)
            .doId(ZONE).u16(NEWS.number()).u16(1).u16(pop.globalId()).u32(population))
        .build());
  }

  void toLocation(long sender, int type, java.util.function.Consumer<DatagramWriter> payload) {
    ss.send(MdDatagram.builder(type).to(LOCATION).from(sender).payload(payload).build());
  }

  void expectGenerateToon(long doId) {
    DatagramReader r = client.socket().expect(ClientMsg.CREATE_OBJECT_REQUIRED);
    assertThat(r.readU16()).isEqualTo(TOON.number());
    assertThat(r.readDoId()).isEqualTo(doId);
    assertThat(r.readRemaining()).isEqualTo(REQUIRED);
  }

  void expectDone(int id) {
    MdDatagram d = ext.next(AstronMsg.CLIENTAGENT_DONE_INTEREST_RESP);
    assertThat(d.sender()).isEqualTo(client.channel());
    DatagramReader r = d.payload();
    assertThat(r.readChannel()).isEqualTo(client.channel());
    assertThat(r.readU16()).isEqualTo(id);
  }

  /** Opens interest 1 on ZONE holding one toon. */
  void oneToon(long doId) {
    long ctx = addInterest(1, ZONE);
    count(ctx, 1);
    enterToon(ctx, doId, ZONE);
    expectGenerateToon(doId);
    expectDone(1);
  }

  @Test
  void addInterest_whenSnapshotComplete_thenGenerates34And35AndDoneToCaller() {
    long ctx = addInterest(1, ZONE);
    count(ctx, 2);
    enterToon(ctx, 300, ZONE);
    enterNews(ctx, 301, 1234);
    expectGenerateToon(300);
    DatagramReader r = client.socket().expect(ClientMsg.CREATE_OBJECT_REQUIRED_OTHER);
    assertThat(r.readU16()).isEqualTo(NEWS.number());
    assertThat(r.readDoId()).isEqualTo(301);
    assertThat(r.readU16()).isEqualTo(1);
    assertThat(r.readU16()).isEqualTo(NEWS.field("setPopulation").number2003());
    assertThat(r.readU32()).isEqualTo(1234);
    expectDone(1);
  }

  @Test
  void liveSetField_whenBroadcastOnLocation_thenUpdate24With2003Number() {
    oneToon(310);
    DcField chat = TOON.field("setChat");
    toLocation(555, AstronMsg.STATESERVER_OBJECT_SET_FIELD,
        w -> w.doId(310).u16(chat.globalId()).string("hello").u8(0));
    DatagramReader r = client.socket().expect(ClientMsg.OBJECT_UPDATE_FIELD_RESP);
    assertThat(r.readDoId()).isEqualTo(310);
    assertThat(r.readU16()).isEqualTo(chat.number2003());
    assertThat(r.readString()).isEqualTo("hello");
  }

  @Test
  void liveSetField_whenSentByTheClientsOwnId_thenNotEchoed() {
    oneToon(311);
    toLocation(client.channel(), AstronMsg.STATESERVER_OBJECT_SET_FIELD,
        w -> w.doId(311).u16(TOON.field("setChat").globalId()).string("me").u8(0));
    sync(ext, client);
  }

  @Test
  void changingLocation_whenOutOfInterest_thenDisable25() {
    oneToon(320);
    toLocation(555, AstronMsg.STATESERVER_OBJECT_CHANGING_LOCATION,
        w -> w.doId(320).doId(PARENT).doId(ZONE + 1).doId(PARENT).doId(ZONE));
    assertThat(client.socket().expect(ClientMsg.OBJECT_DISABLE_RESP).readDoId()).isEqualTo(320);
  }

  @Test
  void deleteRam_whenVisible_thenDelete27() {
    oneToon(321);
    toLocation(555, AstronMsg.STATESERVER_OBJECT_DELETE_RAM, w -> w.doId(321));
    assertThat(client.socket().expect(ClientMsg.OBJECT_DELETE_RESP).readDoId()).isEqualTo(321);
  }

  @Test
  void removeInterest_whenObjectsInClosedZones_thenDisable25AndDone() {
    long ctx = addInterest(4, ZONE, ZONE + 1);
    count(ctx, 2);
    enterToon(ctx, 330, ZONE);
    enterToon(ctx, 331, ZONE + 1);
    expectGenerateToon(330);
    expectGenerateToon(331);
    expectDone(4);
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_REMOVE_INTEREST, w -> w.u16(4)));
    long a = client.socket().expect(ClientMsg.OBJECT_DISABLE_RESP).readDoId();
    long b = client.socket().expect(ClientMsg.OBJECT_DISABLE_RESP).readDoId();
    assertThat(java.util.Set.of(a, b)).containsExactlyInAnyOrder(330L, 331L);
    expectDone(4);
    toLocation(555, AstronMsg.STATESERVER_OBJECT_SET_FIELD,
        w -> w.doId(330).u16(TOON.field("setHp").globalId()).i16(1));
    sync(ext, client);
  }

  @Test
  void sessionObject_whenOwned_thenNeverGeneratedDisabledOrDeletedAndItsDeleteEjects153() {
    long av = 340;
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT, w -> w.doId(av)));
    ss.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED)
        .to(client.channel()).from(av).payload(w -> w.doId(av).doId(PARENT).doId(ZONE)
            .u16(TOON.number()).bytes(REQUIRED)).build());
    long ctx = addInterest(1, ZONE);
    count(ctx, 2);
    enterToon(ctx, av, ZONE);
    enterToon(ctx, 341, ZONE);
    expectGenerateToon(341);
    expectDone(1);
    toLocation(555, AstronMsg.STATESERVER_OBJECT_CHANGING_LOCATION,
        w -> w.doId(av).doId(PARENT).doId(ZONE + 1).doId(PARENT).doId(ZONE));
    sync(ext, client);
    ss.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_DELETE_RAM).to(client.channel())
        .from(555).payload(w -> w.doId(av)).build());
    client.socket().expectGoGetLost(BootCode.SESSION_OBJECT_DELETED);
  }

  @Test
  void disconnect_whenSessionObjects_thenDeleteRamWithClientIdAsSender() {
    long av = 350;
    long id = (9L << 32) | av;
    try (Peer avatar = server.peer(av)) {
      ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_CLIENT_ID, w -> w.channel(id)));
      ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT,
          w -> w.doId(av)));
      sync(ext, client);
      client.socket().send(ClientRequests.disconnect());
      assertThat(avatar.next()).isEqualTo(MdDatagram.builder(
          AstronMsg.STATESERVER_OBJECT_DELETE_RAM).to(av).from(id).payload(w -> w.doId(av))
          .build());
    }
  }

  @Test
  void snapshot_whenCountNotReached_thenCompletesAfterSilenceTimeout() {
    long ctx = addInterest(2, ZONE);
    count(ctx, 3);
    long sent = System.nanoTime();
    enterToon(ctx, 360, ZONE);
    expectGenerateToon(360);
    expectDone(2);
    assertThat(Duration.ofNanos(System.nanoTime() - sent))
        .isGreaterThanOrEqualTo(Duration.ofMillis(TIMEOUT_MS - 20));
  }

  @Test
  void snapshot_whenRepliesSlowerThanTimeoutInTotalButSteady_thenNotCutShort()
      throws InterruptedException {
    long ctx = addInterest(3, ZONE);
    int n = 5;
    count(ctx, n);
    for (int i = 0; i < n; i++) {
      Thread.sleep(TIMEOUT_MS / 2); // pacing: each gap is under the timeout, the sum is over it
      enterToon(ctx, 370 + i, ZONE);
    }
    for (int i = 0; i < n; i++) {
      expectGenerateToon(370 + i);
    }
    expectDone(3);
  }

  @Test
  void snapshot_whenLiveUpdateForPendingObject_thenBufferedAndReplayedAfterGenerate() {
    long ctx = addInterest(1, ZONE);
    count(ctx, 2);
    enterToon(ctx, 380, ZONE);
    DcField hp = TOON.field("setHp");
    toLocation(555, AstronMsg.STATESERVER_OBJECT_SET_FIELD,
        w -> w.doId(380).u16(hp.globalId()).i16(7));
    enterToon(ctx, 381, ZONE);
    expectGenerateToon(380);
    expectGenerateToon(381);
    DatagramReader r = client.socket().expect(ClientMsg.OBJECT_UPDATE_FIELD_RESP);
    assertThat(r.readDoId()).isEqualTo(380);
    assertThat(r.readU16()).isEqualTo(hp.number2003());
    assertThat(r.readI16()).isEqualTo(7);
    expectDone(1);
  }
}
