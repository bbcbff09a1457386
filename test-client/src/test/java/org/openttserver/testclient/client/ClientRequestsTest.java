package org.openttserver.testclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.testclient.client.Bytes.cat;
import static org.openttserver.testclient.client.Bytes.of;
import static org.openttserver.testclient.client.Bytes.str;

import org.junit.jupiter.api.Test;

class ClientRequestsTest {
  @Test
  void login_whenBuilt_thenOldAuthLayout() {
    assertThat(ClientRequests.login("bob", 0xC0A80002L, 5150, "sv1.0.6.9", 0x01020304L, "pw", true))
        .containsExactly(cat(of(1, 0), str("bob"), of(0x02, 0x00, 0xA8, 0xC0), of(0x1E, 0x14),
            str("sv1.0.6.9"), of(4, 3, 2, 1), str("pw"), of(1)));
  }

  @Test
  void login2_whenBuilt_thenTokenVersionHashAndType() {
    assertThat(ClientRequests.login2("tok", "sv1.0.6.9", 0xAABBCCDDL, 2))
        .containsExactly(cat(of(16, 0), str("tok"), str("sv1.0.6.9"),
            of(0xDD, 0xCC, 0xBB, 0xAA), of(2, 0, 0, 0)));
  }

  @Test
  void emptyRequests_whenBuilt_thenTypeOnly() {
    assertThat(ClientRequests.getAvatars()).containsExactly(3, 0);
    assertThat(ClientRequests.getShardList()).containsExactly(8, 0);
    assertThat(ClientRequests.getFriendList()).containsExactly(10, 0);
    assertThat(ClientRequests.disconnect()).containsExactly(37, 0);
    assertThat(ClientRequests.heartbeat()).containsExactly(52, 0);
  }

  @Test
  void createAvatar_whenBuilt_thenContextDnaAndSlot() {
    byte[] dna = of('t', 1, 2);
    assertThat(ClientRequests.createAvatar(0, dna, 5))
        .containsExactly(cat(of(6, 0), of(0, 0), of(3, 0, 't', 1, 2), of(5)));
  }

  @Test
  void idRequests_whenBuilt_thenU32Id() {
    byte[] id = of(0x78, 0x56, 0x34, 0x12);
    assertThat(ClientRequests.getAvatarDetails(0x12345678L)).containsExactly(cat(of(14, 0), id));
    assertThat(ClientRequests.setShard(0x12345678L)).containsExactly(cat(of(31, 0), id));
    assertThat(ClientRequests.setAvatar(0x12345678L)).containsExactly(cat(of(32, 0), id));
    assertThat(ClientRequests.deleteAvatar(0x12345678L)).containsExactly(cat(of(49, 0), id));
    assertThat(ClientRequests.removeFriend(0x12345678L)).containsExactly(cat(of(56, 0), id));
  }

  @Test
  void objectUpdateField_whenBuilt_thenDoIdFieldAndArgs() {
    assertThat(ClientRequests.objectUpdateField(1000, 0x0102, of(9, 9)))
        .containsExactly(of(24, 0, 0xE8, 0x03, 0, 0, 0x02, 0x01, 9, 9));
  }

  @Test
  void setZone_whenBuilt_thenU16Zone() {
    assertThat(ClientRequests.setZone(2000)).containsExactly(29, 0, 0xD0, 0x07);
  }

  @Test
  void setNamePattern_whenBuilt_thenFourIndexFlagPairs() {
    assertThat(ClientRequests.setNamePattern(7, new int[] {1, 2, 3, 4}, new int[] {0, 1, 0, 1}))
        .containsExactly(of(67, 0, 7, 0, 0, 0, 1, 0, 0, 0, 2, 0, 1, 0, 3, 0, 0, 0, 4, 0, 1, 0));
  }

  @Test
  void setNamePattern_whenNotFourParts_thenRefused() {
    assertThatThrownBy(() -> ClientRequests.setNamePattern(7, new int[3], new int[4]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wishNameRequests_whenBuilt_thenAvatarThenNameOrAction() {
    assertThat(ClientRequests.setWishName(7, "Zed"))
        .containsExactly(cat(of(70, 0, 7, 0, 0, 0), str("Zed")));
    assertThat(ClientRequests.setWishNameClear(7, 1)).containsExactly(72, 0, 7, 0, 0, 0, 1);
  }

  @Test
  void setSecurity_whenBuilt_thenTokenAndType() {
    assertThat(ClientRequests.setSecurity("t", 2))
        .containsExactly(cat(of(73, 0), str("t"), of(2, 0, 0, 0)));
  }
}
