package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.command;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.sync;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.protocol.CreateObjectRequired;
import org.openttserver.runtime.clientagent.Loopback.Client;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Helpers for interest tests against a scripted state server (an MD link on the parent's channel): snapshot,
 * generates, live updates, disable/delete, session objects, timeouts and buffering.
 */
abstract class InterestLoopbackFixture {
  static final DcFile DC = EmbeddedAgent.dc();
  static final DcClass TOON = DC.dclass("DistributedToon");
  static final DcClass NEWS = DC.dclass("NewsManager");
  static final long PARENT = 200_000_000L;
  static final long ZONE = 2000;
  static final long LOCATION = Channels.location(PARENT, ZONE);
  static final byte[] REQUIRED = GeneratesTest.required(TOON);

  Loopback server;
  Peer ext;
  Peer ss;
  Client client;

  /** {@return the running server this class's tests use} */
  abstract Loopback loopback();

  @BeforeEach
  void connect() {
    server = loopback();
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

  /** Alters or opens an interest; asserts GET_ZONES_OBJECTS names exactly the new zones. */
  long addInterestExpectingZones(int id, long[] zones, long... queried) {
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_ADD_INTEREST_MULTIPLE, w -> {
      w.u16(id).doId(PARENT).u16(zones.length);
      for (long z : zones) {
        w.doId(z);
      }
    }));
    DatagramReader r = ss.next(AstronMsg.STATESERVER_OBJECT_GET_ZONES_OBJECTS).payload();
    long context = r.readU32();
    assertThat(r.readDoId()).isEqualTo(PARENT);
    int n = r.readU16();
    long[] got = new long[n];
    for (int i = 0; i < n; i++) {
      got[i] = r.readDoId();
    }
    assertThat(got).containsExactlyInAnyOrder(queried);
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
    assertThat(client.socket().expect(CreateObjectRequired.class))
        .isEqualTo(new CreateObjectRequired(TOON.number(), doId, REQUIRED));
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
}
