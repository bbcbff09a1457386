package org.openttserver.testclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.testclient.client.Bytes.cat;
import static org.openttserver.testclient.client.Bytes.of;
import static org.openttserver.testclient.client.Bytes.str;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;

class ServerRepliesTest {
  private static DatagramReader r(byte[] payload) {
    return new DatagramReader(payload);
  }

  @Test
  void loginResp_whenFull_thenAllFields() {
    var resp = ServerReplies.LoginResp.read(r(cat(of(12), of(1, 0, 0, 0), str("bad"),
        of(0x10, 0, 0, 0), of(0x20, 0, 0, 0))));
    assertThat(resp).isEqualTo(new ServerReplies.LoginResp(12, 1, "bad", 16, 32));
  }

  @Test
  void login2Resp_whenMinutesPresent_thenRead() {
    var resp = ServerReplies.Login2Resp.read(r(cat(of(0), str(""), str("bob"), of(1),
        of(1, 0, 0, 0), of(2, 0, 0, 0), of(1), of(0xFF, 0xFF, 0xFF, 0xFF))));
    assertThat(resp).isEqualTo(new ServerReplies.Login2Resp(0, "", "bob", true, 1, 2, true,
        OptionalInt.of(-1)));
  }

  @Test
  void login2Resp_whenMinutesOmitted_thenEmpty() {
    var resp = ServerReplies.Login2Resp.read(r(cat(of(0), str(""), str("bob"), of(0),
        of(1, 0, 0, 0), of(2, 0, 0, 0), of(0))));
    assertThat(resp.minutesRemaining()).isEmpty();
    assertThat(resp.isPaid()).isFalse();
  }

  @Test
  void avatarList_whenOneEntry_thenEntryParsed() {
    var list = ServerReplies.AvatarList.read(r(cat(of(0), of(1, 0), of(0xE9, 0x03, 0, 0),
        str("Toon"), str("Wish"), str(""), str(""), str("t123"), of(2), of(1))));
    assertThat(list.returnCode()).isZero();
    assertThat(list.avatars()).hasSize(1);
    var e = list.avatars().get(0);
    assertThat(e.avatarId()).isEqualTo(1001);
    assertThat(e.name()).isEqualTo("Toon");
    assertThat(e.wishName()).isEqualTo("Wish");
    assertThat(e.dna()).containsExactly('t', '1', '2', '3');
    assertThat(e.position()).isEqualTo(2);
    assertThat(e.allowedName()).isTrue();
  }

  @Test
  void createAvatarResp_whenCodeZero_thenAvatarIdRead() {
    assertThat(ServerReplies.CreateAvatarResp.read(r(of(0, 0, 0, 0xE9, 0x03, 0, 0))))
        .isEqualTo(new ServerReplies.CreateAvatarResp(0, 0, OptionalLong.of(1001)));
  }

  @Test
  void createAvatarResp_whenCodeNonZero_thenNoAvatarId() {
    assertThat(ServerReplies.CreateAvatarResp.read(r(of(5, 0, 1))))
        .isEqualTo(new ServerReplies.CreateAvatarResp(5, 1, OptionalLong.empty()));
  }

  @Test
  void shardList_whenTwoShards_thenBothInOrder() {
    var list = ServerReplies.ShardList.read(r(cat(of(2, 0), of(1, 0, 0, 0), str("A"),
        of(10, 0, 0, 0), of(2, 0, 0, 0), str("B"), of(0, 0, 0, 0))));
    assertThat(list.shards()).containsExactly(new ServerReplies.Shard(1, "A", 10),
        new ServerReplies.Shard(2, "B", 0));
  }

  @Test
  void friendList_whenErrorZero_thenEntries() {
    var list = ServerReplies.FriendList.read(r(cat(of(0), of(1, 0), of(7, 0, 0, 0), str("F"),
        str("dna"))));
    assertThat(list.friends()).singleElement()
        .satisfies(f -> assertThat(f.avatarId()).isEqualTo(7))
        .satisfies(f -> assertThat(f.dna()).containsExactly('d', 'n', 'a'));
  }

