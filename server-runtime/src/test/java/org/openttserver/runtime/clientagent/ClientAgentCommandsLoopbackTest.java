package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.Disconnect;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.Heartbeat;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.runtime.clientagent.Loopback.Client;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.md.MdDatagram;

/** Connect/disconnect announcements, forwarding and CLIENTAGENT_* commands over real sockets. */
class ClientAgentCommandsLoopbackTest {
  static Loopback server;
  Peer ext;
  Client client;

  @BeforeAll
  static void startServer() {
    server = new Loopback("      heartbeat_timeout: 0\n      messages_per_second: 50\n"
        + "      message_burst: 20\n", 200);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void connect() {
    ext = server.peer(Loopback.EXTENSION);
    client = server.connect(ext);
  }

  @AfterEach
  void disconnect() {
    client.close();
    ext.close();
  }

  static MdDatagram command(long to, int type, Consumer<DatagramWriter> payload) {
    return MdDatagram.builder(type).to(to).from(Loopback.EXTENSION).payload(payload).build();
  }

  static MdDatagram sendDatagram(long to, byte[] body) {
    return command(to, AstronMsg.CLIENTAGENT_SEND_DATAGRAM, w -> w.blob(body));
  }

  /** Waits until every command sent so far on the link has been applied to the client. */
  static void sync(Peer ext, Client c) {
    ext.send(sendDatagram(c.channel(), Protocol2003.encode(new Heartbeat())));
    c.socket().expect(Heartbeat.class);
  }

  private byte[] forwardedBody(MdDatagram d) {
    DatagramReader r = d.payload();
    assertThat(r.readChannel()).isEqualTo(client.channel());
    return r.readRemaining();
  }

  @Test
  void connect_whenClientConnects_thenExtensionGets1300WithChannelAndAddresses() {
    assertThat(client.channel()).isBetween(1_000_000_000L, 1_000_099_999L);
    assertThat(client.connected().sender()).isEqualTo(client.channel());
    DatagramReader r = client.connected().payload();
    r.readChannel();
    assertThat(r.readString()).isEqualTo("127.0.0.1");
    assertThat(r.readU16()).isPositive();
    assertThat(r.readString()).isEqualTo("127.0.0.1");
    assertThat(r.readU16()).isEqualTo(server.ca.getPort());
  }

  @Test
  void message_whenClientSendsAnyOtherType_thenExtensionGets1301WithRawBody() {
    byte[] body = Protocol2003.encode(new SetZone(2000));
    client.socket().send(new Heartbeat());
    client.socket().send(body);
    MdDatagram d = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE, client.channel());
    assertThat(d.sender()).isEqualTo(client.channel());
    assertThat(forwardedBody(d)).isEqualTo(body);
  }

