package org.openttserver.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.ai.AiHarness.Field;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;

/** ~tp: the hood on the toon's map; a toon in its estate sent there at once; others refused. */
class TeleportWordTest {
  static final long ACCOUNT = 9;
  static final long TOON = 100_000_400L;

  AiHarness h;
  long mwm;
  DcClass toon;

  @BeforeEach
  void setUp() throws Exception {
    h = new AiHarness(AiSettings.Tutorial.SKIP);
    mwm = h.manager("MagicWordManager");
    toon = h.dc.dclass("DistributedToon");
    h.toonEnters(TOON, 2000);
  }

  /** The word from an account of this access level; the toon's map lists read as {2000}. */
  private List<Field> say(String word, long accessLevel, boolean mapsAsked) {
    h.clientSends(ACCOUNT, TOON, mwm, "MagicWordManager", "setMagicWord", word, TOON, 2000L);
    h.answerDatabaseGet(FieldValues.builder(h.dc.dclass("OpenTTAccount"))
        .set("setAccessLevel", accessLevel).build());
    if (mapsAsked) {
      h.answerGetFields(FieldValues.builder(toon).set("setTeleportAccess", List.of(2000L))
          .set("setHoodsVisited", List.of(2000L)).set("setZonesVisited", List.of(2000L))
          .build());
    }
    return h.fields(h.sent());
  }

  private static String response(List<Field> f) {
    return (String) f.stream().filter(x -> x.name().equals("setMagicWordResponse")).findFirst()
        .orElseThrow().args().get(0);
  }

  @Test
  void tp_addsTheHoodToTheMap_forTheClientToTeleportItself() {
    List<Field> f = say("~tp 5100", 300, true);
    assertThat(f).filteredOn(x -> x.doId() == TOON).extracting(Field::name)
        .containsExactlyInAnyOrder("setTeleportAccess", "setHoodsVisited", "setZonesVisited");
    assertThat(f).filteredOn(x -> x.doId() == TOON)
        .allMatch(x -> x.args().equals(List.of(List.of(2000L, 5000L))));
    assertThat(response(f)).startsWith("Daisy Gardens (5000) is on your map");
    assertThat(f).noneMatch(x -> x.name().equals("sendAvToPlayground"));
  }

  @Test
  void tp_inAnEstate_sendsTheToonThereNow() {
    long em = h.manager("EstateManager");
    h.clientSends(ACCOUNT, TOON, em, "EstateManager", "getEstateZone", TOON, "x");
    long zone = (Long) h.fields(h.sent()).stream()
        .filter(x -> x.name().equals("setEstateZone")).findFirst().orElseThrow().args().get(1);
    h.toonMoves(TOON, zone);
    h.sent();
    List<Field> f = say("~teleport 1000", 300, true);
    assertThat(f).extracting(x -> x.name() + " " + x.args()).contains(
        "setLastHood [1000]", "sendAvToPlayground [" + TOON + ", 2]");
    assertThat(response(f)).isEqualTo("Going to Donald's Dock (1000).");
  }

  @Test
  void tp_forAPlayer_orToNoPlayground_changesNothing() {
    List<Field> refused = say("~tp 1000", 0, false);
    assertThat(response(refused)).isEqualTo("Magic words are for administrators.");
    assertThat(refused).noneMatch(x -> x.doId() == TOON);
    for (String bad : List.of("~tp", "~tp 7000", "~tp 20000", "~tp -1000", "~tp x")) {
      List<Field> f = say(bad, 300, false);
      assertThat(response(f)).as(bad).startsWith("~tp needs a playground");
      assertThat(f).as(bad).noneMatch(x -> x.doId() == TOON);
    }
  }
}
