package org.openttserver.it.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dna.DnaWorld;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.game.AccountServer;
import org.openttserver.testclient.game.GameClient;
import org.openttserver.testclient.game.GameClient.ZoneChange;

/**
 * The 2003 client's journey, end to end on the embedded default: account server, login,
 * district list, Make-A-Toon with a picked name, into the game, the quiet zone and the clock
 * sync, the playground, a street walked across three visgroups, a second player seen and
 * talked to, a district switch, back to the chooser, the toon deleted, logged out. Each step
 * asserts what the real client waits for, in order ({@link GameClient}). It runs on our own
 * fixtures, and again on the reference toon.dc, name list and DNA when ../shared/reference has
 * them.
 */
class JourneyTest {
  static final Path REFERENCE = EmbeddedServers.REPO.resolve("../shared/reference").normalize();
  /** A boy dog Make-A-Toon can make. */
  static final byte[] DOG = EmbeddedServers.DOG;
  /** A girl cat. */
  static final byte[] CAT = EmbeddedServers.CAT;
  static final long SECOND_AI_CHANNEL = 401_001;
  static final long SECOND_DISTRICT = 401_000_000L;

  @TempDir Path dir;

  /**
   * Where the journey runs.
   *
   * @param game the client agent (2003 clients)
   * @param accountServer the account server's base URL
   * @param md the message director a second AI joins
   * @param dc the DC files (the client's first)
   * @param dcPaths their paths, for the second AI's configuration
   * @param hash the DC hash clients send
   * @param district the district the journey starts in
   * @param districtName its name
   */
  record Target(InetSocketAddress game, URI accountServer, String md,
      org.openttserver.api.dc.DcFile dc, List<Path> dcPaths, long hash, long district,
      String districtName) {}

  private static Target target(Server server) {
    return new Target(gamePort(server),
        URI.create("http://127.0.0.1:" + accountServerPort(server)),
        "127.0.0.1:" + server.mdAddress().getPort(), server.dc().file(), server.dc().paths(),
        server.dc().clientHash(), server.ai().orElseThrow().districtId(), "Journey Valley");
  }

  /** The server of one run: our fixtures, or the reference files. */
  private Server start(String dcFile, String nameMaster, String dnaDir) {
    String yaml = "ai:\n  district_name: Journey Valley\n  channel: 401000\n"
        + "  do_ids: {min: 400000000, max: 400999999}\n"
        + EmbeddedServers.yaml(dir, dcFile, "", true,
            "  login:\n    http_bind: 127.0.0.1:0\n    accept_unknown_tokens: false\n"
            + "    hash_memory_kib: 1024\n    hash_iterations: 1\n"
            + "  avatars:\n    enabled: true\n"
            + "  names:\n    name_master: [" + nameMaster + "]\n"
            + "  districts:\n    enabled: true\n"
            + "  zones:\n    dna_dirs: [" + dnaDir + "]\n"
            + "  friends:\n    enabled: true\n");
    return EmbeddedServers.start(dir, yaml, "friends-plugin.jar");
  }

  @Test
  void journey_onOurOwnFixtures() throws Exception {
    // etc/ of the repository holds no DNA files: the zones plugin serves its demo world.
    try (Server server = start(EmbeddedServers.DEMO_DC,
        EmbeddedServers.REPO.resolve("config/names/NameMasterDemo.txt").toString(),
        EmbeddedServers.REPO.resolve("etc").toString())) {
      journey(target(server), "config/names/NameMasterDemo.txt", demoStreet());
    }
  }

