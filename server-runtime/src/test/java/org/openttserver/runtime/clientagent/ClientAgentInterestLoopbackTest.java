package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.command;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.sync;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.protocol.CreateObjectRequiredOther;
import org.openttserver.api.protocol.Disconnect;
import org.openttserver.api.protocol.ObjectDeleteResp;
import org.openttserver.api.protocol.ObjectDisableResp;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Interests against a scripted state server (an MD link on the parent's channel): snapshot,
 * generates, live updates, disable/delete, session objects and buffering. The snapshot timeout is
 * long here so that no test depends on timing.
 */
class ClientAgentInterestLoopbackTest extends InterestLoopbackFixture {
  static Loopback shared;

  @BeforeAll
  static void startServer() {
    shared = new Loopback("      heartbeat_timeout: 0\n", 10_000);
  }

  @AfterAll
  static void stopServer() {
    shared.close();
  }

  @Override
  Loopback loopback() {
    return shared;
  }

  @Test
  void addInterest_whenSnapshotComplete_thenGenerates34And35AndDoneToCaller() {
    long ctx = addInterest(1, ZONE);
    count(ctx, 2);
    enterToon(ctx, 300, ZONE);
    enterNews(ctx, 301, 1234);
    expectGenerateToon(300);
    CreateObjectRequiredOther g = client.socket().expect(CreateObjectRequiredOther.class);
    assertThat(g.classNumber()).isEqualTo(NEWS.number());
    assertThat(g.doId()).isEqualTo(301);
    assertThat(g.fields(NEWS)).containsExactly(
        new DcFieldValue(NEWS.field("setPopulation"), List.of(1234L)));
    expectDone(1);
  }

  @Test
  void liveSetField_whenBroadcastOnLocation_thenUpdate24With2003Number() {
    oneToon(310);
    DcField chat = TOON.field("setChat");
    toLocation(555, AstronMsg.STATESERVER_OBJECT_SET_FIELD,
        w -> w.doId(310).u16(chat.globalId()).string("hello").u8(0));
    ObjectUpdateField u = client.socket().expect(ObjectUpdateField.class);
    assertThat(u.doId()).isEqualTo(310);
    assertThat(u.fieldNumber()).isEqualTo(chat.number2003());
    assertThat(u.value(TOON).values().get(0)).isEqualTo("hello");
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
    assertThat(client.socket().expect(ObjectDisableResp.class).doId()).isEqualTo(320);
  }

  @Test
  void deleteRam_whenVisible_thenDelete27() {
    oneToon(321);
    toLocation(555, AstronMsg.STATESERVER_OBJECT_DELETE_RAM, w -> w.doId(321));
    assertThat(client.socket().expect(ObjectDeleteResp.class).doId()).isEqualTo(321);
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
    long a = client.socket().expect(ObjectDisableResp.class).doId();
    long b = client.socket().expect(ObjectDisableResp.class).doId();
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
      client.socket().send(new Disconnect());
      assertThat(avatar.next()).isEqualTo(MdDatagram.builder(
          AstronMsg.STATESERVER_OBJECT_DELETE_RAM).to(av).from(id).payload(w -> w.doId(av))
          .build());
    }
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
    ObjectUpdateField u = client.socket().expect(ObjectUpdateField.class);
    assertThat(u.doId()).isEqualTo(380);
    assertThat(u.value(TOON)).isEqualTo(new DcFieldValue(hp, List.of(7L)));
    expectDone(1);
  }

  @Test
  void snapshot_whenLiveEnterLocationIntoPendingZone_thenBufferedAndGeneratedAfterSnapshot() {
    long ctx = addInterest(1, ZONE);
    count(ctx, 1);
    DcField hp = TOON.field("setHp");
    toLocation(PARENT, AstronMsg.STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED,
        w -> w.doId(390).doId(PARENT).doId(ZONE).u16(TOON.number()).bytes(REQUIRED));
    toLocation(555, AstronMsg.STATESERVER_OBJECT_SET_FIELD,
        w -> w.doId(390).u16(hp.globalId()).i16(9));
    enterToon(ctx, 391, ZONE);
    expectGenerateToon(391);
    expectGenerateToon(390);
    ObjectUpdateField u = client.socket().expect(ObjectUpdateField.class);
    assertThat(u.doId()).isEqualTo(390);
    assertThat(u.fieldNumber()).isEqualTo(hp.number2003());
    expectDone(1);
  }

  @Test
  void addInterest_whenAlteredToOtherZones_thenDroppedZoneDisabledAndOnlyNewZoneQueried() {
    long ctx = addInterest(1, ZONE, ZONE + 1);
    count(ctx, 2);
    enterToon(ctx, 392, ZONE);
    enterToon(ctx, 393, ZONE + 1);
    expectGenerateToon(392);
    expectGenerateToon(393);
    expectDone(1);
    long ctx2 = addInterestExpectingZones(1, new long[] {ZONE + 1, ZONE + 2}, ZONE + 2);
    assertThat(client.socket().expect(ObjectDisableResp.class).doId()).isEqualTo(392);
    count(ctx2, 0);
    expectDone(1);
    ss.send(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_DELETE_RAM)
        .to(Channels.location(PARENT, ZONE + 1)).from(555).payload(w -> w.doId(393)).build());
    assertThat(client.socket().expect(ObjectDeleteResp.class).doId()).isEqualTo(393);
  }
}
