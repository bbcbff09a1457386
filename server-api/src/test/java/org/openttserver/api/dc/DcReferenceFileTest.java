package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks against the user's original toon.dc; skipped when the reference copy is absent. */
class DcReferenceFileTest {
  static DcFile file;

  @BeforeAll
  static void load() throws Exception {
    file = DcTestFiles.reference();
  }

  @Test
  void hash_isThePublishedValue() {
    assertThat(file.hash2003()).isEqualTo(3005460305L);
  }

  @Test
  void counts_matchTheResearchNotes() {
    assertThat(file.classes()).hasSize(79);
    assertThat(file.fields()).hasSize(404);
    assertThat(file.fields().stream().filter(DcField::isMolecular)).hasSize(16);
    assertThat(file.classes().stream().mapToInt(c -> c.fieldTable().size()).sum()).isEqualTo(815);
  }

  @Test
  void timeManager_numbers() {
    DcClass tm = file.dclass("TimeManager");
    assertThat(tm.number()).isEqualTo(1);
    assertThat(tm.field("requestServerTime").number2003()).isZero();
    assertThat(tm.field("serverTime").number2003()).isEqualTo(1);
    assertThat(tm.field("setDisconnectReason").number2003()).isEqualTo(2);
  }

  @Test
  void distributedToon_numbers() {
    DcClass toon = file.dclass("DistributedToon");
    assertThat(toon.fieldBy2003Number(0).name()).isEqualTo("setParent");
    assertThat(toon.fieldBy2003Number(13).name()).isEqualTo("setXYZH");
    assertThat(toon.fieldBy2003Number(14).name()).isEqualTo("setComponentX");
    assertThat(toon.fieldBy2003Number(30).name()).isEqualTo("clearSmoothing");
    assertThat(toon.field("setName").number2003()).isEqualTo(31);
    assertThat(toon.field("setDNAString").number2003()).isEqualTo(32);
    assertThat(toon.field("WishNameState").number2003()).isEqualTo(98);
    assertThat(toon.fieldTable()).hasSize(99);
    assertThat(toon.fieldBy2003Number(99)).isNull();
  }

  @Test
  void distributedDoor_numbers() {
    DcClass door = file.dclass("DistributedDoor");
    assertThat(door.fieldBy2003Number(0).name()).isEqualTo("setZoneIdAndBlock");
    assertThat(door.fieldBy2003Number(12).name()).isEqualTo("setExitDoorState");
    assertThat(door.fieldTable()).hasSize(13);
  }

  @Test
  void globalIds_mapBothWaysForEveryTableEntry() {
    for (DcClass c : file.classes()) {
      for (int n = 0; n < c.fieldTable().size(); n++) {
        int g = file.toGlobalId(c, n);
        assertThat(file.fieldByGlobalId(g)).isSameAs(c.fieldBy2003Number(n));
        assertThat(file.to2003Number(c, g)).isEqualTo(n);
      }
    }
  }

  @Test
  void requiredBroadcast_isASubsetOfRequired_inOrder() {
    DcClass toon = file.dclass("DistributedToon");
    assertThat(toon.requiredBroadcastFields().get(0).name()).isEqualTo("setName");
    assertThat(toon.requiredFields()).containsSubsequence(toon.requiredBroadcastFields());
  }
}
