package org.openttserver.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.ai.AiHarness.Created;
import org.openttserver.ai.AiHarness.Field;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.msg.Channels;

/** The tutorial offered: zones, objects in the order the 2003 client needs, doors, the end. */
class TutorialsTest {
  static final long TOON = 100_000_200L;
  static final long OTHER = 100_000_201L;

  AiHarness h;
  long tm;

  @BeforeEach
  void setUp() throws Exception {
    h = new AiHarness(AiSettings.Tutorial.OFFER);
    tm = h.manager("TutorialManager");
    h.toonEnters(TOON, 1);
    h.toonEnters(OTHER, 1);
  }

  private FieldValues ack(long value) {
    return FieldValues.builder(h.dc.dclass("DistributedToon")).set("setTutorialAck", value)
        .build();
  }

  /** The toon asks; its tutorialAck is read as 0; returns what the AI sent. */
  private List<Datagram> start(long toon) {
    h.clientSends(7, toon, tm, "TutorialManager", "requestTutorial");
    h.sent();
    h.answerGetFields(ack(0));
    return h.sent();
  }

  private static Field only(List<Field> fields, String name) {
    List<Field> f = fields.stream().filter(x -> x.name().equals(name)).toList();
    assertThat(f).as(name).hasSize(1);
    return f.get(0);
  }

  @Test
  void requestTutorial_makesTomBeforeHisRoom_grantsShopAndStreet_thenEntersTheTutorial() {
    List<Datagram> sent = start(TOON);
    List<Created> made = h.creates(sent);
    assertThat(made).extracting(c -> c.dclass().name()).containsExactly("DistributedNPCToon",
        "DistributedTutorialInterior", "DistributedDoor", "DistributedDoor",
        "DistributedHQInterior", "DistributedNPCToon", "DistributedDoor", "DistributedDoor",
        "DistributedDoor", "DistributedDoor");
    List<Field> fields = h.fields(sent);
    Field enter = only(fields, "enterTutorial");
    assertThat(enter.to()).isEqualTo(Channels.avatar(TOON));
    assertThat(enter.doId()).isEqualTo(tm);
    List<Long> zones = AiHarness.longs(enter.args());
    long street = zones.get(1);
    long shop = zones.get(2);
    assertThat(zones).doesNotHaveDuplicates().allMatch(z -> z >= 61_000 && z < 65_535);
    // Tom and his room in the shop; the room names Tom; the shop's door inside, its other side
    // on the street.
    assertThat(made.get(0).zone()).isEqualTo(shop);
    assertThat(made.get(0).required().get("setName")).containsExactly("Tutorial Tom");
    assertThat(made.get(1).zone()).isEqualTo(shop);
    assertThat(made.get(1).required().get("setTutorialNpcId")).containsExactly(made.get(0).doId());
    assertThat(made.get(1).required().get("setZoneIdAndBlock")).containsExactly(shop, 2L);
    assertThat(made.get(2).zone()).isEqualTo(shop);
    assertThat(made.get(2).required().get("setDoorType")).containsExactly(2L);
    assertThat(made.get(3).zone()).isEqualTo(street);
    assertThat(made.get(3).required().get("setDoorType")).containsExactly(1L);
    assertThat(made).allMatch(c -> c.parent() == h.district());
    // The HQ: its room, then Harry on a spot of it, and two door pairs (inside 4, street 3).
    long hq = zones.get(3);
    assertThat(made.subList(4, 6)).allMatch(c -> c.zone() == hq);
    assertThat(made.get(5).required().get("setName")).containsExactly("HQ Harry");
    assertThat(made.subList(6, 10)).extracting(c -> c.zone() + " " + c.required()
        .get("setDoorType") + " " + c.required().get("setDoorIndex")).containsExactly(
            hq + " [4] [0]", street + " [3] [0]", hq + " [4] [1]", street + " [3] [1]");
    // The grant reaches the zones plugin before the client hears of the zones.
    Field grant = only(fields, "grantZones");
    assertThat(grant.to()).isEqualTo(AiHarness.EXTENSION);
    assertThat(grant.args().get(0)).isEqualTo(TOON);
    assertThat(AiHarness.longs(grant.args().get(1))).containsExactlyInAnyOrder(street, shop,
        hq);
    assertThat(fields.indexOf(grant)).isLessThan(fields.indexOf(enter));
  }