  /**
   * The same journey on a real Astron cluster (patched astrond): our server joined to its
   * message director as the extension with its AI, the client agent Astron's. Run by hand:
   * {@code JOURNEY_ASTRON_CA=127.0.0.1:57150 JOURNEY_ASTRON_MD=127.0.0.1:57123
   * JOURNEY_ACCOUNT_SERVER=http://127.0.0.1:18080 mvn -B verify -pl integration-tests -am
   * -Dtest=JourneyTest -Dsurefire.failIfNoSpecifiedTests=false}, with the demo DC files
   * ({@code JOURNEY_DC} lists others, the client's first) and the demo world.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = "JOURNEY_ASTRON_CA",
      matches = ".+:\\d+")
  void journey_onAstron() throws Exception {
    String[] ca = System.getenv("JOURNEY_ASTRON_CA").split(":");
    List<Path> dcPaths = new ArrayList<>();
    for (String f : System.getenv().getOrDefault("JOURNEY_DC", EmbeddedServers.DEMO_DC
        + ",config/dc/openttserver.dc").split(",")) {
      dcPaths.add(EmbeddedServers.REPO.resolve(f.trim()));
    }
    List<org.openttserver.api.dc.DcSource> sources = new ArrayList<>();
    for (int i = 0; i < dcPaths.size(); i++) {
      sources.add(org.openttserver.api.dc.DcSource.read(dcPaths.get(i), i == 0
          ? org.openttserver.api.dc.DcDialect.DC_2003
          : org.openttserver.api.dc.DcDialect.EXTENDED));
    }
    var dc = org.openttserver.api.dc.DcParser.parse(sources);
    InetSocketAddress game = new InetSocketAddress(ca[0], Integer.parseInt(ca[1]));
    URI http = URI.create(System.getenv().getOrDefault("JOURNEY_ACCOUNT_SERVER",
        "http://127.0.0.1:8080"));
    // The district the joined server's AI runs: the first in the list.
    long district;
    String name;
    try (GameClient probe = GameClient.connect(game, dc, dc.hash2003(1))) {
      AccountServer accounts = new AccountServer(http);
      String account = "Scout" + System.nanoTime() % 1_000_000;
      accounts.create(account, "secret-0");
      probe.login(accounts.playToken(account, "secret-0"));
      var first = probe.shardList().values().iterator().next();
      district = first.id();
      name = first.name();
    }
    journey(new Target(game, http, System.getenv("JOURNEY_ASTRON_MD"), dc, dcPaths,
        dc.hash2003(1), district, name), "config/names/NameMasterDemo.txt", demoStreet());
  }

  @Test
  void journey_onTheReferenceFiles() throws Exception {
    assumeTrue(Files.isRegularFile(REFERENCE.resolve("toon.dc"))
        && Files.isRegularFile(REFERENCE.resolve("NameMasterEnglish.txt"))
        && Files.isRegularFile(REFERENCE.resolve("dna/toontown_central_2100.dna")),
        "../shared/reference has no toon.dc, NameMasterEnglish.txt and Silly Street");
    // The DNA loader wants the files as the client names them, flat in a directory: links in
    // the test's own directory, never copies in the repository.
    Path dna = dir.resolve("dna");
    Files.createDirectories(dna);
    for (String f : List.of("toontown_central_sz.dna", "toontown_central_2100.dna")) {
      Files.createSymbolicLink(dna.resolve(f), REFERENCE.resolve("dna").resolve(f));
    }
    try (Server server = start(REFERENCE.resolve("toon.dc").toString(),
        REFERENCE.resolve("NameMasterEnglish.txt").toString(), dna.toString())) {
      DnaWorld world = DnaWorld.load(List.of(dna), line -> { });
      journey(target(server), REFERENCE.resolve("NameMasterEnglish.txt").toString(),
          streetWalk(world, 2100));
    }
  }

  /** The tunnel's visgroup and two more, each visible from the one before. */
  private static int[] demoStreet() {
    return new int[] {2101, 2102, 2103};
  }

  /** Three visgroups of a street, each in the vis list of the one before. */
  private static int[] streetWalk(DnaWorld world, int branch) {
    int[] path = new int[3];
    path[0] = world.streets().get(branch).visGroups().get(0).zone();
    for (int i = 1; i < 3; i++) {
      int from = path[i - 1];
      path[i] = world.visibleZones(from).stream().filter(z -> z > from && z != branch)
          .findFirst().orElseThrow();
    }
    return path;
  }

