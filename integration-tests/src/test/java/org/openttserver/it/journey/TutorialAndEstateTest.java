package org.openttserver.it.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.game.AccountServer;
import org.openttserver.testclient.game.GameClient;
import org.openttserver.testclient.game.Trips;

/**
 * The tutorial (with {@code ai.tutorial: offer}) and estates, end to end on the embedded default
 * with our own DC files, as the 2003 client takes them ({@link Trips}): the shop, its door, the
 * street, the tunnel's {@code allDone} into Toontown Central; "go home", a friend's visit, the
 * owner leaving and its visitor sent away; and what the AI frees when toons leave.
 * {@link TutorialAndEstateReferenceTest} runs the same on the game's own toon.dc.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TutorialAndEstateTest {
  Server server;
  AccountServer accounts;
  AstronBridge bridge;

  /** {@return the client's DC file to run on} */
  String dcFile() {
    return EmbeddedServers.DEMO_DC;
  }

  /** {@return whether the tutorial goes through the HQ too (two more door trips)} */
  boolean visitHq() {
    return true;
  }

  @BeforeAll
  void start(@TempDir Path dir) {
    String yaml = "ai:\n  district_name: Trip Valley\n  channel: 401000\n"
        + "  do_ids: {min: 400000000, max: 400999999}\n  tutorial: offer\n"
        + EmbeddedServers.yaml(dir, dcFile(), "", true,
            "  login:\n    http_bind: 127.0.0.1:0\n    accept_unknown_tokens: false\n"
            + "    hash_memory_kib: 1024\n    hash_iterations: 1\n"
            + "    rate_limit: {creates_per_address: 100}\n"
            + "  avatars:\n    enabled: true\n"
            + "  districts:\n    enabled: true\n"
            + "  zones:\n    dna_dirs: [" + EmbeddedServers.REPO.resolve("etc") + "]\n"
            + "  friends:\n    enabled: true\n");
    server = EmbeddedServers.start(dir, yaml, "friends-plugin.jar");
    accounts = new AccountServer(java.net.URI.create("http://127.0.0.1:"
        + EmbeddedServers.accountServerPort(server)));
    bridge = AstronBridge.create(server.newParticipant("trips-test"), 77_000_000_322L,
        server.dc().file(), BridgeSettings.defaults());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** {@return how many objects a zone of the district holds now} */
  private int objectsIn(int zone) {
    return EmbeddedServers.await(bridge.objects().zoneObjects(district(), zone)).size();
  }

  private long district() {
    return server.ai().orElseThrow().districtId();
  }

  /** A new account and toon in the district, after the clock sync. */
  private GameClient player(String name, byte[] dna) {
    accounts.create(name, "secret-9");
    GameClient c = GameClient.connect(EmbeddedServers.gamePort(server), server.dc().file(),
        server.dc().clientHash());
    c.login(accounts.playToken(name, "secret-9"));
    c.shardList();
    c.avatarList();
    c.setAvatar(c.createAvatar(dna, 0));
    c.enterDistrict(district());
    c.timeSync(1);
    return c;
  }

  private static String tag() {
    return Long.toString(System.nanoTime() % 1_000_000, 36);
  }

  @Test
  void tutorial_fromTomsShop_throughTheDoor_andTheTunnel_intoToontownCentral() {
    try (GameClient c = player("Pupil" + tag(), EmbeddedServers.DOG)) {
      long toon = c.avatarId();
      assertThat(((Number) c.detail("setTutorialAck").get(0)).intValue()).isZero();
      Trips.Tutorial t = Trips.requestTutorial(c).orElseThrow(() -> new AssertionError(
          "no enterTutorial within the client's 10 s"));
      assertThat(List.of(t.branch(), t.street(), t.shop(), t.hq())).doesNotHaveDuplicates();

      // The shop: Tom, then his room (the model fails on a room naming an NPC not held), a door.
      GameClient.ZoneChange shop = Trips.enterTutorial(c, t);
      assertThat(shop.generated()).extracting(id -> c.objects().get(id).className())
          .containsExactly("DistributedNPCToon", "DistributedTutorialInterior",
              "DistributedDoor");
      long tom = shop.generated().get(0);
      long shopDoor = shop.generated().get(2);
      assertThat(c.generatedFields(tom).get("setName")).containsExactly("Tutorial Tom");

      // Walking up to Tom: a greeting, and the client walks on.
      c.sendUpdate(tom, "DistributedNPCToon", "avatarEnter");
      assertThat(c.awaitUpdate(tom, "DistributedNPCToon", "setMovie").subList(0, 3))
          .containsExactly(1L, 20_000L, toon);

      // Out through the door onto the tutorial street.
      Trips.Destination out = Trips.goThrough(c, shopDoor);
      assertThat(out.zone()).isEqualTo(t.street());
      GameClient.ZoneChange street = Trips.arrive(c, out, true);
      assertThat(street.generated()).contains(out.door());
      assertThat(c.zone()).isEqualTo(t.street());

      // The Toon HQ's two street doors.
      List<Long> hqDoors = street.generated().stream().filter(id -> id != out.door()).toList();
      assertThat(hqDoors).hasSize(2).allMatch(id -> c.objects().get(id).className()
          .equals("DistributedDoor"));
      if (visitHq()) {
        visitHq(c, t, hqDoors);
      }

      // The tunnel: allDone, then Toontown Central. The toon is marked as done.
      c.sendUpdate(c.held("TutorialManager").orElseThrow().doId(), "TutorialManager", "allDone");
      c.playUntil("setTutorialAck 1", x -> x.lastUpdate(toon, "DistributedToon",
          "setTutorialAck").filter(a -> ((Number) a.get(0)).intValue() == 1).isPresent());
      c.quietZoneTo(2000);
      assertThat(c.unexpected()).isEmpty();
      EmbeddedServers.eventually("the tutorial freed", () -> objectsIn(t.shop()) == 0
          && objectsIn(t.street()) == 0 && objectsIn(t.hq()) == 0);
      // Its tutorial zones are taken back: the shop is no place for it any more.
      assertThatThrownBy(() -> c.quietZoneTo(t.shop())).hasMessageContaining("GO_GET_LOST");
    }
  }

  @Test
  void aClientEjectedWhileWaitingForItsTutorial_failsTheStep_insteadOfPlayingWithout() {
    try (GameClient c = player("Ejected" + tag(), EmbeddedServers.DOG)) {
      long toon = c.avatarId();
      // Marked as done (read back, so the AI reads it too): the AI will not answer; the server
      // ejects the client while it waits, which must not pass for "no tutorial in time".
      DcClass cls = server.dc().file().dclass("DistributedToon");
      EmbeddedServers.await(bridge.objects().setFields(toon, FieldValues.builder(cls)
          .set("setTutorialAck", 1L).build()));
      EmbeddedServers.await(bridge.objects().getFields(toon, cls, "setTutorialAck"));
      CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(() ->
          bridge.clients().eject(Channels.avatar(toon), BootCode.RELOGIN, "test: ejected"));
      assertThatThrownBy(() -> Trips.requestTutorial(c)).isInstanceOf(AssertionError.class)
          .hasMessageContaining("GO_GET_LOST");
    }
  }

  /** Into the Toon HQ by its second door and out by its first: its room before Harry. */
  private void visitHq(GameClient c, Trips.Tutorial t, List<Long> hqDoors) {
    Trips.Destination in = Trips.goThrough(c, hqDoors.get(1));
    assertThat(in.zone()).isEqualTo(t.hq());
    GameClient.ZoneChange hq = Trips.arrive(c, in, false);
    assertThat(hq.generated()).extracting(id -> c.objects().get(id).className())
        .startsWith("DistributedHQInterior", "DistributedNPCToon");
    assertThat(c.generatedFields(hq.generated().get(1)).get("setName"))
        .containsExactly("HQ Harry");
    long back = hq.generated().stream().filter(id -> id != in.door()
        && c.objects().get(id).className().equals("DistributedDoor")).findFirst().orElseThrow();
    Trips.Destination street2 = Trips.goThrough(c, back);
    assertThat(street2.door()).isEqualTo(hqDoors.get(0));
    Trips.arrive(c, street2, true);
  }

  @Test
  void goHome_aFriendVisits_aStrangerIsTurnedAway_theOwnerLeaves() {
    String ownerName = "Homer" + tag();
    try (GameClient owner = player(ownerName, EmbeddedServers.DOG);
        GameClient friend = player("Guest" + tag(), EmbeddedServers.CAT)) {
      long a = owner.avatarId();
      long b = friend.avatarId();
      // No tutorial for these two: each declines it (TutorialManager.rejectTutorial).
      for (GameClient c : List.of(owner, friend)) {
        c.sendUpdate(c.held("TutorialManager").orElseThrow().doId(), "TutorialManager",
            "rejectTutorial");
        c.quietZoneTo(2000);
      }

      // Go home: the owner's own estate, with its house.
      Trips.Estate home = Trips.askEstate(owner, a, ownerName);
      assertThat(home.owner()).isEqualTo(a);
      GameClient.ZoneChange estate = owner.quietZoneTo(home.zone());
      assertThat(estate.generated()).extracting(id -> owner.objects().get(id).className())
          .containsExactlyInAnyOrder("DistributedEstate", "DistributedHouse");

      // Not friends yet: the visit is refused in the way the client gives up.
      assertThat(Trips.askEstate(friend, a, "")).isEqualTo(new Trips.Estate(4294967295L, 0));

      // Friends by invitation; then the same estate zone, with the owner in it.
      long fmA = owner.held("FriendManager").orElseThrow().doId();
      long fmB = friend.held("FriendManager").orElseThrow().doId();
      owner.sendUpdate(fmA, "FriendManager", "friendQuery", b);
      long context = ((Number) friend.awaitUpdate(fmB, "FriendManager", "inviteeFriendQuery")
          .get(3)).longValue();
      friend.sendUpdate(fmB, "FriendManager", "inviteeFriendConsidering", 1L, context);
      owner.awaitUpdate(fmA, "FriendManager", "friendConsidering");
      friend.sendUpdate(fmB, "FriendManager", "inviteeFriendResponse", 1L, context);
      owner.awaitUpdate(fmA, "FriendManager", "friendResponse");
      assertThat(friend.friendList()).containsKey(a);
      assertThat(Trips.askEstate(friend, a, "")).isEqualTo(home);
      friend.quietZoneTo(home.zone());
      assertThat(friend.objects()).containsKey(a);
      owner.playUntil("the visitor", c -> c.objects().containsKey(b));

      // The owner leaves: the visitor is told, then sent to its playground.
      long em = friend.held("EstateManager").orElseThrow().doId();
      owner.sendUpdate(owner.held("EstateManager").orElseThrow().doId(), "EstateManager",
          "exitEstate");
      owner.quietZoneTo(2000);
      assertThat(friend.awaitUpdate(em, "EstateManager", "sendAvToPlayground"))
          .containsExactly(b, 0L);
      assertThat(friend.awaitUpdate(em, "EstateManager", "sendAvToPlayground"))
          .containsExactly(b, 1L);
      friend.quietZoneTo(2000);
      assertThat(owner.unexpected()).isEmpty();
      assertThat(friend.unexpected()).isEmpty();
      // The last toon out: the estate is freed.
      EmbeddedServers.eventually("the estate freed", () -> objectsIn(home.zone()) == 0);
    }
  }

  @Test
  void aPupilDisconnectingInTheShop_orAnOwnerAtHome_freesWhatTheyHad() {
    String ownerName = "Leaver" + tag();
    Trips.Tutorial t;
    int home;
    try (GameClient pupil = player("Quitter" + tag(), EmbeddedServers.DOG);
        GameClient owner = player(ownerName, EmbeddedServers.CAT)) {
      t = Trips.requestTutorial(pupil).orElseThrow();
      Trips.enterTutorial(pupil, t);
      owner.quietZoneTo(2000);
      home = Trips.askEstate(owner, owner.avatarId(), ownerName).zone();
      owner.quietZoneTo(home);
      // Tom, his room and its door, and the pupil; the estate, the house and the owner.
      assertThat(objectsIn(t.shop())).isEqualTo(4);
      EmbeddedServers.eventually("the house", () -> objectsIn(home) == 3);
      pupil.disconnect();
      owner.disconnect();
    }
    EmbeddedServers.eventually("the shop, street and estate freed", () -> objectsIn(t.shop())
        == 0 && objectsIn(t.street()) == 0 && objectsIn(home) == 0);
  }
}
