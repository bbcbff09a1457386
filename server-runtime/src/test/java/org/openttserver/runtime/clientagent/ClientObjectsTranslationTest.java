package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.msg.ClientMsg;

/** Cluster → client translation of SET_FIELD/SET_FIELDS (global ids) to 24 (2003 numbers). */
class ClientObjectsTranslationTest {
  static final long PARENT = 4000;
  static final long ZONE = 2000;
  static final long TOON = 100_000_005L;
  static final long C = EmbeddedAgent.FIRST_CHANNEL;

  private EmbeddedAgent a;
  private final DcClass toon = EmbeddedAgent.dc().dclass("DistributedToon");

  @BeforeEach
  void start() {
    a = new EmbeddedAgent(EmbeddedAgent.client());
    a.cluster.next(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED);
    a.md.subscribe(a.cluster, PARENT);
    a.clusterSends(Datagram.header(C, EmbeddedAgent.EXTENSION, AstronMsg.CLIENTAGENT_ADD_INTEREST)
        .u16(1).doId(PARENT).doId(ZONE));
    DatagramReader q = a.cluster.next(AstronMsg.STATESERVER_OBJECT_GET_ZONES_OBJECTS).payload();
    long context = q.readU32();
    a.clusterSends(Datagram.header(C, PARENT, AstronMsg.STATESERVER_OBJECT_GET_ZONES_COUNT_RESP)
        .u32(context).u32(1));
    a.clusterSends(Datagram.header(C, PARENT,
            AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED)
        .u32(context).doId(TOON).doId(PARENT).doId(ZONE).u16(toon.number())
        .bytes(GeneratesTest.required(toon)));
    a.cluster.next(AstronMsg.CLIENTAGENT_DONE_INTEREST_RESP);
    Queue<byte[]> out = a.toClient();
    assertThat(out).hasSize(1);
    assertThat(EmbeddedAgent.type(out.peek())).isEqualTo(ClientMsg.CREATE_OBJECT_REQUIRED);
  }

  @AfterEach
  void close() {
    a.close();
  }

  private static byte[] update(long doId, int number, byte[] value) {
    return new DatagramWriter().u16(ClientMsg.OBJECT_UPDATE_FIELD_RESP).doId(doId).u16(number)
        .bytes(value).toByteArray();
  }

  @Test
  void setField_whenBroadcastOnLocation_thenUpdate24With2003Number() {
    DcField chat = toon.field("setChat");
    byte[] value = new DatagramWriter().string("hi").u8(0).toByteArray();
    a.clusterSends(Datagram.header(Channels.location(PARENT, ZONE), 1234,
        AstronMsg.STATESERVER_OBJECT_SET_FIELD).doId(TOON).u16(chat.globalId()).bytes(value));
    assertThat(a.toClient()).containsExactly(update(TOON, chat.number2003(), value));
  }

  @Test
  void setField_whenFieldNotInClass_thenNothingSent() {
    DcField population = EmbeddedAgent.dc().dclass("NewsManager").field("setPopulation");
    a.clusterSends(Datagram.header(Channels.location(PARENT, ZONE), 1234,
        AstronMsg.STATESERVER_OBJECT_SET_FIELD).doId(TOON).u16(population.globalId()).u32(1));
    assertThat(a.toClient()).isEmpty();
  }

  @Test
  void setField_whenObjectUnknown_thenNothingSent() {
    a.clusterSends(Datagram.header(Channels.location(PARENT, ZONE), 1234,
        AstronMsg.STATESERVER_OBJECT_SET_FIELD).doId(TOON + 1)
        .u16(toon.field("setHp").globalId()).i16(3));
    assertThat(a.toClient()).isEmpty();
  }

  @Test
  void setFields_whenSeveral_thenOneUpdate24EachInOrder() {
    DcField hp = toon.field("setHp");
    DcField pos = toon.field("setPos");
    byte[] posValue = new DatagramWriter().i16(10).i16(20).i16(30).toByteArray();
    a.clusterSends(Datagram.header(Channels.location(PARENT, ZONE), 1234, AstronMsg.STATESERVER_OBJECT_SET_FIELDS)
        .doId(TOON).u16(2).u16(hp.globalId()).i16(12).u16(pos.globalId()).bytes(posValue));
    assertThat(a.toClient()).containsExactly(
        update(TOON, hp.number2003(), new DatagramWriter().i16(12).toByteArray()),
        update(TOON, pos.number2003(), posValue));
  }

  @Test
  void setField_whenSentByTheClientsOwnId_thenNotEchoed() {
    a.clusterSends(Datagram.header(Channels.location(PARENT, ZONE), C,
        AstronMsg.STATESERVER_OBJECT_SET_FIELD).doId(TOON)
        .u16(toon.field("setHp").globalId()).i16(3));
    assertThat(a.toClient()).isEmpty();
  }

  @Test
  void deleteRam_whenVisible_thenDelete27() {
    a.clusterSends(Datagram.header(Channels.location(PARENT, ZONE), 1234,
        AstronMsg.STATESERVER_OBJECT_DELETE_RAM).doId(TOON));
    assertThat(a.toClient()).containsExactly(new DatagramWriter()
        .u16(ClientMsg.OBJECT_DELETE_RESP).doId(TOON).toByteArray());
  }

  @Test
  void changingLocation_whenOutOfInterest_thenDisable25() {
    a.clusterSends(Datagram.header(Channels.location(PARENT, ZONE), 1234,
        AstronMsg.STATESERVER_OBJECT_CHANGING_LOCATION).doId(TOON).doId(PARENT).doId(ZONE + 1)
        .doId(PARENT).doId(ZONE));
    assertThat(a.toClient()).containsExactly(new DatagramWriter()
        .u16(ClientMsg.OBJECT_DISABLE_RESP).doId(TOON).toByteArray());
  }

  @Test
  void enterOther_whenMalformedOther_thenOtherEntriesStillGenerateAndInterestCompletes() {
    a.clusterSends(Datagram.header(C, EmbeddedAgent.EXTENSION,
        AstronMsg.CLIENTAGENT_ADD_INTEREST).u16(2).doId(PARENT).doId(ZONE + 5));
    long context = a.cluster.next(AstronMsg.STATESERVER_OBJECT_GET_ZONES_OBJECTS).payload()
        .readU32();
    DcClass news = EmbeddedAgent.dc().dclass("NewsManager");
    a.clusterSends(Datagram.header(C, PARENT, AstronMsg.STATESERVER_OBJECT_GET_ZONES_COUNT_RESP)
        .u32(context).u32(2));
    a.clusterSends(Datagram.header(C, PARENT,
            AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER)
        .u32(context).doId(900).doId(PARENT).doId(ZONE + 5).u16(news.number()).u16(1)
        .u16(60_000));
    a.clusterSends(Datagram.header(C, PARENT,
            AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED)
        .u32(context).doId(901).doId(PARENT).doId(ZONE + 5).u16(news.number()));
    DatagramReader done = a.cluster.next(AstronMsg.CLIENTAGENT_DONE_INTEREST_RESP).payload();
    assertThat(done.readChannel()).isEqualTo(C);
    assertThat(done.readU16()).isEqualTo(2);
    assertThat(a.toClient()).containsExactly(new DatagramWriter()
        .u16(ClientMsg.CREATE_OBJECT_REQUIRED).u16(news.number()).doId(901).toByteArray());
    assertThat(a.ch.isOpen()).isTrue();
  }
}
