package org.openttserver.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openttserver.api.datagram.DatagramReader;

/**
 * The bytes of every layout, written out by hand from protocol-2003.md §2 (the round-trip test
 * alone would not notice a layout that is wrong the same way in both directions).
 */
class Protocol2003LayoutTest {
  private static final String ID = "78563412"; // u32 0x12345678
  private static final String DNA = "0f00" + "74" + "0102030405060708090a0b0c0d0e";
  private static final byte[] DNA_BYTES = {'t', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

  record Golden(ProtocolMessage message, String hex) {
    @Override
    public String toString() {
      return message.toString();
    }
  }

  /** A u16 byte count, then the ASCII bytes, as hex. */
  private static String str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return String.format("%02x%02x", b.length & 0xFF, b.length >> 8) + HexFormat.of().formatHex(b);
  }

  private static Golden g(ProtocolMessage m, String... hex) {
    return new Golden(m, String.join("", hex));
  }

  static List<Golden> golden() {
    return List.of(
        g(new Login("bob", 0xC0A80002L, 5150, "sv1.0.6.9", 0x01020304L, "pw", true),
            "0100", str("bob"), "0200a8c0", "1e14", str("sv1.0.6.9"), "04030201", str("pw"), "01"),
        g(new LoginResp(12, 1, "bad", 16, 32), "0200", "0c", "01000000", str("bad"), "10000000",
            "20000000"),
        g(new GetAvatars(), "0300"),
        g(GoGetLost.of(100, "relogin"), "0400", "6400", str("relogin")),
        g(GoGetLost.noReason(), "0400"),
        g(new AvatarListResp(0, List.of(new AvatarListResp.Avatar(1001, "Toon", "Wish", "", "",
            DNA_BYTES, 2, true))),
            "0500", "00", "0100", "e9030000", str("Toon"), str("Wish"), str(""), str(""), DNA, "02",
            "01"),
        g(new CreateAvatar(0, DNA_BYTES, 5), "0600", "0000", DNA, "05"),
        g(CreateAvatarResp.created(0, 1001), "0700", "0000", "00", "e9030000"),
        g(CreateAvatarResp.refused(5, 1), "0700", "0500", "01"),
        g(new GetShardList(), "0800"),
        g(new GetShardListResp(List.of(new GetShardListResp.Shard(1, "A", 10),
            new GetShardListResp.Shard(2, "B", 0))),
            "0900", "0200", "01000000", str("A"), "0a000000", "02000000", str("B"), "00000000"),
        g(new GetFriendList(), "0a00"),
        g(new GetFriendListResp(0, List.of(new GetFriendListResp.Friend(7, "F", DNA_BYTES))),
            "0b00", "00", "0100", "07000000", str("F"), DNA),
        g(new GetFriendListResp(1, List.of()), "0b00", "01"),
        g(new GetAvatarDetails(0x12345678L), "0e00", ID),
        g(new GetAvatarDetailsResp(7, 0, new byte[] {(byte) 0xAB, (byte) 0xCD}), "0f00",
            "07000000", "00", "abcd"),
        g(GetAvatarDetailsResp.refused(7, 1), "0f00", "07000000", "01"),
        g(new Login2("tok", "sv1.0.6.9", 0xAABBCCDDL, 2), "1000", str("tok"), str("sv1.0.6.9"),
            "ddccbbaa", "02000000"),
        g(new Login2Resp(0, "", "bob", true, 1, 2, true, OptionalInt.of(-1)), "1100", "00",
            str(""), str("bob"), "01", "01000000", "02000000", "01", "ffffffff"),
        g(new Login2Resp(0, "", "bob", false, 1, 2, false, OptionalInt.empty()), "1100", "00",
            str(""), str("bob"), "00", "01000000", "02000000", "00"),
        g(new ObjectUpdateField(1000, 0x0102, new byte[] {9, 9}), "1800", "e8030000", "0201",
            "0909"),
        g(new ObjectDisableResp(0x12345678L), "1900", ID),
        g(new ObjectDeleteResp(0x12345678L), "1b00", ID),
        g(new SetZone(2000), "1d00", "d007"),
        g(new SetShard(0x12345678L), "1f00", ID),
        g(new SetAvatar(0x12345678L), "2000", ID),
        g(new CreateObjectRequired(16, 1_000_000, new byte[] {1, 2}), "2200", "1000", "40420f00",
            "0102"),
        g(new CreateObjectRequiredOther(16, 1_000_000, new byte[] {1, 0, 0}), "2300", "1000",
            "40420f00", "010000"),
        g(new Disconnect(), "2500"),
        g(GetStateResp.of(2000), "2f00", "000000000000000000000000", "d007"),
        g(new DoneSetZoneResp(65535), "3000", "ffff"),
        g(new DeleteAvatar(0x12345678L), "3100", ID),
        g(new Heartbeat(), "3400"),
        g(new FriendOnline(0x12345678L), "3500", ID),
        g(new FriendOffline(0x12345678L), "3600", ID),
        g(new RemoveFriend(0x12345678L), "3800", ID),
        g(new ServerUp(3, "Toon Valley"), "3900", "03000000", str("Toon Valley")),
        g(new ServerDown(0x12345678L), "3a00", ID),
        g(new SetNamePattern(7, List.of(new SetNamePattern.Part(1, 0),
            new SetNamePattern.Part(2, 1), new SetNamePattern.Part(3, 0),
            new SetNamePattern.Part(0xFFFF, 1))),
            "4300", "07000000", "0100", "0000", "0200", "0100", "0300", "0000", "ffff", "0100"),
        g(new SetNamePatternAnswer(7, 1), "4400", "07000000", "01"),
        g(new SetWishName(7, "Zed"), "4600", "07000000", str("Zed")),
        g(SetWishNameResp.pending(7, "Zed"), "4700", "07000000", "0000", str("Zed"), str(""),
            str("")),
        g(SetWishNameResp.refused(7, 1), "4700", "07000000", "0100"),
        g(new SetWishNameClear(7, 1), "4800", "07000000", "01"),
        g(new SetSecurity("t", 2), "4900", str("t"), "02000000"));
  }