  @Test
  void twoToons_getZonesOfTheirOwn() {
    List<Long> a = AiHarness.longs(only(h.fields(start(TOON)), "enterTutorial").args());
    List<Long> b = AiHarness.longs(only(h.fields(start(OTHER)), "enterTutorial").args());
    assertThat(a).doesNotContainAnyElementsOf(b);
  }

  @Test
  void aToonThatDidTheTutorial_isNotGivenOne() {
    h.clientSends(7, TOON, tm, "TutorialManager", "requestTutorial");
    h.sent();
    h.answerGetFields(ack(1));
    assertThat(h.sent()).isEmpty();
  }

  @Test
  void theShopDoor_takesTheToonToTheStreet_throughEveryState_andNobodyElse() {
    List<Datagram> sent = start(TOON);
    List<Created> made = h.creates(sent);
    long inside = made.get(2).doId();
    long outside = made.get(3).doId();
    long street = AiHarness.longs(only(h.fields(sent), "enterTutorial").args()).get(1);

    h.clientSends(8, OTHER, inside, "DistributedDoor", "requestEnter");
    assertThat(h.sent()).isEmpty();

    h.clientSends(7, TOON, inside, "DistributedDoor", "requestEnter");
    List<Field> f = h.fields(h.sent());
    assertThat(f.get(0)).isEqualTo(new Field(Channels.avatar(TOON), inside,
        "setOtherZoneIdAndDoId", List.of(street, outside)));
    assertThat(f.get(1).name()).isEqualTo("toonEnter");
    assertThat(f.get(1).args()).containsExactly(TOON);
    assertThat(f.get(2).name()).isEqualTo("setState");
    assertThat(f.get(2).args().get(0)).isEqualTo("opening");
    List<String> states = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      h.runTimers();
      h.fields(h.sent()).forEach(x -> states.add(x.name() + " " + x.args().get(0)));
    }
    assertThat(states).containsExactly("setState open", "setState closing", "setState closed");

