package org.openttserver.plugins.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.bridge.NoReplyException;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.api.session.ClientProtocolException;
import org.slf4j.LoggerFactory;

/**
 * The zone-change logic against a fake session (records what is sent and every interest call,
 * in order), a fake districts plugin and the demo world: street 2100 with visgroups 2101-2108,
 * each seeing its neighbours up to two away, and playground 2000.
 */
class ZoneChangesTest {
  static final long DISTRICT = 200_000_001L;
  static final long OTHER_DISTRICT = 200_000_002L;
  static final long AVATAR = 100_000_123L;

  FakeWorld game;
  FakeSession session;
  ZoneChanges zones;

  @BeforeEach
  void setUp() {
    game = new FakeWorld();
    session = new FakeSession(7);
    game.avatars.put(session, AVATAR);
    zones = new ZoneChanges(Worlds.demo(), () -> Optional.of(game), () -> Optional.of(game),
        (avatar, district, zone) -> {
          game.sessionOf(avatar).map(FakeSession.class::cast).orElseThrow().events
              .add("move " + avatar + " @" + district + " " + zone);
          return CompletableFuture.completedFuture(null);
        }, LoggerFactory.getLogger(ZoneChangesTest.class));
    game.onEnter(zones::entered);
    game.onLeave(zones::left);
  }

  private CompletionStage<Void> setZone(int zone) {
    return zones.setZone(session, new SetZone(zone));
  }

  /** Runs a zone change to its end (the client agent answering every interest call). */
  private void pass(int zone) {
    CompletionStage<Void> s = setZone(zone);
    session.completeAll();
    assertThat(s.toCompletableFuture()).isCompleted();
  }

  @Test
  void quietZone_firstPassInDistrict_opensGlobalsThenSends48WhenInterestDone() {
    game.enterDistrict(session, DISTRICT);
    CompletionStage<Void> stage = setZone(1);

    assertThat(session.take()).containsExactly("47(1)", "add 0 @" + DISTRICT + " [2]",
        "move " + AVATAR + " @" + DISTRICT + " 1");
    assertThat(stage.toCompletableFuture()).isNotDone();

    session.completeAll();
    assertThat(session.take()).containsExactly("48(1)");
    assertThat(stage.toCompletableFuture()).isCompleted();
    assertThat(zones.zoneOf(session)).hasValue(1);
  }

  @Test
  void quietZone_secondPass_doesNotReopenGlobals_andClosesTheView() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    pass(2000);
    session.take();

    pass(1);