  private void journey(Target t, String nameMaster, int[] street) throws Exception {
    AccountServer accounts = new AccountServer(t.accountServer());
    InetSocketAddress game = t.game();
    var dc = t.dc();
    long hash = t.hash();
    long district = t.district();
    // Accounts of their own on every run (a cluster keeps its database between runs).
    String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
    String alice = "Journeyer" + tag;
    String bob = "Companion" + tag;

    accounts.create(alice, "secret-1");
    try (GameClient a = GameClient.connect(game, dc, hash)) {
      // Login and the district list.
      a.login(accounts.playToken(alice, "secret-1"));
      assertThat(a.shardList()).containsKey(district);
      assertThat(a.shards().get(district).name()).isEqualTo(t.districtName());

      // The avatar chooser, Make-A-Toon and the name shop's pick-a-name.
      assertThat(a.avatarList().avatars()).isEmpty();
      long toon = a.createAvatar(DOG, 0);
      int first = firstBoyName(nameMaster);
      int u = 0xFFFF;
      assertThat(a.ask(new SetNamePattern(toon, List.of(new SetNamePattern.Part(u, 1),
          new SetNamePattern.Part(first, 1), new SetNamePattern.Part(u, 1),
          new SetNamePattern.Part(u, 0))), SetNamePatternAnswer.class).returnCode()).isZero();
      assertThat(a.avatarList().avatars()).extracting(AvatarListResp.Avatar::avatarId)
          .containsExactly(toon);

      // Into the game: details, the friend list, the district, the quiet zone.
      a.setAvatar(toon);
      ZoneChange quiet = a.enterDistrict(district);
      assertThat(a.objects().values()).extracting(GameClient.Held::className)
          .contains("TimeManager", "FriendManager", "TutorialManager", "EstateManager");
      assertThat(quiet.generated()).hasSize(a.objects().size());
      assertThat(a.timeSync(7)).as("serverTime from the TimeManager").isPresent();
      if (((Number) a.detail("setTutorialAck").get(0)).intValue() == 0) {
        // The base AI skips the tutorial: the toon is marked, the client plays after its wait.
        long tm = a.held("TutorialManager").orElseThrow().doId();
        a.sendUpdate(tm, "TutorialManager", "requestTutorial");
      }

      // The playground, then a street through its tunnel and across three visgroups.
      int hood = ((Number) a.detail("setDefaultZone").get(0)).intValue();
      assertThat(hood).isEqualTo(2000);
      a.quietZoneTo(hood);
      a.quietZoneTo(street[0]);
      ZoneChange second = a.walkTo(street[1]);
      ZoneChange third = a.walkTo(street[2]);
      assertThat(a.zone()).isEqualTo(street[2]);
      assertThat(second.generated()).doesNotContain(toon);
      assertThat(third.generated()).doesNotContain(toon);

      // A second player arrives in the same visgroup: both see each other.
      accounts.create(bob, "secret-2");
      try (GameClient b = GameClient.connect(game, dc, hash)) {
        b.login(accounts.playToken(bob, "secret-2"));
        b.shardList();
        b.avatarList();
        long other = b.createAvatar(CAT, 0);
        b.setAvatar(other);
        b.enterDistrict(district);
        b.quietZoneTo(street[2]);
        assertThat(b.objects()).containsKey(toon);
        a.playUntil("the second toon", c -> c.objects().containsKey(other));

        // A broadcast chat line reaches the other; a whisper (sendToId) reaches only its target.
        a.sendUpdate(toon, "DistributedToon", "setChat", "Hi there!", 0L);
        b.playUntil("A's chat", c -> c.updates().stream().anyMatch(x -> x.doId() == toon));
        b.sendUpdate(toon, "DistributedToon", "setWhisperFrom", other, "psst");
        a.playUntil("B's whisper", c -> c.updates().stream()
            .anyMatch(x -> x.doId() == toon && whisper(dc, x)));

        // They become friends by invitation, through the district's FriendManager.
        long fmA = a.held("FriendManager").orElseThrow().doId();
        long fmB = b.held("FriendManager").orElseThrow().doId();
        a.sendUpdate(fmA, "FriendManager", "friendQuery", other);
        List<Object> query = b.awaitUpdate(fmB, "FriendManager", "inviteeFriendQuery");
        assertThat(((Number) query.get(0)).longValue()).isEqualTo(toon);
        long context = ((Number) query.get(3)).longValue();
        b.sendUpdate(fmB, "FriendManager", "inviteeFriendConsidering", 1L, context);
        assertThat(a.awaitUpdate(fmA, "FriendManager", "friendConsidering"))
            .containsExactly(1L, context);
        b.sendUpdate(fmB, "FriendManager", "inviteeFriendResponse", 1L, context);
        assertThat(a.awaitUpdate(fmA, "FriendManager", "friendResponse"))
            .containsExactly(1L, context);
        // Each client sees its new list and asks for the names, as the client does.
        assertThat(a.friendList()).containsKey(other);
        a.playUntil("B online", c -> c.onlineFriends().contains(other));
        assertThat(b.friendList()).containsKey(toon);
        b.playUntil("A online", c -> c.onlineFriends().contains(toon));

        // A second district comes up; B switches to it and no longer sees A, nor A B.
        Path aiConfig = dir.resolve("second-ai.yml");
        Files.writeString(aiConfig, "general:\n  dc_files: [" + String.join(", ",
            t.dcPaths().stream().map(Path::toString).toList()) + "]\n");
        try (Server secondAi = Server.startAi(
            org.openttserver.runtime.config.ConfigLoader.load(aiConfig), EmbeddedServers.REPO,
            t.md(),
            new org.openttserver.ai.AiSettings("Second Valley", SECOND_AI_CHANNEL,
                SECOND_DISTRICT, SECOND_DISTRICT + 999_999,
                org.openttserver.ai.AiSettings.Tutorial.SKIP))) {
          b.playUntil("the second district", c -> c.shards().containsKey(SECOND_DISTRICT));
          b.enterDistrict(SECOND_DISTRICT);
          assertThat(b.objects()).doesNotContainKey(toon);
          b.quietZoneTo(hood);
          a.playUntil("B gone from A's view", c -> !c.objects().containsKey(other));
          // Still in the game, on another district: still online for A, and reachable by a
          // whisper (sendToId to a friend out of view).
          assertThat(a.onlineFriends()).contains(other);
          a.whisperTo(other, "where are you?");
          assertThat(b.awaitUpdate(other, "DistributedToon", "setWhisperFrom"))
              .containsExactly(toon, "where are you?");
          assertThat(secondAi.ai()).isPresent();
          b.exitToChooser();
          a.playUntil("B offline", c -> !c.onlineFriends().contains(other));
          // A stops being friends with B, who is offline: the client's own sequence
          // (friendsNotify by sendToId, REMOVE_FRIEND, EstateManager.removeFriend), no eject.
          a.removeFriend(other);
          assertThat(a.friendList()).isEmpty(); // 56 is handled before 10: in order
          assertThat(a.unexpected()).isEmpty();
        }
        b.disconnect();
      }

      // Back to the chooser, the toon deleted, logged out.
      assertThat(a.exitToChooser().avatars()).extracting(AvatarListResp.Avatar::avatarId)
          .containsExactly(toon);
      assertThat(a.deleteAvatar(toon).avatars()).isEmpty();
      a.disconnect();
    }
  }

  private static boolean whisper(org.openttserver.api.dc.DcFile dc,
      org.openttserver.api.protocol.ObjectUpdateField u) {
    return u.value(dc.dclass("DistributedToon")).field().name().equals("setWhisperFrom");
  }

  /** The first boy first name (category 3) of a NameMaster file. */
  private static int firstBoyName(String nameMaster) {
    Path file = nameMaster.startsWith("/") ? Path.of(nameMaster)
        : EmbeddedServers.REPO.resolve(nameMaster);
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        String[] f = line.split("\\*");
        if (f.length == 3 && !line.startsWith("#") && f[1].trim().equals("3")) {
          return Integer.parseInt(f[0].trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no boy first name in " + file);
  }

  private static int accountServerPort(Server server) {
    return EmbeddedServers.accountServerPort(server);
  }

  private static InetSocketAddress gamePort(Server server) {
    return EmbeddedServers.gamePort(server);
  }
}
