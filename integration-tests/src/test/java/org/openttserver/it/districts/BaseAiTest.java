package org.openttserver.it.districts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.districts.DistrictCluster.await;
import static org.openttserver.it.districts.DistrictCluster.eventually;
import static org.openttserver.it.districts.DistrictCluster.play;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.ai.AiServer;
import org.openttserver.ai.AiSettings;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.CreateObjectRequired;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.GetShardListResp;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.protocol.ServerDown;
import org.openttserver.api.protocol.ServerUp;
import org.openttserver.api.protocol.SetShard;
import org.openttserver.api.session.ClientSession;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * The base AI on an embedded server, and a second one in a process of its own joined over the
 * message director's TCP port: districts in the shard list, the district-wide objects in zone
 * 2, the TimeManager's clock sync and the skipped tutorial as a 2003 client drives them, and
 * districts going down with their AI.
 */
class BaseAiTest {
  @TempDir static Path dir;
  static DistrictCluster cluster;

  @BeforeAll
  static void start() {
    cluster = DistrictCluster.start(dir, "ai:\n  district_name: Test Valley\n"
        + "  channel: 401000\n  do_ids: {min: 400000000, max: 400999999}\n");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static AiServer ai() {
    return cluster.server.ai().orElseThrow();
  }

  private static ClientSession session(String account) {
    return cluster.server.extension().sessions().all().stream()
        .filter(s -> s.accountName().equals(account)).findFirst().orElseThrow();
  }

  @Test
  void theDistrict_isListed_withEveryDistrictWideObjectInZone2() {
    long district = ai().districtId();
    assertThat(ai().managers().keySet()).containsExactly("TimeManager", "FriendManager",
        "TutorialManager", "EstateManager", "DistributedTrophyMgr", "DistributedBankMgr",
        "SafeZoneManager", "DeleteManager", "MagicWordManager", "NewsManager");
    assertThat(await(cluster.bridge().objects().zoneObjects(district, 2)))
        .extracting(LiveObject::doId)
        .containsExactlyInAnyOrderElementsOf(ai().managers().values());
    try (ScriptedClient c = cluster.login("Looker")) {
      c.send(new GetShardList());
      assertThat(c.expect(GetShardListResp.class, DistrictCluster.SLOW).shards())
          .contains(new GetShardListResp.Shard(district, "Test Valley", 0));
    }
  }

  @Test
  void timeManager_answersTheClientsClockSync_toThatClientOnly() {
    try (ScriptedClient c = cluster.login("Clocky"); ScriptedClient other = cluster.login("Bystander")) {
      long toon = play(c);
      c.send(new SetShard(ai().districtId()));
      c.expect(GetStateResp.class, DistrictCluster.SLOW);
      c.expect(ObjectUpdateField.class, DistrictCluster.SLOW); // its setDefaultShard
      // What the zones plugin does on the first quiet zone: the district's objects in zone 2.
      await(session("Clocky").addInterest(0, ai().districtId(), 2));
      List<Long> generated = new ArrayList<>();
      for (int i = 0; i < ai().managers().size(); i++) {
        byte[] body = c.receive(DistrictCluster.SLOW).orElseThrow();
        var r = new org.openttserver.api.datagram.DatagramReader(body);
        assertThat(r.readU16()).isEqualTo(ClientMsg.CREATE_OBJECT_REQUIRED);
        generated.add(CreateObjectRequired.CODEC.read(r).doId());
      }
      assertThat(generated).containsExactlyInAnyOrderElementsOf(ai().managers().values());

      DcClass tmClass = cluster.server.dc().file().dclass("TimeManager");
      long tm = ai().managers().get("TimeManager");
      long before = System.currentTimeMillis() / 1000;
      c.send(ObjectUpdateField.of(tm, tmClass, "requestServerTime", 9L));
      ObjectUpdateField answer = c.expect(ObjectUpdateField.class, DistrictCluster.SLOW);
      assertThat(answer.doId()).isEqualTo(tm);
      DcFieldValue v = answer.value(tmClass);
      assertThat(v.field().name()).isEqualTo("serverTime");
      assertThat(((Number) v.values().get(0)).longValue()).isEqualTo(9);
      assertThat(((Number) v.values().get(2)).longValue())
          .isBetween(before, System.currentTimeMillis() / 1000 + 1);
      other.expectNone(); // the answer went to the asking client only
      assertThat(toon).isPositive();
    }
  }

  @Test
  void tutorialRequest_isSkipped_andTheToonIsNotAskedAgain() {
    try (ScriptedClient c = cluster.login("Newbie")) {
      long toon = play(c);
      c.send(new SetShard(ai().districtId()));
      c.expect(GetStateResp.class, DistrictCluster.SLOW);
      c.expect(ObjectUpdateField.class, DistrictCluster.SLOW);
      await(session("Newbie").addInterest(0, ai().districtId(), 2));
      for (int i = 0; i < ai().managers().size(); i++) {
        c.receive(DistrictCluster.SLOW).orElseThrow();
      }
      DcClass tut = cluster.server.dc().file().dclass("TutorialManager");
      c.send(ObjectUpdateField.of(ai().managers().get("TutorialManager"), tut,
          "requestTutorial"));
      DcClass toonClass = cluster.server.dc().file().dclass("DistributedToon");
      eventually("tutorialAck stored", () -> await(cluster.bridge().objects()
          .getFields(toon, toonClass, "setTutorialAck")).integer("setTutorialAck") == 1);
    }
  }

  @Test
  void aSecondAi_inItsOwnProcess_joinsOverTcp_andItsDistrictGoesDownWithIt() throws Exception {
    Path file = dir.resolve("ai-only.yml");
    java.nio.file.Files.writeString(file, "general:\n  dc_files: ["
        + EmbeddedServers.DEMO_DC + ", config/dc/openttserver.dc]\n");
    AiSettings second = new AiSettings("Far Town", 401001, 401_000_000L, 401_999_999L,
        AiSettings.Tutorial.SKIP);
    try (ScriptedClient c = cluster.login("Traveller")) {
      Server aiProcess = Server.startAi(ConfigLoader.load(file), EmbeddedServers.REPO,
          "127.0.0.1:" + cluster.server.mdAddress().getPort(), second);
      assertThat(c.expect(ServerUp.class, DistrictCluster.SLOW))
          .isEqualTo(new ServerUp(401_000_000L, "Far Town"));
      aiProcess.close();
      assertThat(c.expect(ServerDown.class, DistrictCluster.SLOW))
          .isEqualTo(new ServerDown(401_000_000L));
    }
  }

  @Test
  void anAiStopping_takesItsDistrictDown_forEveryClient() throws Exception {
    var p = cluster.server.newParticipant("third-ai");
    AiServer third = AiServer.start(p, cluster.server.dc().file(), new AiSettings("Short Stay",
        401002, 402_000_000L, 402_999_999L, AiSettings.Tutorial.SKIP),
        org.slf4j.LoggerFactory.getLogger("third-ai")).get();
    try (ScriptedClient c = cluster.login("Lingerer")) {
      eventually("listed", () -> cluster.directory().district(402_000_000L).isPresent());
      third.close();
      assertThat(c.expect(ServerDown.class, DistrictCluster.SLOW))
          .isEqualTo(new ServerDown(402_000_000L));
      assertThat(await(cluster.bridge().objects().zoneObjects(ai().districtId(), 2)))
          .hasSize(ai().managers().size()); // the other AI's objects are untouched
    } finally {
      p.close();
    }
  }

  /** Logs in, plays a toon in the AI's district with its zone-2 objects; returns the toon. */
  private static long inDistrict(ScriptedClient c, String account) {
    long toon = play(c);
    c.send(new SetShard(ai().districtId()));
    c.expect(GetStateResp.class, DistrictCluster.SLOW);
    c.expect(ObjectUpdateField.class, DistrictCluster.SLOW); // its setDefaultShard
    await(session(account).addInterest(0, ai().districtId(), 2));
    for (int i = 0; i < ai().managers().size(); i++) {
      c.receive(DistrictCluster.SLOW).orElseThrow();
    }
    return toon;
  }

  /** The next MagicWordManager update the client gets (other updates skipped). */
  private static String magicWordResponse(ScriptedClient c) {
    DcClass mw = cluster.server.dc().file().dclass("MagicWordManager");
    long mwm = ai().managers().get("MagicWordManager");
    while (true) {
      ObjectUpdateField u = c.expect(ObjectUpdateField.class, DistrictCluster.SLOW);
      if (u.doId() == mwm) {
        DcFieldValue v = u.value(mw);
        assertThat(v.field().name()).isEqualTo("setMagicWordResponse");
        return (String) v.values().get(0);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void magicWords_workForAnAdministrator_andAreRefusedForAPlayer() {
    DcClass mw = cluster.server.dc().file().dclass("MagicWordManager");
    DcClass toonClass = cluster.server.dc().file().dclass("DistributedToon");
    long mwm = ai().managers().get("MagicWordManager");
    try (ScriptedClient wizard = cluster.login("Wizard");
        ScriptedClient player = cluster.login("Muggle")) {
      long wizardToon = inDistrict(wizard, "Wizard");
      long playerToon = inDistrict(player, "Muggle");

      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~maxhp 50", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).isEqualTo("Max laff is now 50.");
      assertThat(await(cluster.bridge().objects().getFields(wizardToon, toonClass,
          "setMaxHp", "setHp")).integer("setMaxHp")).isEqualTo(50);
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~maxhp 9000", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).contains("1 to 137");
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~fly", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).contains("Unknown magic word ~fly");
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~hp 137", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).isEqualTo("Laff is now 50 (the most it can have).");
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~money 9999", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).isEqualTo("Jelly beans: 40 (the jar holds 40).");
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~hp", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).contains("needs a number");
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~god", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).contains("no god-mode field");
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~HELP", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).startsWith("Magic words: ~maxhp N");
      // ~tp: the hood goes on the toon's map (the 2003 client teleports itself from there).
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~tp 1105", wizardToon, 0L));
      assertThat(magicWordResponse(wizard)).startsWith("Donald's Dock (1000) is on your map");
      var maps = await(cluster.bridge().objects().getFields(wizardToon, toonClass,
          "setTeleportAccess", "setHoodsVisited", "setZonesVisited"));
      for (String f : List.of("setTeleportAccess", "setHoodsVisited", "setZonesVisited")) {
        assertThat((List<Object>) maps.get(f).get(0)).as(f).contains(1000L);
      }
      wizard.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~teleport 7000", wizardToon,
          0L));
      assertThat(magicWordResponse(wizard)).startsWith("~tp needs a playground");

      player.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~maxhp 137", playerToon, 0L));
      assertThat(magicWordResponse(player)).isEqualTo("Magic words are for administrators.");
      player.send(ObjectUpdateField.of(mwm, mw, "setMagicWord", "~tp 1000", playerToon, 0L));
      assertThat(magicWordResponse(player)).isEqualTo("Magic words are for administrators.");
      assertThat((List<Object>) await(cluster.bridge().objects().getFields(playerToon, toonClass,
          "setTeleportAccess")).get("setTeleportAccess").get(0)).doesNotContain(1000L);
      assertThat(await(cluster.bridge().objects().getFields(playerToon, toonClass, "setMaxHp"))
          .integer("setMaxHp")).isEqualTo(15);
    }
  }
}