    assertThat(session.take()).containsExactly("47(1)", "remove 1",
        "move " + AVATAR + " @" + DISTRICT + " 1", "48(1)");
  }

  @Test
  void playground_afterQuietZone_showsItselfOnly() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    session.take();

    CompletionStage<Void> stage = setZone(2000);
    assertThat(session.take()).containsExactly("47(2000)",
        "move " + AVATAR + " @" + DISTRICT + " 2000", "add 1 @" + DISTRICT + " [2000]");
    assertThat(stage.toCompletableFuture()).isNotDone();
    session.completeAll();
    assertThat(session.take()).containsExactly("48(2000)");
    assertThat(zones.zoneOf(session)).hasValue(2000);
  }

  @Test
  void streetWalk_altersTheViewToEachVisgroupsVisListPlusTheBranch() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    session.take();

    pass(2101);
    pass(2102);
    pass(2103);
    pass(2106);

    String d = " @" + DISTRICT + " ";
    assertThat(session.take()).containsExactly(
        "47(2101)", "move " + AVATAR + d + "2101", "add 1" + d
            + "[2100, 2101, 2102, 2103]", "48(2101)",
        "47(2102)", "move " + AVATAR + d + "2102", "add 1" + d
            + "[2100, 2101, 2102, 2103, 2104]", "48(2102)",
        "47(2103)", "move " + AVATAR + d + "2103", "add 1" + d
            + "[2100, 2101, 2102, 2103, 2104, 2105]", "48(2103)",
        "47(2106)", "move " + AVATAR + d + "2106", "add 1" + d
            + "[2100, 2104, 2105, 2106, 2107, 2108]", "48(2106)");
  }

  @Test
  void interior_ofALandmark_isEnterable_andShowsItself() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    session.take();

    pass(2607); // block 7 of the demo street
    pass(1);
    pass(2520); // block 20 of the demo playground

    assertThat(session.take()).contains("add 1 @" + DISTRICT + " [2607]",
        "add 1 @" + DISTRICT + " [2520]");
  }

  @Test
  void setZone_beforeSetShard_isRefusedNotInGame() {
    assertThatThrownBy(() -> setZone(1)).isInstanceOfSatisfying(ClientProtocolException.class,
        e -> {
          assertThat(e.code()).isEqualTo(BootCode.NOT_IN_GAME);
          assertThat(e.getMessage()).contains("CLIENT_SET_SHARD");
        });
    assertThatThrownBy(() -> setZone(2000)).isInstanceOfSatisfying(
        ClientProtocolException.class, e -> assertThat(e.code()).isEqualTo(BootCode.NOT_IN_GAME));
    assertThat(session.take()).isEmpty();
  }

  @Test
  void setZone_withoutDistrictsPlugin_isRefusedNotInGame() {
    ZoneChanges alone = new ZoneChanges(Worlds.demo(), Optional::empty, () -> Optional.of(game),
        (a, d, z) -> CompletableFuture.completedFuture(null),
        LoggerFactory.getLogger(ZoneChangesTest.class));
    assertThatThrownBy(() -> alone.setZone(session, new SetZone(1)))
        .isInstanceOfSatisfying(ClientProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(BootCode.NOT_IN_GAME));
  }

  @Test
  void forbiddenZones_areRefusedWithTheZoneInTheReason() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    session.take();
    // Not in the DNA (no such hood, a branch zone, a street zone without visgroup, an interior
    // without landmark), the UberZone, zone 0.
    for (int zone : new int[] {5000, 2100, 2199, 2650, 3000, 2, 0, 30000}) {
      assertThatThrownBy(() -> setZone(zone)).as("zone %d", zone)
          .isInstanceOfSatisfying(ClientProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(BootCode.ZONE_FORBIDDEN);
            assertThat(e.getMessage()).contains("zone " + zone);
          });
    }
    assertThat(session.take()).isEmpty();
  }

  @Test
  void grantedZone_isEnterableByThatAvatarOnly_untilWithdrawn() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    session.take();
    Registration otherGrant = zones.grant(AVATAR + 1, 30_500);
    assertThatThrownBy(() -> setZone(30_500)).isInstanceOfSatisfying(
        ClientProtocolException.class,
        e -> assertThat(e.code()).isEqualTo(BootCode.ZONE_FORBIDDEN));

    Registration grant = zones.grant(AVATAR, 30_500);
    assertThat(zones.visibleZones(30_500)).containsExactly(30_500);
    pass(30_500);
    assertThat(session.take()).contains("add 1 @" + DISTRICT + " [30500]", "48(30500)");

    grant.close();
    grant.close(); // a second close changes nothing
    Registration again = zones.grant(AVATAR, 30_501);
    again.close();
    pass(1);
    assertThatThrownBy(() -> setZone(30_500)).isInstanceOfSatisfying(
        ClientProtocolException.class,
        e -> assertThat(e.code()).isEqualTo(BootCode.ZONE_FORBIDDEN));
    otherGrant.close();
    assertThat(zones.visibleZones(30_500)).isEmpty();
  }

  @Test
  void grant_outsideSixteenBitsOrQuietZone_isRefused() {
    for (int zone : new int[] {0, 1, 2, 65_536, -5}) {
      assertThatThrownBy(() -> zones.grant(AVATAR, zone)).as("zone %d", zone)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void districtLeave_closesBothInterests_andSetZoneIsThenRefused() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    pass(2101);
    session.take();

    game.leaveDistrict(session);

    assertThat(session.take()).containsExactly("remove 0", "remove 1");
    assertThat(zones.zoneOf(session)).isEmpty();
    assertThatThrownBy(() -> setZone(2101)).isInstanceOfSatisfying(
        ClientProtocolException.class, e -> assertThat(e.code()).isEqualTo(BootCode.NOT_IN_GAME));
  }

  @Test
  void districtLeave_inQuietZone_closesGlobalsOnly() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    session.take();

    game.leaveDistrict(session);

    assertThat(session.take()).containsExactly("remove 0");
  }

  @Test
  void districtLeave_ofADisconnectedClient_sendsNothing() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    pass(2000);
    session.take();
    session.setConnected(false);

    game.leaveDistrict(session);

    assertThat(session.take()).isEmpty();
    assertThat(session.get(ZoneChanges.STATE)).isEmpty();
  }

  @Test
  void shardSwitch_closesTheOldInterests_andTheNextQuietZoneOpensTheNewGlobals() {
    game.enterDistrict(session, DISTRICT);
    pass(1);
    pass(2000);
    session.take();

    game.enterDistrict(session, OTHER_DISTRICT);
    assertThat(session.take()).containsExactly("remove 0", "remove 1");

    pass(1);
    assertThat(session.take()).containsExactly("47(1)", "add 0 @" + OTHER_DISTRICT + " [2]",
        "move " + AVATAR + " @" + OTHER_DISTRICT + " 1", "48(1)");
    pass(2000);
    assertThat(session.take()).contains("add 1 @" + OTHER_DISTRICT + " [2000]");
  }

  @Test
  void interestTimeout_ejectsWithAReason_insteadOfHanging() {
    game.enterDistrict(session, DISTRICT);
    CompletionStage<Void> stage = setZone(1);
    session.pending.get(0).completeExceptionally(new NoReplyException("no 1204", null));

    assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .hasCauseInstanceOf(ClientProtocolException.class)
        .cause().hasMessageContaining("zone 1");
    assertThat(session.take()).doesNotContain("48(1)");
  }

  @Test
  void clientGoneDuringTheChange_getsNo48() {
    game.enterDistrict(session, DISTRICT);
    CompletionStage<Void> stage = setZone(1);
    session.setConnected(false);
    session.pending.forEach(f -> f.completeExceptionally(new IllegalStateException("gone")));

    assertThat(stage.toCompletableFuture()).isCompleted();
    assertThat(session.take()).doesNotContain("48(1)");
  }

  @Test
  void directory_visibleZones_followTheWorld() {
    assertThat(zones.visibleZones(2104)).containsExactlyInAnyOrder(2104, 2102, 2103, 2105, 2106,
        2100);
    assertThat(zones.visibleZones(2104).iterator().next()).isEqualTo(2104);
    assertThat(zones.visibleZones(2000)).containsExactly(2000);
    assertThat(zones.visibleZones(2603)).containsExactly(2603);
    assertThat(zones.visibleZones(1)).isEmpty();
    assertThat(zones.visibleZones(2)).isEmpty();
    assertThat(zones.visibleZones(4000)).isEmpty();
  }

  @Test
  void zoneOf_isEmptyBeforeTheFirstSetZone() {
    game.enterDistrict(session, DISTRICT);
    assertThat(zones.zoneOf(session)).isEmpty();
  }
}