  @Test
  void disconnect_whenClientSends37_thenClosedAnd1302WithCode0() {
    client.socket().send(new Disconnect());
    client.socket().expectClosed(Loopback.WAIT);
    DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, client.channel())
        .payload();
    assertThat(r.readChannel()).isEqualTo(client.channel());
    assertThat(r.readChannel()).isEqualTo(client.channel());
    assertThat(r.readU16()).isZero();
  }

  @Test
  void sendDatagram_whenFromExtension_thenRawMessageArrives() {
    byte[] body = new DatagramWriter().u16(ClientMsg.GET_SHARD_LIST_RESP).u16(0).toByteArray();
    ext.send(sendDatagram(client.channel(), body));
    assertThat(client.socket().receive(Loopback.WAIT)).hasValue(body);
  }

  @Test
  void eject_whenFromExtension_thenGoGetLostWithCodeAndReasonThenClose() {
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_EJECT,
        w -> w.u16(BootCode.ADMIN_KICK).string("kicked by test")));
    assertThat(client.socket().expectGoGetLost(BootCode.ADMIN_KICK)).isEqualTo("kicked by test");
    DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, client.channel())
        .payload();
    r.readChannel();
    r.readChannel();
    assertThat(r.readU16()).isEqualTo(BootCode.ADMIN_KICK);
  }

  @Test
  void drop_whenFromExtension_thenClosedWithoutGoGetLost() {
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_DROP, w -> { }));
    client.socket().expectClosed(Loopback.WAIT);
    ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, client.channel());
  }

  @Test
  void setClientId_whenSet_thenLaterMessagesCarryItAndItReachesTheClient() {
    long id = (7L << 32) | 100_000_001L;
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_CLIENT_ID, w -> w.channel(id)));
    sync(ext, client);
    client.socket().send(new GetShardList());
    MdDatagram d = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE, client.channel());
    assertThat(d.sender()).isEqualTo(id);
    byte[] body = new DatagramWriter().u16(ClientMsg.SERVER_UP).u32(1).string("x").toByteArray();
    ext.send(sendDatagram(id, body));
    assertThat(client.socket().receive(Loopback.WAIT)).hasValue(body);
    client.socket().send(new Disconnect());
    DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, client.channel())
        .payload();
    r.readChannel();
    assertThat(r.readChannel()).isEqualTo(id);
  }

  @Test
  void openChannel_thenMessagesToItArrive_andCloseChannel_thenTheyDoNot() {
    long extra = 777_777;
    byte[] body = new DatagramWriter().u16(ClientMsg.SERVER_DOWN).u32(1).toByteArray();
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_OPEN_CHANNEL, w -> w.channel(extra)));
    sync(ext, client);
    ext.send(sendDatagram(extra, body));
    assertThat(client.socket().receive(Loopback.WAIT)).hasValue(body);
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_CLOSE_CHANNEL,
        w -> w.channel(extra)));
    sync(ext, client);
    ext.send(sendDatagram(extra, body));
    sync(ext, client);
  }

  @Test
  void addPostRemove_whenClientDisconnects_thenRouted() {
    try (Peer watcher = server.peer(888)) {
      MdDatagram cleanup = MdDatagram.builder(4321).to(888).from(Loopback.EXTENSION)
          .payload(w -> w.u32(99)).build();
      ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_ADD_POST_REMOVE,
          w -> w.blob(cleanup.bytes())));
      sync(ext, client);
      watcher.expectNone();
      client.socket().send(new Disconnect());
      assertThat(watcher.next()).isEqualTo(cleanup);
    }
  }

  @Test
  void clearPostRemoves_whenClientDisconnects_thenNothingRouted() {
    try (Peer watcher = server.peer(889)) {
      MdDatagram cleanup = MdDatagram.builder(4321).to(889).from(Loopback.EXTENSION)
          .payload(w -> w.u32(99)).build();
      ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_ADD_POST_REMOVE,
          w -> w.blob(cleanup.bytes())));
      ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_CLEAR_POST_REMOVES, w -> { }));
      sync(ext, client);
      client.socket().send(new Disconnect());
      ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, client.channel());
      watcher.expectNone();
    }
  }

  @Test
  void getNetworkAddress_whenAsked_thenReplyToTheSender() {
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_GET_NETWORK_ADDRESS, w -> w.u32(42)));
    MdDatagram d = ext.next(AstronMsg.CLIENTAGENT_GET_NETWORK_ADDRESS_RESP);
    assertThat(d.recipients()).containsExactly(Loopback.EXTENSION);
    DatagramReader r = d.payload();
    assertThat(r.readU32()).isEqualTo(42);
    assertThat(r.readString()).isEqualTo("127.0.0.1");
    assertThat(r.readU16()).isPositive();
    assertThat(r.readString()).isEqualTo("127.0.0.1");
    assertThat(r.readU16()).isEqualTo(server.ca.getPort());
  }

  @Test
  void rateLimit_whenClientFloods_thenEjected346() {
    DatagramWriter flood = new DatagramWriter();
    for (int i = 0; i < 40; i++) {
      flood.bytes(EmbeddedAgent.frame(Protocol2003.encode(new GetShardList())));
    }
    client.socket().sendRaw(flood.toByteArray()); // one write: no broken pipe after the eject
    client.socket().expectGoGetLost(BootCode.RATE_LIMITED);
  }

  @Test
  void badInput_whenOneClientMisbehaves_thenOtherClientsUnaffected() {
    try (Client other = server.connect(ext)) {
      client.socket().send(new byte[] {8});
      client.socket().expectGoGetLost(BootCode.TRUNCATED_DATAGRAM);
      other.socket().send(new GetShardList());
      assertThat(ext.next(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE, other.channel())).isNotNull();
      sync(ext, other);
    }
  }
}
