package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.api.bridge.BridgeTestDc.THING;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;

/** Replies the bridge cannot decode fail the future with {@link MalformedReplyException}. */
class MalformedReplyTest {
  private static final long SENDER = 4_000_000_000L;
  private final FakeParticipant participant = new FakeParticipant();
  private final AstronBridge bridge = AstronBridge.create(participant, SENDER, BridgeTestDc.DC,
      BridgeSettings.defaults());

  private DatagramWriter reply(int type) {
    long ctx = participant.requests.keySet().iterator().next();
    return Datagram.header(SENDER, 1, type).u32(ctx);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void databaseGetAll_whenTruncated_thenMalformedReplyWithTheDecodingError() {
    CompletableFuture<StoredObject> f = bridge.database().getAll(5);

    // found, then one byte of the u16 class
    participant.answer(Datagram.of(reply(AstronMsg.DBSERVER_OBJECT_GET_ALL_RESP).u8(1).u8(0)));

    assertThat(failure(f)).isInstanceOf(MalformedReplyException.class)
        .hasMessageContaining("database get of all fields of 5")
        .hasCauseInstanceOf(org.openttserver.api.datagram.DatagramFormatException.class);
  }

  @Test
  void databaseGetAll_whenAFieldIsCutShort_thenMalformedReply() {
    CompletableFuture<StoredObject> f = bridge.database().getAll(5);

    // one field counted, its u16 id and only two of its four bytes
    participant.answer(Datagram.of(reply(AstronMsg.DBSERVER_OBJECT_GET_ALL_RESP).u8(1)
        .u16(THING.number()).u16(1).u16(THING.field("setRequired").globalId()).u16(0)));

    assertThat(failure(f)).isInstanceOf(MalformedReplyException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void databaseGetAll_whenUnknownClass_thenMalformedReply() {
    CompletableFuture<StoredObject> f = bridge.database().getAll(5);

    participant.answer(Datagram.of(reply(AstronMsg.DBSERVER_OBJECT_GET_ALL_RESP).u8(1)
        .u16(999).u16(0)));

    assertThat(failure(f)).isInstanceOf(MalformedReplyException.class)
        .hasMessageContaining("999");
  }

  @Test
  void liveGetAll_whenAboutAnotherObject_thenMalformedReply() {
    CompletableFuture<LiveObject> f = bridge.objects().getAll(5);

    participant.answer(Datagram.of(reply(AstronMsg.STATESERVER_OBJECT_GET_ALL_RESP).doId(6)
        .doId(0).u32(0).u16(THING.number()).u32(1).u16(0)));

    assertThat(failure(f)).isInstanceOf(MalformedReplyException.class)
        .hasMessageContaining("the reply is about 6");
  }

  @Test
  void getFields_whenReplyNamesAFieldTheClassLacks_thenMalformedReply() {
    CompletableFuture<FieldValues> f = bridge.objects().getFields(5, THING, "setText");

    participant.answer(Datagram.of(reply(AstronMsg.STATESERVER_OBJECT_GET_FIELDS_RESP).u8(1)
        .u16(1).u16(4321).u8(0)));

    assertThat(failure(f)).isInstanceOf(MalformedReplyException.class)
        .hasCauseInstanceOf(org.openttserver.api.dc.DcValueException.class);
  }

  @Test
  void databaseGetAll_whenWellFormed_thenDecoded() {
    CompletableFuture<StoredObject> f = bridge.database().getAll(5);

    participant.answer(Datagram.of(reply(AstronMsg.DBSERVER_OBJECT_GET_ALL_RESP).u8(1)
        .u16(THING.number()).u16(1).u16(THING.field("setRequired").globalId()).u32(77)));

    assertThat(f.join().fields().integer("setRequired")).isEqualTo(77);
  }
}
