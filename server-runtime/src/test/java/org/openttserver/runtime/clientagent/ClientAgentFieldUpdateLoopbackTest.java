package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.command;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.sync;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.runtime.clientagent.Loopback.Client;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.md.MdDatagram;

/** Validation and routing of client field updates (24), as Astron's client agent does them. */
class ClientAgentFieldUpdateLoopbackTest {
  static final DcFile DC = EmbeddedAgent.dc();
  static final DcClass TIME = DC.dclass("TimeManager");
  static final DcClass WORDS = DC.dclass("MagicWordManager");
  static final DcClass TOON = DC.dclass("DistributedToon");
  static final long TIME_ID = 4100;
  static final long WORDS_ID = 4101;
  static final long TOON_ID = 100_000_009L;
  static final long CLIENT_ID = (3L << 32) | TOON_ID;

  static Loopback server;
  Peer ext;
  Client client;

  @BeforeAll
  static void startServer() {
    server = new Loopback("      heartbeat_timeout: 0\n      divert_fields: ["
        + TIME.field("setDisconnectReason").globalId() + "]\n", 200);
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

  private void declare(long doId, DcClass c) {
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_DECLARE_OBJECT,
        w -> w.doId(doId).u16(c.number())));
  }

  private void login() {
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_CLIENT_ID,
        w -> w.channel(CLIENT_ID)));
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_STATE, w -> w.u16(2)));
    declare(TIME_ID, TIME);
    declare(WORDS_ID, WORDS);
    declare(TOON_ID, TOON);
    sync(ext, client);
  }

  private void update(long doId, DcClass c, String field, byte[] value) {
    client.socket().send(new ObjectUpdateField(doId,
        c.field(field).number2003(), value));
  }

  private void expectEject(int code) {
    client.socket().expectGoGetLost(code);
    DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, client.channel())
        .payload();
    r.readChannel();
    r.readChannel();
    assertThat(r.readU16()).isEqualTo(code);
  }

  @Test
  void update_whenObjectUnknownBeforeLogin_thenEject117() {
    update(TIME_ID, TIME, "requestServerTime", new byte[] {1});
    expectEject(BootCode.MISSING_OBJECT);
  }

  @Test
  void update_whenDeclaredButNotLoggedIn_thenEject113() {
    declare(TIME_ID, TIME);
    sync(ext, client);
    update(TIME_ID, TIME, "requestServerTime", new byte[] {1});
    expectEject(BootCode.ANONYMOUS_VIOLATION);
  }

  @Test
  void update_whenClsendOnDeclaredObject_thenSetFieldToDoidWithGlobalIdAndClientId() {
    try (Peer object = server.peer(TIME_ID)) {
      login();
      update(TIME_ID, TIME, "requestServerTime", new byte[] {5});
      MdDatagram d = object.next();
      assertThat(d).isEqualTo(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_SET_FIELD)
          .to(TIME_ID).from(CLIENT_ID).payload(w -> w.doId(TIME_ID)
              .u16(TIME.field("requestServerTime").globalId()).u8(5)).build());
      ext.expectNone();
    }
  }

  @Test
  void update_whenFieldNotClsend_thenEject118() {
    login();
    update(TIME_ID, TIME, "serverTime", new DatagramWriter().u8(1).i16(2).u32(3).toByteArray());
    expectEject(BootCode.FORBIDDEN_FIELD);
  }

  @Test
  void update_whenOwnsendOnObjectNotOwned_thenEject118() {
    login();
    update(TOON_ID, TOON, "setChat", new DatagramWriter().string("hi").u8(0).toByteArray());
    expectEject(BootCode.FORBIDDEN_FIELD);
  }

  @Test
  void update_whenFieldNumberOutOfRange_thenEject118() {
    login();
    client.socket().send(new ObjectUpdateField(TIME_ID, 999, new byte[] {1}));
    expectEject(BootCode.FORBIDDEN_FIELD);
  }

  @Test
  void update_whenArrayByteCountBreaksElementSize_thenEject127() {
    login();
    update(WORDS_ID, WORDS, "setWho", new DatagramWriter().u16(3).u8(1).u8(2).u8(3)
        .toByteArray());
    expectEject(BootCode.FIELD_CONSTRAINT);
  }

  @Test
  void update_whenValueTruncated_thenEject109() {
    login();
    update(TIME_ID, TIME, "requestServerTime", new byte[0]);
    expectEject(BootCode.TRUNCATED_DATAGRAM);
  }

  @Test
  void update_whenStringLongerThanTheMessage_thenEject109() {
    login();
    update(WORDS_ID, WORDS, "setMagicWord", new DatagramWriter().u16(500).u8('x').toByteArray());
    expectEject(BootCode.TRUNCATED_DATAGRAM);
  }

  @Test
  void update_whenBytesLeftOver_thenEject106() {
    login();
    update(TIME_ID, TIME, "requestServerTime", new byte[] {1, 2});
    expectEject(BootCode.OVERSIZED_DATAGRAM);
  }

  @Test
  void update_whenHeaderTruncated_thenEject109() {
    login();
    client.socket().send(new DatagramWriter().u16(24).u32(TIME_ID).u8(0).toByteArray());
    expectEject(BootCode.TRUNCATED_DATAGRAM);
  }

  @Test
  void update_whenFieldDiverted_thenForwardedToExtensionAs1301() {
    try (Peer object = server.peer(TIME_ID)) {
      login();
      byte[] body = Protocol2003.encode(new ObjectUpdateField(TIME_ID,
          TIME.field("setDisconnectReason").number2003(), new byte[] {2}));
      client.socket().send(body);
      DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE, client.channel())
          .payload();
      r.readChannel();
      assertThat(r.readRemaining()).isEqualTo(body);
      object.expectNone();
    }
  }

  @Test
  void update_whenFieldMadeSendable_thenAllowedInAdditionToClsendFields() {
    try (Peer object = server.peer(TIME_ID)) {
      login();
      int serverTime = TIME.field("serverTime").globalId();
      ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_FIELDS_SENDABLE,
          w -> w.doId(TIME_ID).u16(1).u16(serverTime)));
      sync(ext, client);
      update(TIME_ID, TIME, "serverTime", new DatagramWriter().u8(1).i16(2).u32(3).toByteArray());
      MdDatagram d = object.next();
      assertThat(d.msgType()).isEqualTo(AstronMsg.STATESERVER_OBJECT_SET_FIELD);
      // As in Astron, the list adds to what clsend/ownsend allow; it does not replace it.
      update(TIME_ID, TIME, "requestServerTime", new byte[] {5});
      assertThat(object.next().msgType()).isEqualTo(AstronMsg.STATESERVER_OBJECT_SET_FIELD);
    }
  }

  @Test
  void update_whenSendableSetOnObjectSharingLow16Bits_thenOtherObjectUnaffected() {
    try (Peer object = server.peer(TIME_ID)) {
      login();
      ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_FIELDS_SENDABLE,
          w -> w.doId(TIME_ID + 0x10000).u16(1).u16(TIME.field("serverTime").globalId())));
      sync(ext, client);
      update(TIME_ID, TIME, "requestServerTime", new byte[] {5});
      assertThat(object.next().msgType()).isEqualTo(AstronMsg.STATESERVER_OBJECT_SET_FIELD);
    }
  }

  @Test
  void update_whenObjectUndeclared_thenEject117() {
    login();
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_UNDECLARE_OBJECT,
        w -> w.doId(TIME_ID)));
    sync(ext, client);
    update(TIME_ID, TIME, "requestServerTime", new byte[] {5});
    expectEject(BootCode.MISSING_OBJECT);
  }

  /** A whisper to another toon: the 2003 client sends it with that toon's doId (sendToId). */
  private static byte[] whisper(long fromId, String text) {
    return new DatagramWriter().u32(fromId).string(text).toByteArray();
  }

  @Test
  void update_whenWhisperNamesThisClientsAvatar_thenRoutedToTheTarget() {
    long other = 100_000_011L;
    try (Peer target = server.peer(other)) {
      login();
      declare(other, TOON);
      sync(ext, client);
      update(other, TOON, "setWhisperFrom", whisper(TOON_ID, "hi"));
      MdDatagram d = target.next();
      assertThat(d).isEqualTo(MdDatagram.builder(AstronMsg.STATESERVER_OBJECT_SET_FIELD)
          .to(other).from(CLIENT_ID).payload(w -> w.doId(other)
              .u16(TOON.field("setWhisperFrom").globalId()).u32(TOON_ID).string("hi")).build());
    }
  }

  @Test
  void update_whenWhisperNamesAnotherSender_thenEject118AndNothingRouted() {
    long other = 100_000_011L;
    try (Peer target = server.peer(other)) {
      login();
      declare(other, TOON);
      sync(ext, client);
      update(other, TOON, "setWhisperFrom", whisper(100_000_013L, "I am someone else"));
      expectEject(BootCode.FORBIDDEN_FIELD);
      target.expectNone();
    }
  }

  @Test
  void update_whenTeleportQueryBeforeAnAvatarIsChosen_thenEject118() {
    long other = 100_000_011L;
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_CLIENT_ID,
        w -> w.channel(3L << 32)));
    ext.send(command(client.channel(), AstronMsg.CLIENTAGENT_SET_STATE, w -> w.u16(2)));
    declare(other, TOON);
    sync(ext, client);
    update(other, TOON, "teleportQuery", new DatagramWriter().u32(0).toByteArray());
    expectEject(BootCode.FORBIDDEN_FIELD);
  }
}