  @ParameterizedTest
  @MethodSource("golden")
  void encode_givesTheDocumentedBytes_andThoseBytesDecodeToTheMessage(Golden c) {
    byte[] body = Protocol2003.encode(c.message());
    assertThat(HexFormat.of().formatHex(body)).isEqualTo(c.hex());
    MessageCodec<?> codec = Protocol2003.codec(c.message().getClass());
    assertThat(codec.readAll(new DatagramReader(body, 2, body.length - 2))).isEqualTo(c.message());
  }

  @org.junit.jupiter.api.Test
  void records_refuseValuesTheWireCannotCarry() {
    assertThatThrownBy(() -> new SetZone(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetShard(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetShard(0x1_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoginResp(256, 0, "", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetNamePattern(7, List.of(new SetNamePattern.Part(1, 0))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GetStateResp(new byte[11], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CreateAvatarResp(0, 0, java.util.OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CreateAvatarResp(0, 1, java.util.OptionalLong.of(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GoGetLost(OptionalInt.empty(), "text"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GetFriendListResp(1, List.of(
        new GetFriendListResp.Friend(1, "x", new byte[0]))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetWishNameResp(7, 1, "x", "", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GetAvatarDetailsResp(7, 1, new byte[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void byteArrayComponents_areCopiedAndCompareByContent() {
    byte[] dna = DNA_BYTES.clone();
    CreateAvatar a = new CreateAvatar(0, dna, 1);
    dna[0] = 'x';
    assertThat(a.dna()[0]).isEqualTo((byte) 't');
    a.dna()[1] = 99;
    assertThat(a.dna()[1]).isEqualTo((byte) 1);
    assertThat(a).isEqualTo(new CreateAvatar(0, DNA_BYTES.clone(), 1))
        .hasSameHashCodeAs(new CreateAvatar(0, DNA_BYTES.clone(), 1))
        .isNotEqualTo(new CreateAvatar(0, new byte[] {'t'}, 1));
  }
}
