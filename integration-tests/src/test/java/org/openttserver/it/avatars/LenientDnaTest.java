package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.it.avatars.AvatarCluster.DOG;
import static org.openttserver.it.avatars.AvatarCluster.createCode;
import static org.openttserver.it.avatars.AvatarCluster.list;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.testclient.client.ScriptedClient;

/** {@code plugins.avatars.dna_validation}: lenient accepts any in-table index; typos fail start. */
class LenientDnaTest {
  @TempDir Path dir;

  @Test
  void lenient_acceptsWhatStrictRefuses_butNotOutOfTableIndices() {
    byte[] blueGloves = DOG.clone();
    blueGloves[12] = 18; // Make-A-Toon gloves are always white
    byte[] noSuchShirt = DOG.clone();
    noSuchShirt[5] = 23;
    try (AvatarCluster cluster = AvatarCluster.start(dir, AvatarCluster.DEMO_DC,
        "    dna_validation: lenient\n");
        ScriptedClient c = cluster.login("Loose")) {
      assertThat(createCode(c, blueGloves, 0)).isZero();
      assertThat(createCode(c, noSuchShirt, 1)).isEqualTo(1);
      assertThat(list(c).avatars()).hasSize(1);
    }
  }

  @Test
  void unknownValidationMode_thenServerDoesNotStartTheAvatarsPlugin() {
    assertThatThrownBy(() -> AvatarCluster.start(dir, AvatarCluster.DEMO_DC,
        "    dna_validation: loose\n").close())
        .hasStackTraceContaining("dna_validation");
  }
}
