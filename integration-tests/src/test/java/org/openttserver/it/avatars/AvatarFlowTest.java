package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.avatars.AvatarCluster.CAT;
import static org.openttserver.it.avatars.AvatarCluster.DOG;
import static org.openttserver.it.avatars.AvatarCluster.await;
import static org.openttserver.it.avatars.AvatarCluster.create;
import static org.openttserver.it.avatars.AvatarCluster.createCode;
import static org.openttserver.it.avatars.AvatarCluster.list;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.DeleteAvatar;
import org.openttserver.api.protocol.GetAvatarDetails;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.protocol.SetWishNameClear;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarDirectory.NameChange;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.openttserver.testclient.client.ScriptedClient;

/** The avatar chooser's flows with a scripted 2003 client over loopback, on the demo DC. */
class AvatarFlowTest {
  @TempDir Path dir;
  private AvatarCluster cluster;

  @BeforeEach
  void start() {
    cluster = AvatarCluster.start(dir, AvatarCluster.DEMO_DC, "");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void newAccount_getAvatars_thenEmptyList() {
    try (ScriptedClient c = cluster.login("Empty")) {
      assertThat(list(c).avatars()).isEmpty();
    }
  }

  @Test
  void create_thenListed_withTemporaryName_dnaSlotAndNameable() {
    try (ScriptedClient c = cluster.login("Maker")) {
      long dog = create(c, DOG, 2);
      long cat = create(c, CAT, 0);
      List<AvatarListResp.Avatar> avatars = list(c).avatars();
      assertThat(avatars).containsExactly(
          new AvatarListResp.Avatar(cat, "Pink Cat", "", "", "", CAT, 0, true),
          new AvatarListResp.Avatar(dog, "Sea Green Dog", "", "", "", DOG, 2, true));
      AvatarDirectory.AvatarInfo info = await(cluster.directory().avatar(dog)).orElseThrow();
      assertThat(info.accountName()).isEqualTo("Maker");
      assertThat(info.nameState()).isEqualTo(NameState.OPEN);
      assertThat(info.isMale()).isTrue();
      assertThat(await(cluster.directory().avatarsOf(cluster.accountId("Maker"))))
          .extracting(AvatarDirectory.AvatarInfo::slot).containsExactly(0, 2);
    }
  }

  @Test
  void create_inTakenSlot_thenRefusedWithCode1_andNothingWritten() {
    try (ScriptedClient c = cluster.login("Twice")) {
      long first = create(c, DOG, 1);
      // Pipelined: the second arrives while the first may still be in flight.
      c.send(new org.openttserver.api.protocol.CreateAvatar(0, CAT, 1));
      c.send(new org.openttserver.api.protocol.CreateAvatar(0, CAT, 1));
      assertThat(c.expect(org.openttserver.api.protocol.CreateAvatarResp.class,
          AvatarCluster.SLOW).returnCode()).isEqualTo(1);
      assertThat(c.expect(org.openttserver.api.protocol.CreateAvatarResp.class,
          AvatarCluster.SLOW).returnCode()).isEqualTo(1);
      assertThat(list(c).avatars()).extracting(AvatarListResp.Avatar::avatarId)
          .containsExactly(first);
    }
  }

  @Test
  void create_withBadDnaOrSlot_thenCode1_andNothingStored() {
    byte[] wrongType = DOG.clone();
    wrongType[0] = 's';
    byte[] badHead = DOG.clone();
    badHead[1] = 22;
    byte[] girlColourOnBoy = DOG.clone();
    girlColourOnBoy[14] = 1; // Peach is not a boy colour
    byte[] dressOnBoy = DOG.clone();
    dressOnBoy[2] = 3;
    byte[] skirtWithShorts = CAT.clone();
    skirtWithShorts[2] = 0; // shorts torso with a skirt
    byte[] gloves = DOG.clone();
    gloves[12] = 3;
    byte[] shirtColours = DOG.clone();
    shirtColours[8] = 4; // sleeve colour differs from the shirt's
    byte[] gender = DOG.clone();
    gender[4] = 2;
    try (ScriptedClient c = cluster.login("Broken")) {
      for (byte[] dna : List.of(wrongType, badHead, girlColourOnBoy, dressOnBoy, skirtWithShorts,
          gloves, shirtColours, gender, new byte[14], java.util.Arrays.copyOf(DOG, 16))) {
        assertThat(createCode(c, dna, 0)).as(java.util.HexFormat.of().formatHex(dna))
            .isEqualTo(1);
      }
      assertThat(createCode(c, DOG, 6)).isEqualTo(1);
      assertThat(createCode(c, DOG, 255)).isEqualTo(1);
      assertThat(list(c).avatars()).isEmpty();
      // still connected and served
      assertThat(createCode(c, DOG, 5)).isZero();
    }
  }

  @Test
  void delete_own_thenUpdatedList_objectGone_andFriendsListsCleaned() {
    try (ScriptedClient a = cluster.login("Leaver"); ScriptedClient b = cluster.login("Friend")) {
      long gone = create(a, DOG, 0);
      long kept = create(a, CAT, 1);
      long friend = create(b, CAT, 0);
      DcClass toon = cluster.toonClass();
      var db = cluster.bridge().database();
      await(db.set(friend, FieldValues.builder(toon).set("setFriendsList",
          List.of(List.of(gone, 1L), List.of(kept, 0L))).build()));
      await(db.set(gone, FieldValues.builder(toon).set("setFriendsList",
          List.of(List.of(friend, 1L))).build()));

      a.send(new DeleteAvatar(gone));
      AvatarListResp after = a.expect(AvatarListResp.class, AvatarCluster.SLOW);
      assertThat(after.returnCode()).isZero();
      assertThat(after.avatars()).extracting(AvatarListResp.Avatar::avatarId)
          .containsExactly(kept);
      assertThat(await(cluster.directory().avatar(gone))).isEmpty();
      assertThat(await(db.get(friend, toon, "setFriendsList")).get("setFriendsList").get(0))
          .isEqualTo(List.of(List.of(kept, 0L)));
      assertThat(list(b).avatars()).hasSize(1);
    }
  }

  @Test
  void delete_whileAFriendPlays_thenTheFriendsLiveListAndItsClientAreUpdated() throws Exception {
    try (ScriptedClient a = cluster.login("Gone"); ScriptedClient b = cluster.login("Playing")) {
      long gone = create(a, DOG, 0);
      long friend = create(b, CAT, 0);
      DcClass toon = cluster.toonClass();
      var db = cluster.bridge().database();
      await(db.set(friend, FieldValues.builder(toon).set("setFriendsList",
          List.of(List.of(gone, 0L))).build()));
      await(db.set(gone, FieldValues.builder(toon).set("setFriendsList",
          List.of(List.of(friend, 0L))).build()));
      b.send(new SetAvatar(friend));
      b.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);

      a.send(new DeleteAvatar(gone));
      assertThat(a.expect(AvatarListResp.class, AvatarCluster.SLOW).avatars()).isEmpty();
      // The playing friend's client is told (field update 24 of its own toon) ...
      var r = b.expect(ClientMsg.OBJECT_UPDATE_FIELD, AvatarCluster.SLOW);
      assertThat(r.readU32()).isEqualTo(friend);
      assertThat(r.readU16()).isEqualTo(toon.field("setFriendsList").number2003());
      assertThat(r.readU16()).as("empty list").isZero();
      // ... and the DBSS wrote it through.
      assertThat(await(db.get(friend, toon, "setFriendsList")).get("setFriendsList").get(0))
          .isEqualTo(List.of());
      assertThat(await(cluster.bridge().objects().getFields(friend, toon, "setFriendsList"))
          .get("setFriendsList").get(0)).isEqualTo(List.of());
    }
  }

