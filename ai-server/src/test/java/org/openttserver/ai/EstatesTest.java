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

/** "Go home", visits, the owner leaving, and what is refused. */
class EstatesTest {
  static final long OWNER = 100_000_300L;
  static final long FRIEND = 100_000_301L;
  static final long STRANGER = 100_000_302L;

  AiHarness h;
  long em;

  @BeforeEach
  void setUp() throws Exception {
    h = new AiHarness(AiSettings.Tutorial.SKIP);
    em = h.manager("EstateManager");
    for (long t : List.of(OWNER, FRIEND, STRANGER)) {
      h.toonEnters(t, 2000);
    }
  }

  private static Field only(List<Field> fields, String name) {
    List<Field> f = fields.stream().filter(x -> x.name().equals(name)).toList();
    assertThat(f).as(name).hasSize(1);
    return f.get(0);
  }

  /** The owner goes home (its name read as "Flippy"); returns the estate's zone. */
  private long goHome() {
    h.clientSends(7, OWNER, em, "EstateManager", "getEstateZone", OWNER, "flippy");
    List<Datagram> first = h.sent();
    h.answerGetFields(FieldValues.builder(h.dc.dclass("DistributedToon"))
        .set("setName", "Flippy").build());
    List<Datagram> sent = new java.util.ArrayList<>(first);
    sent.addAll(h.sent());
    Field answer = only(h.fields(sent), "setEstateZone");
    assertThat(answer.to()).isEqualTo(Channels.avatar(OWNER));
    assertThat(answer.doId()).isEqualTo(em);
    assertThat(answer.args().get(0)).isEqualTo(OWNER);
    long zone = (Long) answer.args().get(1);
    List<Created> made = h.creates(sent);
    assertThat(made).extracting(c -> c.dclass().name()).containsExactly("DistributedEstate",
        "DistributedHouse");
    assertThat(made).allMatch(c -> c.zone() == zone && c.parent() == h.district());
    assertThat(made.get(1).required().get("setName")).containsExactly("Flippy");
    assertThat(made.get(1).required().get("setAvatarId")).containsExactly(OWNER);
    Field grant = only(h.fields(sent), "grantZones");
    assertThat(grant.to()).isEqualTo(AiHarness.EXTENSION);
    assertThat(grant.args()).containsExactly(OWNER, List.of(zone));
    return zone;
  }

  private void visit(long visitor, boolean friends) {
    h.clientSends(8, visitor, em, "EstateManager", "getEstateZone", OWNER, "");
    h.sent();
    h.answerGetFields(FieldValues.builder(h.dc.dclass("DistributedToon")).set("setFriendsList",
        friends ? List.of(List.of(OWNER, 0L)) : List.of()).build());
  }

  @Test
  void goHome_opensTheEstateWithTheOwnersHouse_inAZoneGrantedToIt() {
    long zone = goHome();
    assertThat(zone).isBetween(61_000L, 65_534L);
  }

  @Test
  void goingHomeAgain_givesTheSameEstate_withNoNewObjects() {
    long zone = goHome();
    h.clientSends(7, OWNER, em, "EstateManager", "getEstateZone", OWNER, "flippy");
    List<Datagram> again = h.sent();
    assertThat(h.creates(again)).isEmpty();
    assertThat(only(h.fields(again), "setEstateZone").args()).containsExactly(OWNER, zone);
  }

  @Test
  void aFriend_visitsTheSameZone_aStranger_isRefused() {
    long zone = goHome();
    h.toonMoves(OWNER, zone);
    visit(FRIEND, true);
    List<Field> f = h.fields(h.sent());
    assertThat(only(f, "setEstateZone").args()).containsExactly(OWNER, zone);
    assertThat(only(f, "grantZones").args()).containsExactly(FRIEND, List.of(zone));
    visit(STRANGER, false);
    f = h.fields(h.sent());
    assertThat(only(f, "setEstateZone").args()).containsExactly(Estates.NO_OWNER, 0L);
    assertThat(f).noneMatch(x -> x.name().equals("grantZones"));
  }