    // On the street it comes out of the other side.
    h.clientSends(7, TOON, outside, "DistributedDoor", "requestExit");
    List<Field> out = h.fields(h.sent());
    assertThat(out).extracting(x -> x.name() + " " + x.args().get(0)).containsExactly(
        "toonExit " + TOON, "setExitDoorState opening");
    h.runTimers();
    assertThat(h.fields(h.sent())).extracting(x -> x.name() + " " + x.args().get(0))
        .containsExactly("setExitDoorState open");
  }

  @Test
  void tom_greetsTheToonWalkingUp_soItsClientWalksOn() {
    List<Created> made = h.creates(start(TOON));
    long tom = made.get(0).doId();
    h.clientSends(7, TOON, tom, "DistributedNPCToon", "avatarEnter");
    Field movie = only(h.fields(h.sent()), "setMovie");
    assertThat(movie.to()).isEqualTo(Channels.avatar(TOON));
    assertThat(movie.args().subList(0, 4)).containsExactly(1L, 20_000L, TOON, List.of());
  }

  @Test
  void allDone_marksTheToon_andFreesZonesAndObjects() {
    List<Created> made = h.creates(start(TOON));
    h.clientSends(7, TOON, tm, "TutorialManager", "toonArrived");
    h.clientSends(7, TOON, tm, "TutorialManager", "allDone");
    List<Datagram> sent = h.sent();
    List<Field> f = h.fields(sent);
    assertThat(f).anyMatch(x -> x.doId() == TOON && x.name().equals("setTutorialAck")
        && x.args().equals(List.of(1L)));
    assertThat(only(f, "revokeZones").to()).isEqualTo(AiHarness.EXTENSION);
    assertThat(h.deleted(sent)).containsExactlyInAnyOrderElementsOf(
        made.stream().map(Created::doId).toList());
    // A second allDone (or one from a toon with no tutorial) changes nothing.
    h.clientSends(7, TOON, tm, "TutorialManager", "allDone");
    h.clientSends(8, OTHER, tm, "TutorialManager", "allDone");
    assertThat(h.sent()).isEmpty();
    // Its door timers, if any, do nothing now.
    h.runTimers();
    assertThat(h.sent()).isEmpty();
  }

  @Test
  void aToonLeavingTheDistrictMidTutorial_freesIt_unmarked() {
    List<Created> made = h.creates(start(TOON));
    h.toonMoves(TOON, made.get(0).zone());
    h.toonDeleted(TOON);
    List<Datagram> sent = h.sent();
    assertThat(h.deleted(sent)).hasSize(made.size());
    assertThat(h.fields(sent)).noneMatch(x -> x.name().equals("setTutorialAck"));
    assertThat(h.fields(sent)).anyMatch(x -> x.name().equals("revokeZones"));
    // Its zones are handed out again.
    List<Long> again = AiHarness.longs(only(h.fields(start(OTHER)), "enterTutorial").args());
    assertThat(again).contains(made.get(0).zone());
  }

  @Test
  void aToonGoingElsewhereWithoutFinishing_freesIt() {
    List<Created> made = h.creates(start(TOON));
    h.toonMoves(TOON, made.get(0).zone());
    h.toonMoves(TOON, 1);
    assertThat(h.sent()).isEmpty(); // the quiet zone is on the way
    h.toonMoves(TOON, 2000);
    assertThat(h.deleted(h.sent())).hasSize(made.size());
  }

  @Test
  void aToonThatLeavesWhileItsAckIsRead_getsNoTutorial() {
    h.clientSends(7, TOON, tm, "TutorialManager", "requestTutorial");
    h.sent();
    h.toonDeleted(TOON);
    h.sent();
    h.answerGetFields(ack(0));
    List<Datagram> sent = h.sent();
    assertThat(h.creates(sent)).isEmpty();
    assertThat(h.fields(sent)).noneMatch(x -> x.name().equals("grantZones")
        || x.name().equals("enterTutorial"));
  }

  @Test
  void askingAgain_grantsItsZonesAgain_beforeTheSameTutorial() {
    List<Long> zones = AiHarness.longs(only(h.fields(start(TOON)), "enterTutorial").args());
    h.clientSends(7, TOON, tm, "TutorialManager", "requestTutorial");
    List<Datagram> sent = h.sent();
    assertThat(h.creates(sent)).isEmpty();
    List<Field> f = h.fields(sent);
    Field grant = only(f, "grantZones");
    Field enter = only(f, "enterTutorial");
    assertThat(grant.args().get(0)).isEqualTo(TOON);
    assertThat(AiHarness.longs(grant.args().get(1))).containsExactlyInAnyOrder(zones.get(1),
        zones.get(2), zones.get(3));
    assertThat(AiHarness.longs(enter.args())).isEqualTo(zones);
    assertThat(f.indexOf(grant)).isLessThan(f.indexOf(enter));
  }

  @Test
  void aZoneAToonStaysIn_isNotHandedOutAgain_untilItLeaves() throws Exception {
    long third = OTHER + 1;
    h.toonEnters(third, 1);
    List<Long> first = AiHarness.longs(only(h.fields(start(TOON)), "enterTutorial").args());
    long shop = first.get(2);
    h.toonMoves(TOON, shop);
    // It declines and stays where it is: its shop must not become the next toon's.
    h.clientSends(7, TOON, tm, "TutorialManager", "rejectTutorial");
    h.sent();
    List<Long> second = AiHarness.longs(only(h.fields(start(OTHER)), "enterTutorial").args());
    assertThat(second).doesNotContain(shop);
    h.toonMoves(TOON, 2000);
    List<Long> next = AiHarness.longs(only(h.fields(start(third)), "enterTutorial").args());
    assertThat(next).contains(shop);
  }

  @Test
  void aFreedObjectsDoId_isNotGivenToTheNextObject() {
    List<Long> first = h.creates(start(TOON)).stream().map(Created::doId).toList();
    h.clientSends(7, TOON, tm, "TutorialManager", "allDone");
    assertThat(h.deleted(h.sent())).containsExactlyInAnyOrderElementsOf(first);
    List<Long> second = h.creates(start(OTHER)).stream().map(Created::doId).toList();
    assertThat(second).doesNotContainAnyElementsOf(first);
  }

  @Test
  void skip_marksTheToonAtOnce() throws Exception {
    AiHarness skip = new AiHarness(AiSettings.Tutorial.SKIP);
    skip.clientSends(7, TOON, skip.manager("TutorialManager"), "TutorialManager",
        "requestTutorial");
    List<Datagram> sent = skip.sent();
    assertThat(skip.creates(sent)).isEmpty();
    assertThat(skip.fields(sent)).extracting(Field::name).containsExactly("setTutorialAck");
  }
}
