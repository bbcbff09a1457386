package org.openttserver.it.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.it.zones.ZonesCluster.await;
import static org.openttserver.it.zones.ZonesCluster.drain;
import static org.openttserver.it.zones.ZonesCluster.live;
import static org.openttserver.it.zones.ZonesCluster.setShard;
import static org.openttserver.it.zones.ZonesCluster.zone;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dna.DnaReader;
import org.openttserver.api.dna.DnaWorld;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.it.zones.ZonesCluster.Change;
import org.openttserver.it.zones.ZonesCluster.Player;

/**
 * SET_ZONE over loopback with scripted 2003 clients, the built-in plugins and a stand-in AI:
 * the quiet-zone pass, playgrounds, street walking with exact generates and disables (demo
 * street, and the game's own Silly Street when ../shared/reference/dna has it), toons seeing each
 * other, and the refusals.
 */
class ZoneFlowTest {
  static final Duration QUIET = Duration.ofMillis(400);

  @TempDir Path dir;
  ZonesCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private ZonesCluster startDemo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-dna"));
    cluster = ZonesCluster.start(dir, empty);
    return cluster;
  }

  /** The demo world as the plugin serves it, read here from config/dna/. */
  static DnaWorld demoWorld() throws Exception {
    Path dna = ZonesCluster.REPO.resolve("config/dna");
    return DnaWorld.of(
        Map.of(2000, DnaReader.parse("sz", Files.readString(
            dna.resolve("demo_toontown_central_sz.dna"), StandardCharsets.ISO_8859_1))),
        Map.of(2100, DnaReader.parse("2100", Files.readString(
            dna.resolve("demo_toontown_central_2100.dna"), StandardCharsets.ISO_8859_1))));
  }

  @Test
  void quietZonePass_intoThePlayground_globalsOncePerDistrictEntry_thenTheZonesObjects()
      throws Exception {
    startDemo();
    long d = cluster.district(50_000_001L, "Zone Town");
    long tm = cluster.ai.object(50_000_010L, d, 2, "TimeManager");
    long fm = cluster.ai.object(50_000_011L, d, 2, "FriendManager");
    long nm = cluster.ai.object(50_000_012L, d, 2, "NewsManager");
    long p1 = cluster.ai.object(50_000_020L, d, 2000, "DistributedNode");
    long p2 = cluster.ai.object(50_000_021L, d, 2000, "DistributedNode");
    cluster.ai.object(50_000_030L, d, 2101, "DistributedNode");
    cluster.ai.object(50_000_031L, d, 3, "DistributedNode");

    try (Player a = cluster.player("Quiet")) {
      setShard(a, d);
      Change q = zone(a, 1);
      assertThat(q.generatedSet()).containsExactlyInAnyOrder(tm, fm, nm);
      assertThat(q.generated()).hasSize(3);
      assertThat(q.disabled()).isEmpty();

      Change pg = zone(a, 2000);
      assertThat(pg.generated()).containsExactlyInAnyOrder(p1, p2);
      assertThat(pg.disabled()).isEmpty();

      // A second pass: the globals are not sent again; the playground's objects leave (the
      // client already dropped them; disables for unknown ids only log a warning).
      Change q2 = zone(a, 1);
      assertThat(q2.generated()).isEmpty();
      assertThat(q2.disabled()).containsExactlyInAnyOrder(p1, p2);

      Change again = zone(a, 2000);
      assertThat(again.generated()).containsExactlyInAnyOrder(p1, p2);
      assertThat(again.disabled()).isEmpty();
      a.client().expectNone(QUIET);
      assertThat(cluster.server.plugins().service(
          org.openttserver.api.service.ZoneDirectory.class).orElseThrow()
          .zoneOf(cluster.server.extension().sessions().all().iterator().next()))
          .hasValue(2000);
    }
  }

  @Test
  void streetWalk_demoStreet_generatesAndDisablesExactlyByVisLists() throws Exception {
    startDemo();
    DnaWorld world = demoWorld();
    long d = cluster.district(50_000_101L, "Walk Town");
    Map<Integer, Long> objects = placeOnePerZone(d, world, 2100, 51_000_000L);
    try (Player p = cluster.player("Walker")) {
      setShard(p, d);
      fromPlaygroundToStreet(p, objects.get(2000));
      walk(p, world, objects, 2101, 2102, 2103, 2104, 2106, 2105);
    }
  }

  @Test
  void streetWalk_referenceSillyStreet_followsItsVisLists() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    for (String file : List.of("toontown_central_sz.dna", "toontown_central_2100.dna")) {
      Path reference = ZonesCluster.REFERENCE_DNA.resolve(file);
      Assumptions.assumeTrue(Files.isRegularFile(reference), "no ../shared/reference/dna/" + file);
      Files.copy(reference, etc.resolve(file)); // the test's own temporary etc/, never the repo
    }
    DnaWorld world = DnaWorld.load(List.of(etc), line -> { });
    assertThat(world.streets()).containsOnlyKeys(2100);
    assertThat(world.playgrounds()).containsOnlyKeys(2000);
    cluster = ZonesCluster.start(dir, etc);
    long d = cluster.district(50_000_201L, "Silly Town");
    Map<Integer, Long> objects = placeOnePerZone(d, world, 2100, 52_000_000L);

    // Walk from 2101 always to the next higher visgroup it sees, four steps.
    int[] path = new int[5];
    path[0] = 2101;
    for (int i = 1; i < path.length; i++) {
      int from = path[i - 1];
      path[i] = world.visibleZones(from).stream().filter(z -> z > from && z != 2100)
          .filter(world::contains).min(Integer::compare).orElseThrow();
    }
    try (Player p = cluster.player("Silly")) {
      setShard(p, d);
      fromPlaygroundToStreet(p, objects.get(2000));
      int[] disables = {0};
      int[] later = {0};
      walk(p, world, objects, path).forEach((step, c) -> {
        disables[0] += c.disabled().size();
        if (step > 0) {
          later[0] += c.generated().size();
        }
      });
      // The walk really crossed vis boundaries: zones came into view and left it.
      assertThat(disables[0]).as("disables along %s", java.util.Arrays.toString(path))
          .isPositive();
      assertThat(later[0]).as("generates after the first step").isPositive();
    }
  }

  /** One AI object in every visgroup of a street and one in its branch zone. */
  private Map<Integer, Long> placeOnePerZone(long district, DnaWorld world, int branch,
      long firstId) {
    Map<Integer, Long> objects = new TreeMap<>();
    objects.put(branch, cluster.ai.object(firstId + branch, district, branch,
        "DistributedNode"));
    world.streets().get(branch).visGroups().forEach(v -> objects.put(v.zone(),
        cluster.ai.object(firstId + v.zone(), district, v.zone(), "DistributedNode")));
    // The playground's: nobody on the street sees it.
    objects.put(2000, cluster.ai.object(firstId + 2000, district, 2000, "DistributedNode"));
    return objects;
  }

  /**
   * The first quiet zone, the playground, then the quiet zone again on the way to the street
   * (a tunnel): the playground's object comes and goes, and nothing else.
   */
  private static void fromPlaygroundToStreet(Player p, long playgroundObject) {
    zone(p, 1);
    Change pg = zone(p, 2000);
    assertThat(pg.generated()).containsExactly(playgroundObject);
    Change tunnel = zone(p, 1);
    assertThat(tunnel.generated()).isEmpty();
    assertThat(tunnel.disabled()).containsExactly(playgroundObject);
  }

  /**
   * Walks through visgroups, checking each change: the first generates everything visible;
   * later ones generate exactly the objects of zones coming into view and disable exactly those
   * of zones leaving it.
   */
  private static Map<Integer, Change> walk(Player p, DnaWorld world, Map<Integer, Long> objects,
      int... zones) {
    Map<Integer, Change> changes = new LinkedHashMap<>();
    Set<Integer> before = Set.of();
    for (int i = 0; i < zones.length; i++) {
      int z = zones[i];
      Set<Integer> now = world.visibleZones(z);
      Set<Integer> entering = new HashSet<>(now);
      entering.removeAll(before);
      Set<Integer> leaving = new HashSet<>(before);
      leaving.removeAll(now);
      Change c = zone(p, z);
      assertThat(c.generated()).as("generated walking into %d", z)
          .containsExactlyInAnyOrderElementsOf(ids(objects, entering));
      assertThat(c.disabled()).as("disabled walking into %d", z)
          .containsExactlyInAnyOrderElementsOf(ids(objects, leaving));
      changes.put(i, c);
      before = now;
    }
    p.client().expectNone(QUIET);
    return changes;
  }

  private static List<Long> ids(Map<Integer, Long> objects, Set<Integer> zones) {
    return zones.stream().filter(objects::containsKey).map(objects::get)
        .collect(Collectors.toList());
  }

  @Test
  void twoClientsInOneZone_seeEachOther_aClientOutOfViewSeesNeither_noneGetsItsOwnToon()
      throws Exception {
    startDemo();
    long d = cluster.district(50_000_301L, "Meet Town");
    try (Player a = cluster.playerIn("Annie", d, 1); Player b = cluster.player("Bobby");
        Player c = cluster.player("Catty")) {
      assertThat(zone(a, 2104).generated()).isEmpty(); // nobody there yet, never itself

      setShard(b, d);
      zone(b, 1);
      Change bIn = zone(b, 2105); // 2104 is in 2105's vis list and the other way round
      assertThat(bIn.generated()).containsExactly(a.avatarId());
      assertThat(live(a, 1, 0, QUIET).generated()).containsExactly(b.avatarId());

      setShard(c, d);
      zone(c, 1);
      Change cIn = zone(c, 2108); // sees 2106-2108 only
      assertThat(cIn.generated()).isEmpty();
      assertThat(drain(a, QUIET).generated()).isEmpty();
      assertThat(drain(b, QUIET).generated()).isEmpty();

      // Bob walks towards Cat: into 2106, which Cat sees and Ann (2104) still sees.
      Change bWalk = zone(b, 2106);
      assertThat(bWalk.generated()).containsExactly(c.avatarId());
      assertThat(bWalk.disabled()).isEmpty();
      assertThat(live(c, 1, 0, QUIET).generated()).containsExactly(b.avatarId());
      Change annSees = drain(a, QUIET);
      assertThat(annSees.generated()).isEmpty();
      assertThat(annSees.disabled()).isEmpty();

      // Bob leaves for the quiet zone: both lose him; he loses both.
      Change bOut = zone(b, 1);
      assertThat(bOut.disabled()).containsExactlyInAnyOrder(a.avatarId(), c.avatarId());
      assertThat(live(a, 0, 1, QUIET).disabled()).containsExactly(b.avatarId());
      assertThat(live(c, 0, 1, QUIET).disabled()).containsExactly(b.avatarId());
    }
  }

  @Test
  void shardSwitch_closesTheOldDistrictsInterests_andTheNewDistrictsGlobalsComeOnce()
      throws Exception {
    startDemo();
    long d1 = cluster.district(50_000_601L, "First Town");
    long d2 = cluster.district(50_000_602L, "Second Town");
    long g1 = cluster.ai.object(50_000_610L, d1, 2, "TimeManager");
    long o1 = cluster.ai.object(50_000_611L, d1, 2000, "DistributedNode");
    long g2 = cluster.ai.object(50_000_620L, d2, 2, "TimeManager");
    long o2 = cluster.ai.object(50_000_621L, d2, 2000, "DistributedNode");
    try (Player p = cluster.player("Switcher")) {
      setShard(p, d1);
      assertThat(zone(p, 1).generated()).containsExactly(g1);
      assertThat(zone(p, 2000).generated()).containsExactly(o1);

      // SET_SHARD: leaving the first district closes both interests (the client dropped those
      // objects itself), before the 47.
      p.client().send(new org.openttserver.api.protocol.SetShard(d2));
      List<Long> disabled = new java.util.ArrayList<>();
      while (true) {
        byte[] body = p.client().receive(ZonesCluster.SLOW).orElseThrow();
        var r = new org.openttserver.api.datagram.DatagramReader(body);
        int type = r.readU16();
        if (type == org.openttserver.api.msg.ClientMsg.GET_STATE_RESP) {
          break;
        }
        assertThat(type).isEqualTo(org.openttserver.api.msg.ClientMsg.OBJECT_DISABLE_RESP);
        disabled.add(r.readU32());
      }
      assertThat(disabled).containsExactlyInAnyOrder(g1, o1);

      Change q = zone(p, 1);
      assertThat(q.generated()).containsExactly(g2);
      assertThat(q.disabled()).isEmpty();
      assertThat(zone(p, 2000).generated()).containsExactly(o2);
      Change q2 = zone(p, 1);
      assertThat(q2.generated()).isEmpty(); // once per district entry
      assertThat(q2.disabled()).containsExactly(o2);
      p.client().expectNone(QUIET);
    }
  }

  @Test
  void leavingTheWorld_setAvatarZero_closesTheInterests_andSetZoneIsThen354() throws Exception {
    startDemo();
    long d = cluster.district(50_000_701L, "Exit Town");
    long g = cluster.ai.object(50_000_710L, d, 2, "TimeManager");
    long o = cluster.ai.object(50_000_711L, d, 2000, "DistributedNode");
    try (Player p = cluster.playerIn("Leaver", d, 1)) {
      assertThat(zone(p, 2000).generated()).containsExactly(o);
      p.client().send(new org.openttserver.api.protocol.SetAvatar(0));
      assertThat(live(p, 0, 2, QUIET).disabled()).containsExactlyInAnyOrder(g, o);
      p.client().send(new SetZone(2000));
      assertThat(p.client().expectGoGetLost(BootCode.NOT_IN_GAME)).contains("SET_SHARD");
    }
  }

  @Test
  void setZoneBeforeSetShard_isGoGetLost354() throws Exception {
    startDemo();
    try (Player p = cluster.player("Early")) {
      p.client().send(new SetZone(1));
      assertThat(p.client().expectGoGetLost(BootCode.NOT_IN_GAME)).contains("SET_SHARD");
    }
  }

  @Test
  void districtsPluginOff_zonesRuns_andEverySetZoneIsGoGetLost354() throws Exception {
    cluster = ZonesCluster.start(dir, Files.createDirectories(dir.resolve("no-dna")),
        "  districts:\n    enabled: false\n");
    assertThat(cluster.server.plugins().getPlugin("zones").getPluginState().toString())
        .isEqualTo("STARTED");
    try (Player p = cluster.player("Nowhere")) {
      p.client().send(new SetZone(1));
      assertThat(p.client().expectGoGetLost(BootCode.NOT_IN_GAME)).contains("SET_SHARD");
    }
  }

  @Test
  void zoneNotInTheWorld_isGoGetLost355_namingTheZone() throws Exception {
    startDemo();
    long d = cluster.district(50_000_401L, "Strict Town");
    try (Player p = cluster.playerIn("Lost", d, 2000)) {
      p.client().send(new SetZone(5000));
      assertThat(p.client().expectGoGetLost(BootCode.ZONE_FORBIDDEN)).contains("zone 5000");
    }
    try (Player p = cluster.playerIn("Uber", d, 1)) {
      p.client().send(new SetZone(2));
      assertThat(p.client().expectGoGetLost(BootCode.ZONE_FORBIDDEN)).contains("zone 2");
    }
  }

  @Test
  void malformedDnaFile_serverRefusesToStart_withOneLineNamingFileAndLine() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("toontown_central_2200.dna"),
        "group \"street\" [\n  visgroup \"2201\" [\n    vis [ \"2201\" ]\n  ]\n]\n]\n");
    assertThatThrownBy(() -> ZonesCluster.start(dir, etc))
        .isInstanceOf(org.openttserver.runtime.config.ConfigException.class)
        .hasMessageContaining("toontown_central_2200.dna:6:")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void grantedZone_isEnteredAndShowsItsObjects() throws Exception {
    startDemo();
    long d = cluster.district(50_000_501L, "Estate Town");
    long thing = cluster.ai.object(50_000_510L, d, 30_123, "DistributedNode");
    try (Player p = cluster.playerIn("Owner", d, 1)) {
      var zones = cluster.server.plugins().service(
          org.openttserver.api.service.ZoneDirectory.class).orElseThrow();
      try (var grant = zones.grant(p.avatarId(), 30_123)) {
        p.client().send(new SetZone(30_123));
        assertThat(await(p, 30_123).generated()).containsExactly(thing);
      }
    }
  }
}
