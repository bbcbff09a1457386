package org.openttserver.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.dc.DcFile;
import org.openttserver.testclient.fakes.RecordingParticipant;
import org.slf4j.LoggerFactory;

/** The AI's doIds and dynamic zones: what is handed out again, and when. */
class AiContextTest {
  static final long FIRST = 400_000_000L;
  static final long LAST = FIRST + 32; // the smallest range: 33 ids

  private static AiContext context(DcFile dc) {
    return new AiContext(AstronBridge.create(new RecordingParticipant(), AiHarness.CHANNEL, dc,
        BridgeSettings.defaults()), dc, new AiSettings("Unit Valley", AiHarness.CHANNEL, FIRST,
            LAST, AiSettings.Tutorial.SKIP, AiHarness.EXTENSION, 300, AiHarness.EXTENSION),
        LoggerFactory.getLogger("test"), (ms, task) -> { }, () -> AiHarness.NOW);
  }

  @Test
  void aFreedZoneWithAToonInIt_waits_whileOthersAreHandedOut() throws Exception {
    AiContext ai = context(AiHarness.demoDc());
    List<Integer> standing = new ArrayList<>();
    ai.occupied(standing::contains);
    int first = ai.takeZone().getAsInt();
    int second = ai.takeZone().getAsInt();
    ai.giveZone(first);
    ai.giveZone(second);
    standing.add(first);
    assertThat(ai.takeZone().getAsInt()).isEqualTo(second);
    int fresh = ai.takeZone().getAsInt();
    assertThat(fresh).isNotIn(first, second);
    standing.clear();
    assertThat(ai.takeZone().getAsInt()).isEqualTo(first);
  }
}