  @Test
  void delete_otherAccountsToon_thenEjected_andToonKept() {
    try (ScriptedClient owner = cluster.login("Owner"); ScriptedClient thief = cluster.login("Thief")) {
      long id = create(owner, DOG, 0);
      thief.send(new DeleteAvatar(id));
      assertThat(thief.expectGoGetLost(BootCode.GENERIC)).contains("not one of this account's");
      assertThat(list(owner).avatars()).extracting(AvatarListResp.Avatar::avatarId)
          .containsExactly(id);
    }
  }

  @Test
  void setAvatar_own_thenDetailsInDcOrder_activeOnDbss_noGenerateOfItself_andZeroLeaves()
      throws Exception {
    long id;
    try (ScriptedClient c = cluster.login("Player")) {
      id = create(c, DOG, 3);
      c.send(new SetAvatar(id));
      GetAvatarDetailsResp d = c.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      assertThat(d.avatarId()).isEqualTo(id);
      assertThat(d.returnCode()).isZero();
      DcClass toon = cluster.toonClass();
      List<DcFieldValue> fields = d.fields(toon);
      assertThat(fields).extracting(f -> f.field().name())
          .containsExactlyElementsOf(toon.requiredFields().stream().map(f -> f.name()).toList());
      Map<String, List<Object>> byName = fields.stream()
          .collect(Collectors.toMap(f -> f.field().name(), DcFieldValue::values));
      assertThat(byName.get("setName")).containsExactly("Sea Green Dog");
      assertThat((byte[]) byName.get("setDNAString").get(0)).isEqualTo(DOG);
      assertThat(byName.get("setHp")).containsExactly(15L);
      assertThat(byName.get("setMaxHp")).containsExactly(15L);
      assertThat(byName.get("setDefaultZone")).containsExactly(2000L);
      assertThat(byName.get("setLastHood")).containsExactly(2000L);
      assertThat(byName.get("setAccountName")).containsExactly("Player");
      assertThat(byName.get("setDefaultShard")).containsExactly(0L);
      assertThat(byName.get("setPosIndex")).containsExactly(3L);
      assertThat((byte[]) byName.get("setExperience").get(0)).hasSize(14);
      byte[] inventory = (byte[]) byName.get("setInventory").get(0);
      assertThat(inventory).hasSize(42);
      assertThat(inventory[24]).isEqualTo((byte) 1);
      assertThat(inventory[30]).isEqualTo((byte) 1);
      assertThat((List<?>) byName.get("setTrackAccess").get(0)).hasSize(7);
      assertThat((List<?>) byName.get("setCogStatus").get(0)).hasSize(32);
      assertThat((List<?>) byName.get("setEmoteAccess").get(0)).hasSize(20);
      var live = cluster.bridge().objects();
      assertThat(await(live.isActive(id))).isTrue();
      // The client never gets a generate of its own avatar (owner view) ...
      c.expectNone(Duration.ofMillis(300));
      // ... though the toon is in the world (active on the DBSS) the whole time.
      assertThat(await(live.isActive(id))).isTrue();
      assertThat(await(live.getAll(id)).dclass()).isEqualTo(toon);

      c.send(new SetAvatar(0));
      awaitActive(id, false);
      c.expectNone(Duration.ofMillis(300)); // not ejected: no longer a session object
      assertThat(await(live.isActive(id))).isFalse();
      assertThat(list(c).avatars()).hasSize(1); // and still served
      // again, then the connection goes: the toon leaves the world
      c.send(new SetAvatar(id));
      c.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      assertThat(await(live.isActive(id))).isTrue();
    }
    awaitActive(id, false);
  }

