package org.openttserver.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;
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
  void deletedDoIds_comeBackOnlyOnceTheRangeIsUsedUp_oldestFirst() throws Exception {
    DcFile dc = AiHarness.demoDc();
    AiContext ai = context(dc);
    DcClass root = dc.dclass("OpenTTDistrictRoot");
    long a = ai.create(root, 61_000, FieldValues.empty(root), null, null).getAsLong();
    long b = ai.create(root, 61_000, FieldValues.empty(root), null, null).getAsLong();
    ai.delete(b);
    ai.delete(a);
    List<Long> rest = new ArrayList<>();
    for (OptionalLong id = ai.takeDoId(); id.isPresent(); id = ai.takeDoId()) {
      rest.add(id.getAsLong());
      if (rest.size() > 40) {
        break;
      }
    }
    // Every fresh id first (FIRST + 2 up to LAST), then b (freed first), then a.
    assertThat(rest).hasSize(33);
    assertThat(rest.subList(0, 31)).isSortedAccordingTo(Long::compare)
        .doesNotContain(a, b).allMatch(id -> id >= FIRST && id <= LAST);
    assertThat(rest.subList(31, 33)).containsExactly(b, a);
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
