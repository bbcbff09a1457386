package org.openttserver.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;

/**
 * Every record of {@link Protocol2003#all()}: encode, decode with the codec the receiving side
 * looks up by number, compare; every strict prefix refused; a trailing byte detected.
 */
class Protocol2003RoundTripTest {
  private static final DcClass AV = TestDc.AV;
  private static final byte[] DNA = {'t', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

  /**
   * One sample.
   *
   * @param message the message
   * @param validPrefixes payload lengths at which a strict prefix is itself a complete message
   *     (an optional tail left out)
   * @param deep the DC-level decode of a DC-dependent body, or null
   */
  record Case(ProtocolMessage message, Set<Integer> validPrefixes,
      Function<ProtocolMessage, ?> deep) {
    @Override
    public String toString() {
      return message.toString();
    }
  }

  private static Case c(ProtocolMessage m) {
    return new Case(m, Set.of(), null);
  }

  private static <M extends ProtocolMessage> Case dc(M m, Function<M, ?> deep) {
    @SuppressWarnings("unchecked")
    Function<ProtocolMessage, ?> f = x -> deep.apply((M) x);
    return new Case(m, Set.of(), f);
  }

  private static Case withValidPrefix(ProtocolMessage m, int prefix) {
    return new Case(m, Set.of(prefix), null);
  }

  private static DcFieldValue v(String field, Object... values) {
    return new DcFieldValue(AV.field(field), Arrays.asList(values));
  }

  static List<Case> cases() {
    AvatarListResp.Avatar toon = new AvatarListResp.Avatar(100000001L, "Flippy", "Wish", "", "",
        DNA, 2, true);
    AvatarListResp.Avatar other = new AvatarListResp.Avatar(0xFFFFFFFFL, "", "", "Ok", "No",
        new byte[0], 5, false);
    return List.of(
        c(new Login("bob", 0xC0A80002L, 5150, "sv1.0.6.9", 0xAABBCCDDL, "pw", true)),
        c(new LoginResp(12, 0xFFFFFFFFL, "bad password", 1_700_000_000L, 999_999)),
        c(new GetAvatars()),
        withValidPrefix(GoGetLost.of(BootCode.RELOGIN, "someone else logged in"), 0),
        c(GoGetLost.noReason()),
        c(new AvatarListResp(0, List.of(toon, other))),
        c(new AvatarListResp(0, List.of())),
        c(new CreateAvatar(0, DNA, 5)),
        c(CreateAvatarResp.created(0xFFFF, 100000002L)),
        c(CreateAvatarResp.refused(0, 1)),
        c(new GetShardList()),
        c(new GetShardListResp(List.of(new GetShardListResp.Shard(402000000L, "Toon Valley", 12),
            new GetShardListResp.Shard(402000001L, "Über", 0)))),
        c(new GetFriendList()),
        c(new GetFriendListResp(0, List.of(new GetFriendListResp.Friend(7, "Pal", DNA)))),
        c(new GetFriendListResp(1, List.of())),
        c(new GetAvatarDetails(100000001L)),
        dc(GetAvatarDetailsResp.of(100000001L, AV, List.of(v("setName", "Flippy"),
            v("setHp", 15L))), m -> m.fields(AV)),
        c(GetAvatarDetailsResp.refused(5, 1)),
        c(new Login2("token", "sv1.0.6.9", 3005460305L, ClientMsg.TokenType.PLAY_TOKEN)),
        withValidPrefix(new Login2Resp(0, "", "Flippy", true, 1_700_000_000L, 250_000, true,
            OptionalInt.of(-1)), 1 + 2 + 2 + 6 + 1 + 4 + 4 + 1),
        c(new Login2Resp(0, "e", "", false, 0, 0, false, OptionalInt.empty())),
        dc(ObjectUpdateField.of(1000, AV, "setChat", "hi there"), m -> m.value(AV)),
        c(new ObjectDisableResp(320)),
        c(new ObjectDeleteResp(0xFFFFFFFFL)),
        c(new SetZone(0xFFFF)),
        c(new SetShard(402000000L)),
        c(new SetAvatar(0)),
        dc(CreateObjectRequired.of(4000, AV, List.of(v("setName", "Flippy"))), m -> m.fields(AV)),
        dc(CreateObjectRequiredOther.of(4001, AV, List.of(v("setPos", 1.5, -2.0),
            v("setName", "Flippy"), v("setChat", "hi"))), m -> m.fields(AV)),
        c(new Disconnect()),
        c(new GetStateResp(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2000)),
        c(new DoneSetZoneResp(2000)),
        c(new DeleteAvatar(100000001L)),
        c(new Heartbeat()),
        c(new FriendOnline(7)),
        c(new FriendOffline(8)),
        c(new RemoveFriend(9)),
        c(new ServerUp(402000000L, "Toon Valley")),
        c(new ServerDown(402000000L)),
        c(new SetNamePattern(100000001L, List.of(new SetNamePattern.Part(0xFFFF, 0),
            new SetNamePattern.Part(12, 0), new SetNamePattern.Part(3, 1),
            new SetNamePattern.Part(7, 0)))),
        c(new SetNamePatternAnswer(100000001L, 1)),
        c(new SetWishName(100000001L, "Flippy Doodle")),
        c(SetWishNameResp.pending(100000001L, "Flippy Doodle")),
        c(SetWishNameResp.refused(100000001L, 3)),
        c(new SetWishNameClear(100000001L, 1)),
        c(new SetSecurity("token", ClientMsg.TokenType.PLAY_TOKEN)));
  }

  @Test
  void table_coversEveryRecordOfTheCatalogue() {
    Set<Class<?>> covered = cases().stream().map(c -> c.message().getClass())
        .collect(Collectors.toSet());
    Set<Class<?>> all = Protocol2003.all().stream().map(MessageCodec::messageClass)
        .collect(Collectors.toSet());
    assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void encodeThenDecode_givesAnEqualMessage_throughEveryDirectionItGoes(Case c) {
    byte[] body = Protocol2003.encode(c.message());
    DatagramReader head = new DatagramReader(body);
    int type = head.readU16();
    MessageCodec<?> codec = Protocol2003.codec(c.message().getClass());
    assertThat(type).isEqualTo(codec.type());
    assertThat(encodeWith(codec, c.message())).containsExactly(body);
    boolean checked = false;
    if (c.message() instanceof ServerBound) {
      MessageCodec<?> in = Protocol2003.serverBound(type).orElseThrow();
      assertThat(in.readAll(payload(body, body.length - 2))).isEqualTo(c.message());
      checked = true;
    }
    if (c.message() instanceof ClientBound) {
      MessageCodec<?> in = Protocol2003.clientBound(type).orElseThrow();
      assertThat(in.readAll(payload(body, body.length - 2))).isEqualTo(c.message());
      checked = true;
    }
    assertThat(checked).as("a ServerBound or ClientBound record").isTrue();
    if (c.deep() != null) {
      assertThat(c.deep().apply(c.message())).isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyStrictPrefix_isRefused_unlessItLeavesOutAnOptionalTail(Case c) {
    byte[] body = Protocol2003.encode(c.message());
    MessageCodec<?> codec = Protocol2003.codec(c.message().getClass());
    for (int n = 0; n < body.length - 2; n++) {
      int len = n;
      if (c.validPrefixes().contains(len)) {
        Object shorter = codec.readAll(payload(body, len));
        assertThat(shorter).isNotEqualTo(c.message());
        assertThat(Protocol2003.encode((ProtocolMessage) shorter))
            .containsExactly(Arrays.copyOf(body, 2 + len));
      } else {
        assertThatThrownBy(() -> decodeFully(c, codec, payload(body, len)))
            .as("prefix of %d payload byte(s) of %s", len, c.message())
            .isInstanceOf(DatagramFormatException.class);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aTrailingByte_isDetected(Case c) {
    byte[] body = Protocol2003.encode(c.message());
    byte[] longer = Arrays.copyOf(body, body.length + 1);
    MessageCodec<?> codec = Protocol2003.codec(c.message().getClass());
    assertThatThrownBy(() -> decodeFully(c, codec, payload(longer, longer.length - 2)))
        .isInstanceOf(DatagramFormatException.class);
  }

  private static Object decodeFully(Case c, MessageCodec<?> codec, DatagramReader payload) {
    Object m = codec.readAll(payload);
    return c.deep() == null ? m : c.deep().apply((ProtocolMessage) m);
  }

  private static DatagramReader payload(byte[] body, int length) {
    return new DatagramReader(body, 2, length);
  }

  private static <M> byte[] encodeWith(MessageCodec<M> codec, Object m) {
    return codec.encode(codec.messageClass().cast(m));
  }

  static Stream<MessageCodec<?>> codecs() {
    return Protocol2003.all().stream();
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void everyCodec_refusesAnEmptyPayloadOrReadsTheEmptyForm(MessageCodec<?> codec) {
    DatagramReader empty = new DatagramReader(new byte[0]);
    Set<Integer> emptyForms = Set.of(ClientMsg.GET_AVATARS, ClientMsg.GET_SHARD_LIST,
        ClientMsg.GET_FRIEND_LIST, ClientMsg.DISCONNECT, ClientMsg.HEARTBEAT,
        ClientMsg.GO_GET_LOST);
    if (emptyForms.contains(codec.type())) {
      assertThat(Protocol2003.encode((ProtocolMessage) codec.readAll(empty)))
          .containsExactly(codec.type() & 0xFF, codec.type() >> 8);
    } else {
      assertThatThrownBy(() -> codec.read(empty)).isInstanceOf(DatagramFormatException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void randomPayloads_decodeOrFailWithFormatExceptionOnly(MessageCodec<?> codec) {
    java.util.Random random = new java.util.Random(codec.type());
    for (int i = 0; i < 3000; i++) {
      byte[] payload = new byte[random.nextInt(48)];
      random.nextBytes(payload);
      if (payload.length >= 2 && random.nextBoolean()) {
        payload[0] = (byte) random.nextInt(4); // small counts and lengths now and then
        payload[1] = 0;
      }
      try {
        Object m = codec.readAll(new DatagramReader(payload));
        assertThat(m).isInstanceOf(codec.messageClass());
        // Decoding loses nothing: the record encodes to the very bytes it came from (strings
        // are one character per byte, whatever their values).
        byte[] again = Protocol2003.encode((ProtocolMessage) m);
        assertThat(java.util.Arrays.copyOfRange(again, 2, again.length))
            .as("%s re-encoded", codec.messageClass().getSimpleName()).containsExactly(payload);
      } catch (DatagramFormatException expected) {
        // the only way a codec may refuse bytes
      }
    }
  }
}