  @Test
  void ownToon_inAWatchedZone_isNeverGeneratedForItsOwner_butOtherToonsAre() throws Exception {
    try (ScriptedClient a = cluster.login("Seer"); ScriptedClient b = cluster.login("Seen")) {
      long mine = create(a, DOG, 0);
      long theirs = create(b, CAT, 0);
      a.send(new SetAvatar(mine));
      a.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      b.send(new SetAvatar(theirs));
      b.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      var live = cluster.bridge().objects();
      long district = 50_000_001L;
      DcClass d = cluster.server.dc().file().dclass("OpenTTDistrict");
      await(live.createObject(district, 0, 0, FieldValues.builder(d)
          .set("setDistrictName", "Test District").set("setPopulation", 0L)
          .set("setAvailable", 1L).build()));
      await(live.setLocation(mine, district, 2000));
      await(live.setLocation(theirs, district, 2000));
      long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (await(live.zoneObjects(district, 2000)).size() < 2) {
        assertThat(System.nanoTime()).as("both toons in the zone").isLessThan(end);
        Thread.sleep(20);
      }
      var session = cluster.server.extension().sessions().all().stream()
          .filter(s -> s.accountName().equals("Seer")).findFirst().orElseThrow();
      await(session.addInterest(1, district, 2000));
      byte[] body = a.receive(AvatarCluster.SLOW).orElseThrow();
      var r = new org.openttserver.api.datagram.DatagramReader(body);
      int type = r.readU16();
      assertThat(type).isIn(ClientMsg.CREATE_OBJECT_REQUIRED,
          ClientMsg.CREATE_OBJECT_REQUIRED_OTHER);
      long generated = type == ClientMsg.CREATE_OBJECT_REQUIRED
          ? org.openttserver.api.protocol.CreateObjectRequired.CODEC.read(r).doId()
          : org.openttserver.api.protocol.CreateObjectRequiredOther.CODEC.read(r).doId();
      assertThat(generated).isEqualTo(theirs);
      a.expectNone(Duration.ofMillis(500)); // no generate of its own toon ...
      // ... though it was in the watched zone all along
      assertThat(await(live.zoneObjects(district, 2000))).extracting(o -> o.doId())
          .contains(mine, theirs);
    }
  }