  @Test
  void visitingAnEstateThatIsNotOpen_isRefused() {
    h.clientSends(8, FRIEND, em, "EstateManager", "getEstateZone", OWNER, "");
    List<Field> f = h.fields(h.sent());
    assertThat(only(f, "setEstateZone").to()).isEqualTo(Channels.avatar(FRIEND));
    assertThat(only(f, "setEstateZone").args()).containsExactly(Estates.NO_OWNER, 0L);
  }

  @Test
  void theOwnerLeaving_sendsVisitorsAway_thenFreesTheEstate() {
    long zone = goHome();
    h.toonMoves(OWNER, zone);
    visit(FRIEND, true);
    h.toonMoves(FRIEND, zone);
    h.sent();
    h.toonMoves(OWNER, 1);
    List<Field> f = h.fields(h.sent());
    assertThat(only(f, "sendAvToPlayground").args()).containsExactly(FRIEND, 0L);
    assertThat(only(f, "sendAvToPlayground").to()).isEqualTo(Channels.avatar(FRIEND));
    h.runTimers();
    assertThat(only(h.fields(h.sent()), "sendAvToPlayground").args())
        .containsExactly(FRIEND, 1L);
    h.toonMoves(FRIEND, 1); // the client obeys
    List<Datagram> sent = h.sent();
    assertThat(h.deleted(sent)).hasSize(2);
    assertThat(h.fields(sent)).filteredOn(x -> x.name().equals("revokeZones"))
        .extracting(x -> x.args().get(0)).contains(FRIEND, OWNER);
    // The zone is free again: the next estate takes it.
    assertThat(goHome()).isEqualTo(zone);
  }

  @Test
  void aVisitorLeavingWhileItsFriendsAreRead_isNeitherLetInNorAnswered() {
    long zone = goHome();
    h.toonMoves(OWNER, zone);
    h.clientSends(8, FRIEND, em, "EstateManager", "getEstateZone", OWNER, "");
    h.sent();
    h.toonDeleted(FRIEND);
    h.sent();
    h.answerGetFields(FieldValues.builder(h.dc.dclass("DistributedToon")).set("setFriendsList",
        List.of(List.of(OWNER, 0L))).build());
    assertThat(h.fields(h.sent())).noneMatch(x -> x.name().equals("grantZones")
        || x.name().equals("setEstateZone"));
  }

  @Test
  void aVisitorWhoStaysAfterItsEstateIsFreed_keepsThatZoneFromTheNextEstate() {
    long zone = goHome();
    h.toonMoves(OWNER, zone);
    visit(FRIEND, true);
    h.toonMoves(FRIEND, zone);
    h.toonMoves(OWNER, 2000);
    h.runTimers(); // sent to its playground...
    h.runTimers(); // ...which it ignores: the estate is freed with the visitor still inside
    assertThat(h.deleted(h.sent())).hasSize(2);
    assertThat(goHome()).isNotEqualTo(zone);
  }

  @Test
  void exitEstate_orDisconnecting_freesAnEstateNobodyVisits() {
    long zone = goHome();
    h.toonMoves(OWNER, zone);
    h.clientSends(7, OWNER, em, "EstateManager", "exitEstate");
    assertThat(h.deleted(h.sent())).hasSize(2);
    goHome();
    h.toonDeleted(OWNER);
    assertThat(h.deleted(h.sent())).hasSize(2);
  }

  @Test
  void removeFriend_isAcceptedHarmlessly() {
    h.clientSends(7, OWNER, em, "EstateManager", "removeFriend", OWNER, FRIEND);
    assertThat(h.sent()).isEmpty();
  }

  @Test
  void aToonInItsEstate_canBeSentToAPlayground_others_cannot() {
    long zone = goHome();
    assertThat(h.ai.estatesForTests().sendToPlayground(OWNER, 1000)).isFalse(); // not in yet
    h.toonMoves(OWNER, zone);
    assertThat(h.ai.estatesForTests().sendToPlayground(OWNER, 1000)).isTrue();
    List<Field> f = h.fields(h.sent());
    assertThat(f).extracting(x -> x.name() + " " + x.args()).containsSubsequence(
        "setLastHood [1000]", "sendAvToPlayground [" + OWNER + ", 2]");
    assertThat(f.get(0).to()).isEqualTo(Channels.avatar(OWNER));
    assertThat(h.ai.estatesForTests().sendToPlayground(STRANGER, 1000)).isFalse();
  }
}
