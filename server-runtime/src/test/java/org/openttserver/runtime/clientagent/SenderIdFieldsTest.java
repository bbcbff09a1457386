package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.dc.DcFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SenderIdFieldsTest {
  private static final DcFile DC = EmbeddedAgent.dc();
  private static final Logger LOG = LoggerFactory.getLogger(SenderIdFieldsTest.class);

  @Test
  void resolve_whenDefaults_thenEveryWhisperTeleportAndSosFieldOfTheDemoDcIsChecked() {
    SenderIdFields f = SenderIdFields.resolve(DC, SenderIdFields.DEFAULT, LOG);
    assertThat(f.size()).isEqualTo(SenderIdFields.DEFAULT.size());
    var toon = DC.dclass("DistributedToon");
    assertThat(f.checks(toon.field("setWhisperFrom").globalId())).isTrue();
    assertThat(f.checks(toon.field("teleportResponse").globalId())).isTrue();
    assertThat(f.checks(toon.field("setChat").globalId())).isFalse();
  }

  @Test
  void resolve_whenNamesMissingOrNotStartingWithAnId_thenLeftOut() {
    SenderIdFields f = SenderIdFields.resolve(DC, List.of("noSuchField", "setChat",
        "battleSOS"), LOG);
    assertThat(f.size()).isEqualTo(1);
    assertThat(f.checks(DC.dclass("DistributedToon").field("battleSOS").globalId())).isTrue();
  }

  @Test
  void resolve_whenEmptyList_thenNothingChecked() {
    assertThat(SenderIdFields.resolve(DC, List.of(), LOG).size()).isZero();
  }
}