  @Test
  void disconnect_andRelogin_takeTheToonOutOfTheWorld() throws Exception {
    long id;
    try (ScriptedClient c = cluster.login("Quitter")) {
      id = create(c, DOG, 0);
      c.send(new SetAvatar(id));
      c.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      assertThat(await(cluster.bridge().objects().isActive(id))).isTrue();
    }
    awaitActive(id, false);

    try (ScriptedClient c = cluster.login("Switcher")) {
      long mine = create(c, CAT, 0);
      c.send(new SetAvatar(mine));
      c.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      assertThat(await(cluster.bridge().objects().isActive(mine))).isTrue();
      // "Logout" and log in as someone else on the same connection
      c.send(new Login2("Other", "sv1.0.6.9", cluster.server.dc().clientHash(),
          ClientMsg.TokenType.PLAY_TOKEN));
      assertThat(c.expect(Login2Resp.class, AvatarCluster.SLOW).returnCode()).isZero();
      awaitActive(mine, false);
      assertThat(list(c).avatars()).isEmpty();
      // The connection keeps the new account's client id (the login plugin's), not the old one.
      var session = cluster.server.extension().sessions().all().stream()
          .filter(s -> s.accountName().equals("Other")).findFirst().orElseThrow();
      assertThat(session.clientId())
          .isEqualTo(org.openttserver.api.msg.Channels.clientId(cluster.accountId("Other"), 0));
    }
  }

