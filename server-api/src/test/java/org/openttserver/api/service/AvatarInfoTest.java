package org.openttserver.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.AvatarDirectory.NameState;

class AvatarInfoTest {
  private static byte[] dna(int gender) {
    return new byte[] {'t', 0, 0, 0, (byte) gender, 0, 0, 0, 0, 0, 0, 2, 0, 2, 2};
  }

  @Test
  void avatarInfo_whenSameContent_thenEqualAndDnaCannotBeChangedFromOutside() {
    byte[] dna = dna(1);
    AvatarInfo a = new AvatarInfo(100_000_001L, "flippy", 0, "Red Dog", dna, NameState.OPEN, "");
    AvatarInfo b = new AvatarInfo(100_000_001L, "flippy", 0, "Red Dog", dna(1), NameState.OPEN,
        "");

    dna[4] = 0;
    a.dna()[4] = 0;

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.isMale()).isTrue();
    assertThat(new AvatarInfo(1, "x", 0, "y", dna(0), NameState.LOCKED, "").isMale()).isFalse();
    assertThat(a.toString()).contains("Red Dog").contains("740000000100");
  }

  @Test
  void nameState_mayName_whileTemporaryPendingOrRejected() {
    assertThat(NameState.OPEN.mayName()).isTrue();
    assertThat(NameState.PENDING.mayName()).isTrue();
    assertThat(NameState.REJECTED.mayName()).isTrue();
    assertThat(NameState.APPROVED.mayName()).isFalse();
    assertThat(NameState.LOCKED.mayName()).isFalse();
  }
}
