package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A hub that closed takes no more watches, so it cannot leave a channel subscribed. */
class ClosedHubTest {
  private final FakeParticipant participant = new FakeParticipant();
  private final Bridge bridge = (Bridge) AstronBridge.create(participant, 4_000_000_000L,
      BridgeTestDc.DC, BridgeSettings.defaults());

  @Test
  void watch_whenTheHubClosedMeanwhile_thenRefusedAndNothingSubscribed() {
    // What a watch that got the hub just before close() runs into.
    EventHub hub = new EventHub(bridge);
    hub.close();

    assertThatThrownBy(() -> hub.watch(77_000, e -> { }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(participant.subscribed).doesNotContain(77_000L);
  }
}