  private void awaitActive(long id, boolean active) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (await(cluster.bridge().objects().isActive(id)) != active) {
      assertThat(System.nanoTime()).as("toon %d active=%s in time", id, active).isLessThan(end);
      Thread.sleep(20);
    }
  }

  @Test
  void setAvatar_otherAccountsToon_thenEjected_andNotActivated() {
    try (ScriptedClient owner = cluster.login("Alice"); ScriptedClient other = cluster.login("Mallory")) {
      long id = create(owner, DOG, 0);
      other.send(new SetAvatar(id));
      assertThat(other.expectGoGetLost(BootCode.GENERIC)).contains("not one of this account's");
      assertThat(await(cluster.bridge().objects().isActive(id))).isFalse();
    }
  }

  @Test
  void getAvatarDetails_ofAnotherToon_thenFields_andUnknownId_thenNoInformation() {
    try (ScriptedClient a = cluster.login("Shown"); ScriptedClient b = cluster.login("Viewer")) {
      long id = create(a, CAT, 4);
      b.send(new GetAvatarDetails(id));
      GetAvatarDetailsResp d = b.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      assertThat(d.returnCode()).isZero();
      assertThat(d.fields(cluster.toonClass()).get(0).values()).containsExactly("Pink Cat");
      assertThat(d.fields(cluster.toonClass()).stream()
          .filter(f -> f.field().name().equals("setAccountName")).findFirst().orElseThrow()
          .values()).as("another account's login name is not shown").containsExactly("unknown");
      b.send(new GetAvatarDetails(id + 999_999));
      GetAvatarDetailsResp none = b.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      assertThat(none.returnCode()).isEqualTo(1);
      assertThat(none.avatarId()).isEqualTo(id + 999_999);
    }
  }

  @Test
  void wishNameStates_showInTheList_andClearActionsAcknowledgeThem() {
    AvatarDirectory dir = cluster.directory();
    try (ScriptedClient c = cluster.login("Namer")) {
      long id = create(c, DOG, 0);
      Function<ScriptedClient, AvatarListResp.Avatar> only = x -> list(x).avatars().get(0);

      await(dir.updateName(id, new NameChange(null, NameState.PENDING, "Sir Woof")));
      assertThat(only.apply(c)).isEqualTo(new AvatarListResp.Avatar(id, "Sea Green Dog",
          "Sir Woof", "", "", DOG, 0, true));
      c.send(new SetWishNameClear(id, 0)); // "choose another name": withdraw
      assertThat(only.apply(c)).isEqualTo(new AvatarListResp.Avatar(id, "Sea Green Dog",
          "", "", "", DOG, 0, true));

      await(dir.updateName(id, new NameChange(null, NameState.REJECTED, "Bad Name")));
      assertThat(only.apply(c).rejectedName()).isEqualTo("Bad Name");
      c.send(new SetWishNameClear(id, 1)); // wrong acknowledgement: nothing changes
      assertThat(only.apply(c).rejectedName()).isEqualTo("Bad Name");
      c.send(new SetWishNameClear(id, 0));
      assertThat(only.apply(c)).isEqualTo(new AvatarListResp.Avatar(id, "Sea Green Dog",
          "", "", "", DOG, 0, true));

      await(dir.updateName(id, new NameChange(null, NameState.APPROVED, "Sir Woof")));
      assertThat(only.apply(c)).isEqualTo(new AvatarListResp.Avatar(id, "Sea Green Dog",
          "", "Sir Woof", "", DOG, 0, false));
      c.send(new SetWishNameClear(id, 1));
      assertThat(only.apply(c)).isEqualTo(new AvatarListResp.Avatar(id, "Sir Woof",
          "", "", "", DOG, 0, false));
      assertThat(await(dir.avatar(id)).orElseThrow().nameState()).isEqualTo(NameState.LOCKED);

      c.send(new SetWishNameClear(id, 2));
      assertThat(c.expectGoGetLost(BootCode.GENERIC)).contains("unknown action");
    }
  }

  @Test
  void wishNameClear_otherAccountsToon_thenEjected_andNothingWritten() {
    AvatarDirectory dir = cluster.directory();
    try (ScriptedClient a = cluster.login("Approved"); ScriptedClient b = cluster.login("Meddler")) {
      long id = create(a, DOG, 0);
      await(dir.updateName(id, new NameChange(null, NameState.APPROVED, "Good Dog")));
      b.send(new SetWishNameClear(id, 1));
      assertThat(b.expectGoGetLost(BootCode.GENERIC)).contains("not one of this account's");
      assertThat(await(dir.avatar(id)).orElseThrow().nameState()).isEqualTo(NameState.APPROVED);
    }
  }

  @Test
  void accountObjectGoneWhileLoggedIn_thenEjectedWithAccountError() {
    try (ScriptedClient c = cluster.login("Erased")) {
      long account = cluster.accountId("Erased");
      await(cluster.bridge().database().delete(account));
      assertThat(await(cluster.directory().avatarsOf(account))).isEmpty(); // after the delete
      c.send(new org.openttserver.api.protocol.GetAvatars());
      assertThat(c.expectGoGetLost(BootCode.ACCOUNT_ERROR)).contains("account object is gone");
    }
  }

  @Test
  void directory_ofMissingAccountOrToon_thenEmpty() {
    assertThat(await(cluster.directory().avatarsOf(123_456_789L))).isEmpty();
    assertThat(await(cluster.directory().avatar(123_456_789L))).isEmpty();
  }

  @Test
  void updateName_ofMissingToon_thenNoSuchElement() {
    var f = cluster.directory().updateName(123_456_789L,
        new NameChange("X", NameState.LOCKED, "")).toCompletableFuture();
    assertThat(f).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(
        java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(java.util.NoSuchElementException.class);
  }
}
