package org.openttserver.it.districts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.districts.DistrictCluster.await;
import static org.openttserver.it.districts.DistrictCluster.eventually;
import static org.openttserver.it.districts.DistrictCluster.play;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.GetShardListResp;
import org.openttserver.api.protocol.GetShardListResp.Shard;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.protocol.ServerDown;
import org.openttserver.api.protocol.ServerUp;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.protocol.SetShard;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.testclient.ai.TestAi;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * The districts plugin over loopback: scripted 2003 clients and stand-in AIs on one embedded
 * server. Each test uses its own district ids and accounts; districts a test makes are gone
 * when it ends, so the shard list of each test starts empty.
 */
class DistrictFlowTest {
  @TempDir static Path dir;
  static DistrictCluster cluster;

  @BeforeAll
  static void start() {
    cluster = DistrictCluster.start(dir);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static List<Shard> shards(ScriptedClient c) {
    c.send(new GetShardList());
    return c.expect(GetShardListResp.class, DistrictCluster.SLOW).shards();
  }

  /** SET_SHARD: 47, then the toon's new setDefaultShard (a p2p field, so its owner gets it). */
  private static void enter(ScriptedClient c, long district) {
    c.send(new SetShard(district));
    c.expect(GetStateResp.class, DistrictCluster.SLOW);
    c.expect(ObjectUpdateField.class, DistrictCluster.SLOW);
  }

  private static List<Long> inZone(long district, long zone) {
    return await(cluster.bridge().objects().zoneObjects(district, zone)).stream()
        .map(LiveObject::doId).toList();
  }

  @Test
  void shardList_isEmptyWithoutAnAi_thenAnAisDistrictIsPushedAndListed() {
    try (ScriptedClient c = cluster.login("Lister")) {
      assertThat(shards(c)).isEmpty();
      try (TestAi ai = cluster.ai()) {
        ai.district(60_000_001L, "Kooky Summit");
        assertThat(c.expect(ServerUp.class, DistrictCluster.SLOW))
            .isEqualTo(new ServerUp(60_000_001L, "Kooky Summit"));
        assertThat(shards(c)).containsExactly(new Shard(60_000_001L, "Kooky Summit", 0));
        // Its AI's channel is asked of the state server after the district is seen.
        assertThat(cluster.directory().district(60_000_001L)).hasValueSatisfying(d ->
            assertThat(List.of(d.id(), d.name(), d.population(), d.available()))
                .containsExactly(60_000_001L, "Kooky Summit", 0L, true));
      }
      // The AI went away: its post-remove deleted the district.
      assertThat(c.expect(ServerDown.class, DistrictCluster.SLOW))
          .isEqualTo(new ServerDown(60_000_001L));
      assertThat(shards(c)).isEmpty();
    }
  }

  @Test
  void setShard_movesTheToonIn_countsIt_andASwitchMovesItWithoutDuplicating() {
    try (TestAi ai = cluster.ai(); ScriptedClient c = cluster.login("Switcher")) {
      long toon = play(c);
      ai.district(60_000_011L, "Zany Acres");
      c.expect(ServerUp.class, DistrictCluster.SLOW);
      ai.district(60_000_012L, "Giggly Grove");
      c.expect(ServerUp.class, DistrictCluster.SLOW);

      c.send(new SetShard(60_000_011L));
      assertThat(c.expect(GetStateResp.class, DistrictCluster.SLOW).zoneId()).isEqualTo(1);
      // The toon keeps the district as its default; the owner's client is told (p2p field).
      ObjectUpdateField u = c.expect(ObjectUpdateField.class, DistrictCluster.SLOW);
      assertThat(u.doId()).isEqualTo(toon);
      assertThat(u.fieldNumber()).isEqualTo(cluster.server.dc().file()
          .dclass("DistributedToon").field("setDefaultShard").number2003());
      assertThat(shards(c)).containsExactly(new Shard(60_000_011L, "Zany Acres", 1),
          new Shard(60_000_012L, "Giggly Grove", 0));
      assertThat(inZone(60_000_011L, 1)).containsExactly(toon);

      enter(c, 60_000_012L);
      assertThat(shards(c)).containsExactly(new Shard(60_000_011L, "Zany Acres", 0),
          new Shard(60_000_012L, "Giggly Grove", 1));
      assertThat(inZone(60_000_011L, 1)).isEmpty();
      assertThat(inZone(60_000_012L, 1)).containsExactly(toon);
      var session = cluster.server.extension().sessions().all().stream()
          .filter(s -> s.accountName().equals("Switcher")).findFirst().orElseThrow();
      assertThat(cluster.directory().districtOf(session)).hasValue(60_000_012L);

      // The district objects learn their population (for the AIs), and the toon keeps the
      // district as its default.
      DcClass d = cluster.server.dc().file().dclass("OpenTTDistrict");
      eventually("population written", () -> await(cluster.bridge().objects()
          .getFields(60_000_012L, d, "setPopulation")).integer("setPopulation") == 1);
      DcClass t = cluster.server.dc().file().dclass("DistributedToon");
      eventually("default shard stored", () -> await(cluster.bridge().objects()
          .getFields(toon, t, "setDefaultShard")).integer("setDefaultShard") == 60_000_012L);
    }
  }

  @Test
  void setShard_toADistrictThatIsGone_goesToTheOpenOneWithFewestToons() {
    try (TestAi ai = cluster.ai(); ScriptedClient a = cluster.login("Crowd");
        ScriptedClient b = cluster.login("Newcomer")) {
      long first = play(a);
      long second = play(b);
      ai.district(60_000_021L, "Busy Burg");
      ai.district(60_000_022L, "Quiet Corner");
      for (ScriptedClient c : List.of(a, b)) {
        c.expect(ServerUp.class, DistrictCluster.SLOW);
        c.expect(ServerUp.class, DistrictCluster.SLOW);
      }
      enter(a, 60_000_021L);
      enter(b, 0);
      assertThat(inZone(60_000_022L, 1)).containsExactly(second);
      assertThat(inZone(60_000_021L, 1)).containsExactly(first);
    }
  }

  @Test
  void aDistrictGoingDown_isPushedToEveryone_andItsToonsAreDisconnected() {
    try (TestAi ai = cluster.ai(); ScriptedClient inside = cluster.login("Inside");
        ScriptedClient chooser = cluster.login("AtChooser")) {
      play(inside);
      ai.district(60_000_031L, "Doomed Dale");
      inside.expect(ServerUp.class, DistrictCluster.SLOW);
      chooser.expect(ServerUp.class, DistrictCluster.SLOW);
      enter(inside, 60_000_031L);

      ai.delete(60_000_031L);
      assertThat(chooser.expect(ServerDown.class, DistrictCluster.SLOW))
          .isEqualTo(new ServerDown(60_000_031L));
      // The state server deleted the toon with its district: its client is disconnected (153)
      // whether or not the SERVER_DOWN reached it first.
      var first = inside.receive(DistrictCluster.SLOW).orElseThrow();
      if ((first[0] & 0xFF | (first[1] & 0xFF) << 8) == org.openttserver.api.msg.ClientMsg
          .SERVER_DOWN) {
        assertThat(inside.expectGoGetLost(BootCode.SESSION_OBJECT_DELETED)).isNotEmpty();
      } else {
        var r = new org.openttserver.api.datagram.DatagramReader(first);
        assertThat(r.readU16()).isEqualTo(org.openttserver.api.msg.ClientMsg.GO_GET_LOST);
        assertThat(org.openttserver.api.protocol.GoGetLost.CODEC.read(r).reasonCode())
            .hasValue(BootCode.SESSION_OBJECT_DELETED);
      }
      assertThat(shards(chooser)).isEmpty();
    }
  }

  @Test
  void anAiCrash_takesAllItsDistrictsDown() {
    try (ScriptedClient c = cluster.login("Witness")) {
      TestAi ai = cluster.ai();
      ai.district(60_000_041L, "Alpha");
      ai.district(60_000_042L, "Beta");
      c.expect(ServerUp.class, DistrictCluster.SLOW);
      c.expect(ServerUp.class, DistrictCluster.SLOW);
      ai.crash();
      assertThat(List.of(c.expect(ServerDown.class, DistrictCluster.SLOW).shardId(),
          c.expect(ServerDown.class, DistrictCluster.SLOW).shardId()))
          .containsExactlyInAnyOrder(60_000_041L, 60_000_042L);
      assertThat(cluster.directory().districts()).isEmpty();
    }
  }

  @Test
  void aClosedDistrict_isDownForClients_andLeftOutOfTheList_untilItOpens() {
    try (TestAi ai = cluster.ai(); ScriptedClient c = cluster.login("Watcher")) {
      ai.district(60_000_051L, "Full House");
      c.expect(ServerUp.class, DistrictCluster.SLOW);
      ai.setAvailable(60_000_051L, false);
      assertThat(c.expect(ServerDown.class, DistrictCluster.SLOW).shardId())
          .isEqualTo(60_000_051L);
      assertThat(shards(c)).isEmpty();
      ai.setAvailable(60_000_051L, true);
      assertThat(c.expect(ServerUp.class, DistrictCluster.SLOW))
          .isEqualTo(new ServerUp(60_000_051L, "Full House"));
      assertThat(shards(c)).containsExactly(new Shard(60_000_051L, "Full House", 0));
    }
  }

  @Test
  void leavingTheGame_takesTheToonOutOfTheCount() {
    try (TestAi ai = cluster.ai(); ScriptedClient a = cluster.login("Leaver");
        ScriptedClient b = cluster.login("Quitter2")) {
      long toonA = play(a);
      play(b);
      ai.district(60_000_061L, "Exit Row");
      a.expect(ServerUp.class, DistrictCluster.SLOW);
      b.expect(ServerUp.class, DistrictCluster.SLOW);
      enter(a, 60_000_061L);
      enter(b, 60_000_061L);
      assertThat(shards(a)).containsExactly(new Shard(60_000_061L, "Exit Row", 2));

      a.send(new SetAvatar(0));
      assertThat(shards(a)).containsExactly(new Shard(60_000_061L, "Exit Row", 1));
      b.close(); // a dropped connection
      eventually("count after a drop", () -> cluster.directory().district(60_000_061L)
          .orElseThrow().population() == 0);
      assertThat(shards(a)).containsExactly(new Shard(60_000_061L, "Exit Row", 0));
      assertThat(inZone(60_000_061L, 1)).doesNotContain(toonA);
    }
  }

  @Test
  void setShard_beforeAToonIsChosen_orWithNoDistrict_endsTheSession() {
    try (TestAi ai = cluster.ai(); ScriptedClient early = cluster.login("TooEarly")) {
      ai.district(60_000_071L, "Somewhere");
      early.expect(ServerUp.class, DistrictCluster.SLOW);
      early.send(new SetShard(60_000_071L));
      assertThat(early.expectGoGetLost(BootCode.NOT_IN_GAME)).contains("SET_AVATAR");
    }
    try (ScriptedClient lonely = cluster.login("Lonely")) {
      play(lonely);
      lonely.send(new SetShard(60_000_071L));
      assertThat(lonely.expectGoGetLost(BootCode.NO_DISTRICT)).contains("no district");
    }
  }

  @Test
  void districtsMadeBeforeThePluginStarted_areFoundByItsStartUpQuery() throws Exception {
    try (TestAi ai = cluster.ai()) {
      cluster.server.plugins().stopPlugin("districts");
      ai.district(60_000_081L, "Early Bird");
      cluster.server.plugins().startPlugin("districts");
      eventually("found at start", () -> cluster.directory().district(60_000_081L).isPresent());
      try (ScriptedClient c = cluster.login("Late")) {
        assertThat(shards(c)).containsExactly(new Shard(60_000_081L, "Early Bird", 0));
      }
    }
    eventually("down with its AI",
        () -> cluster.server.plugins().service(DistrictDirectory.class).isPresent()
            && cluster.directory().districts().isEmpty());
  }


  @Test
  void restartingTheAvatarsPlugin_restartsTheDistrictsPlugin_whichListensToTheNewOne()
      throws Exception {
    cluster.server.plugins().stopPlugin("avatars");
    assertThat(cluster.server.plugins().getPlugin("districts").getPluginState())
        .isEqualTo(org.pf4j.PluginState.STOPPED);
    cluster.server.plugins().startPlugin("avatars");
    assertThat(cluster.server.plugins().getPlugin("districts").getPluginState())
        .isEqualTo(org.pf4j.PluginState.STARTED);
    // Started directly while what it depends on is stopped: both start, each once.
    cluster.server.plugins().stopPlugin("avatars");
    assertThat(cluster.server.plugins().startPlugin("districts"))
        .isEqualTo(org.pf4j.PluginState.STARTED);
    assertThat(cluster.server.plugins().getPlugin("avatars").getPluginState())
        .isEqualTo(org.pf4j.PluginState.STARTED);
    try (TestAi ai = cluster.ai(); ScriptedClient c = cluster.login("Restarted")) {
      play(c);
      ai.district(60_000_091L, "Second Life");
      c.expect(ServerUp.class, DistrictCluster.SLOW);
      enter(c, 60_000_091L);
      assertThat(cluster.directory().district(60_000_091L).orElseThrow().population())
          .isEqualTo(1);
      c.send(new SetAvatar(0)); // told through the new AvatarPresence's listeners
      eventually("left after the restart", () -> cluster.directory().district(60_000_091L)
          .orElseThrow().population() == 0);
    }
  }
}
