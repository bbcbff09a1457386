package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.api.bridge.BridgeTestDc.THING;

import org.junit.jupiter.api.Test;
import org.openttserver.api.msg.AstronMsg;

/** DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER takes only ram or required fields. */
class ActivateOverridesTest {
  private final FakeParticipant participant = new FakeParticipant();
  private final AstronBridge bridge = AstronBridge.create(participant, 4_000_000_000L,
      BridgeTestDc.DC, BridgeSettings.defaults());

  @Test
  void activate_whenAnOverrideIsNeitherRamNorRequired_thenRefusedAtTheCall() {
    FieldValues plain = FieldValues.builder(THING).set("setRam", 1).set("setPlain", 2).build();

    assertThatThrownBy(() -> bridge.objects().activate(5, 0, 0, plain))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setPlain");
    assertThat(participant.sent).isEmpty();
  }

  @Test
  void activate_whenOverridesAreRamOrRequired_thenSent() {
    bridge.objects().activate(5, 0, 0, FieldValues.builder(THING).set("setRam", 1)
        .set("setRequired", 2).build());

    assertThat(participant.last().msgType())
        .isEqualTo(AstronMsg.DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER);
  }
}