  @Test
  void friendList_whenErrorNonZero_thenNothingMoreRead() {
    assertThat(ServerReplies.FriendList.read(r(of(1))).friends()).isEmpty();
  }

  @Test
  void avatarDetails_whenFieldsFollow_thenRawTail() {
    var d = ServerReplies.AvatarDetails.read(r(of(7, 0, 0, 0, 0, 0xAB, 0xCD)));
    assertThat(d.avatarId()).isEqualTo(7);
    assertThat(d.fields()).containsExactly(0xAB, 0xCD);
  }

  @Test
  void goGetLost_whenNoPayload_thenNoCode() {
    assertThat(ServerReplies.GoGetLost.read(r(of())))
        .isEqualTo(new ServerReplies.GoGetLost(OptionalInt.empty(), ""));
  }

  @Test
  void goGetLost_whenPayload_thenCodeAndReason() {
    assertThat(ServerReplies.GoGetLost.read(r(cat(of(100, 0), str("relogin")))))
        .isEqualTo(new ServerReplies.GoGetLost(OptionalInt.of(100), "relogin"));
  }

  @Test
  void getStateResp_whenRead_thenTwelveSkippedThenZone() {
    var s = ServerReplies.GetStateResp.read(r(cat(new byte[12], of(0xD0, 0x07))));
    assertThat(s.zoneId()).isEqualTo(2000);
    assertThat(s.skipped()).hasSize(12);
  }

  @Test
  void getStateResp_whenShort_thenFormatException() {
    assertThatThrownBy(() -> ServerReplies.GetStateResp.read(r(new byte[13])))
        .isInstanceOf(DatagramFormatException.class);
  }

  @Test
  void doneSetZoneResp_whenRead_thenU16Zone() {
    assertThat(ServerReplies.DoneSetZoneResp.read(r(of(0xFF, 0xFF))).zoneId()).isEqualTo(65535);
  }

  @Test
  void createObject_whenRead_thenClassDoIdAndRawRest() {
    var c = ServerReplies.CreateObject.read(r(of(0x10, 0, 0x40, 0x42, 0x0F, 0, 1, 2)));
    assertThat(c.classNumber()).isEqualTo(16);
    assertThat(c.doId()).isEqualTo(1_000_000);
    assertThat(c.rest()).containsExactly(1, 2);
  }

  @Test
  void fieldUpdate_whenRead_thenDoIdFieldArgs() {
    var u = ServerReplies.FieldUpdate.read(r(of(5, 0, 0, 0, 0x20, 0x01, 9)));
    assertThat(u.doId()).isEqualTo(5);
    assertThat(u.fieldNumber()).isEqualTo(0x120);
    assertThat(u.args()).containsExactly(9);
  }

  @Test
  void idOnly_whenRead_thenU32() {
    assertThat(ServerReplies.IdOnly.read(r(of(0xFF, 0xFF, 0xFF, 0xFF))).id())
        .isEqualTo(0xFFFF_FFFFL);
  }

  @Test
  void namePatternAnswer_whenRead_thenAvatarAndCode() {
    assertThat(ServerReplies.NamePatternAnswer.read(r(of(7, 0, 0, 0, 1))))
        .isEqualTo(new ServerReplies.NamePatternAnswer(7, 1));
  }

  @Test
  void wishNameResp_whenCodeZero_thenThreeStrings() {
    assertThat(ServerReplies.WishNameResp.read(r(cat(of(7, 0, 0, 0, 0, 0), str("Zed"), str(""),
        str(""))))).isEqualTo(new ServerReplies.WishNameResp(7, 0, "Zed", "", ""));
  }

  @Test
  void wishNameResp_whenCodeNonZeroAndNoTail_thenEmptyStrings() {
    assertThat(ServerReplies.WishNameResp.read(r(of(7, 0, 0, 0, 1, 0))))
        .isEqualTo(new ServerReplies.WishNameResp(7, 1, "", "", ""));
  }

  @Test
  void serverUp_whenRead_thenShardAndName() {
    assertThat(ServerReplies.ServerUp.read(r(cat(of(3, 0, 0, 0), str("Toon Valley")))))
        .isEqualTo(new ServerReplies.ServerUp(3, "Toon Valley"));
  }
}
