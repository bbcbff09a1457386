package org.openttserver.it.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.friends.FriendsCluster.await;
import static org.openttserver.it.friends.FriendsCluster.awaitAll;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.ai.AiSettings;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.Disconnect;
import org.openttserver.api.protocol.FriendOffline;
import org.openttserver.api.protocol.FriendOnline;
import org.openttserver.api.protocol.GetFriendList;
import org.openttserver.api.protocol.GetFriendListResp;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.api.protocol.RemoveFriend;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.api.service.FriendDirectory.PairResult;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.it.friends.FriendsCluster.Player;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.testclient.game.GameClient;

/**
 * Two and three scripted clients over loopback against the embedded server with the built-in
 * plugins: the friend list with names and DNA, FRIEND_ONLINE / FRIEND_OFFLINE on every way of
 * entering and leaving, and REMOVE_FRIEND with the other side in the world or not.
 *
 * <p>The tests of a real client's "stop being friends" and of whispers to friends out of view
 * ({@link GameClient}, sendToId) run in a world with two districts: the embedded server with its
 * AI, and a second AI joined to its message director.
 */
class FriendsFlowTest {
  static final long SECOND_AI_CHANNEL = 401_001;
  static final long SECOND_DISTRICT = 401_000_000L;
  static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir Path dir;
  @TempDir static Path worldDir;
  static Server world;
  static Server secondAi;
  FriendsCluster cluster;
  final List<Player> players = new ArrayList<>();

  @BeforeAll
  static void startWorld() throws Exception {
    String yaml = "ai:\n  district_name: Friendly Acres\n  channel: 401000\n"
        + "  do_ids: {min: 400000000, max: 400999999}\n"
        + EmbeddedServers.yaml(worldDir, EmbeddedServers.DEMO_DC,
            EmbeddedServers.UNLIMITED_CLIENTS, true,
            EmbeddedServers.TEST_LOGIN
            + "  avatars:\n    enabled: true\n  names:\n    enabled: false\n"
            + "  districts:\n    enabled: true\n  zones:\n    enabled: true\n"
            + "  friends:\n    enabled: true\n");
    world = EmbeddedServers.start(worldDir, yaml, "friends-plugin.jar");
    Path aiConfig = worldDir.resolve("second-ai.yml");
    Files.writeString(aiConfig, "general:\n  dc_files: [" + String.join(", ",
        world.dc().paths().stream().map(Path::toString).toList()) + "]\n");
    secondAi = Server.startAi(ConfigLoader.load(aiConfig), EmbeddedServers.REPO,
        "127.0.0.1:" + world.mdAddress().getPort(), new AiSettings("Second Acres",
            SECOND_AI_CHANNEL, SECOND_DISTRICT, SECOND_DISTRICT + 999_999,
            AiSettings.Tutorial.SKIP));
  }

  @AfterAll
  static void stopWorld() {
    if (secondAi != null) {
      secondAi.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @BeforeEach
  void start() {
    cluster = FriendsCluster.start(dir);
  }

  @AfterEach
  void stop() {
    players.forEach(Player::close);
    cluster.close();
  }

  private Player player(String name) {
    Player p = cluster.player(name);
    players.add(p);
    return p;
  }

  private void befriend(Player a, Player b, int flags) {
    assertThat(await(cluster.friends().addPair(a.toon(), b.toon(), flags)))
        .isEqualTo(PairResult.DONE);
  }

  private static boolean isField(ObjectUpdateField u, FriendsCluster c, String name) {
    return u.value(c.toonClass()).field().name().equals(name);
  }

  @Test
  void friendList_namesAndDnaOfOnlineAndOfflineFriends_thenOnlineForThoseInTheWorld() {
    Player a = player("Alice");
    Player b = player("Bobby");
    Player c = player("Carol");
    befriend(a, b, 0);
    befriend(c, a, FriendDirectory.SECRET);
    b.enter();
    a.enter();
    assertThat(await(b.client(), FriendOnline.class, m -> true).avatarId()).isEqualTo(a.toon());

    a.client().send(new GetFriendList());
    GetFriendListResp list = await(a.client(), GetFriendListResp.class, m -> true);
    AvatarDirectory dir = cluster.server.plugins().service(AvatarDirectory.class).orElseThrow();
    AvatarDirectory.AvatarInfo bi = await(dir.avatar(b.toon())).orElseThrow();
    AvatarDirectory.AvatarInfo ci = await(dir.avatar(c.toon())).orElseThrow();
    assertThat(list.error()).isZero();
    assertThat(list.friends()).containsExactly(
        new GetFriendListResp.Friend(b.toon(), bi.name(), bi.dna()),
        new GetFriendListResp.Friend(c.toon(), ci.name(), ci.dna()));
    assertThat(bi.dna()).isEqualTo(FriendsCluster.DOG);
    // then 53 for Bob only (Carol is offline)
    assertThat(a.client().expect(FriendOnline.class, FriendsCluster.SLOW).avatarId())
        .isEqualTo(b.toon());
    a.client().expectNone(Duration.ofMillis(300));
    c.client().expectNone(Duration.ofMillis(100));
  }

  @Test
  void online_onSetAvatar_offline_onSetAvatarZero_onDisconnect_andOnADroppedConnection() {
    Player a = player("Annie");
    Player b = player("Benny");
    Player c = player("Cidney");
    befriend(a, b, 0);
    befriend(a, c, 0);
    b.enter();
    c.enter();
    a.enter();
    assertThat(await(b.client(), FriendOnline.class, m -> true).avatarId()).isEqualTo(a.toon());
    assertThat(await(c.client(), FriendOnline.class, m -> true).avatarId()).isEqualTo(a.toon());

    a.client().send(new SetAvatar(0));
    assertThat(await(b.client(), FriendOffline.class, m -> true).avatarId()).isEqualTo(a.toon());
    assertThat(await(c.client(), FriendOffline.class, m -> true).avatarId()).isEqualTo(a.toon());

    a.enter();
    assertThat(await(b.client(), FriendOnline.class, m -> true).avatarId()).isEqualTo(a.toon());
    assertThat(await(c.client(), FriendOnline.class, m -> true).avatarId()).isEqualTo(a.toon());

    a.client().send(new Disconnect());
    assertThat(await(b.client(), FriendOffline.class, m -> true).avatarId()).isEqualTo(a.toon());
    assertThat(await(c.client(), FriendOffline.class, m -> true).avatarId()).isEqualTo(a.toon());

    // B and C are friends of A only: B leaving by a dropped connection tells nobody but A
    Player a2 = cluster.player("Annie2"); // a fresh login of a toon friends with B
    players.add(a2);
    befriend(a2, b, 0);
    a2.enter();
    assertThat(await(b.client(), FriendOnline.class, m -> true).avatarId())
        .isEqualTo(a2.toon());
    b.client().close(); // no DISCONNECT: the TCP connection just goes
    assertThat(await(a2.client(), FriendOffline.class, m -> true).avatarId())
        .isEqualTo(b.toon());
    c.client().expectNone(Duration.ofMillis(300));
  }

  @Test
  void removeFriend_whileTheOtherIsInTheWorld_itGetsItsNewList_andNoFriendsNotifyFromTheServer() {
    Player a = player("Remy");
    Player b = player("Rita");
    befriend(a, b, 0);
    b.enter();
    a.enter();
    await(b.client(), FriendOnline.class, m -> true);

    // 56 alone: the friendsNotify is the remover's client's own (sendToId), never the server's
    a.client().send(new RemoveFriend(b.toon()));
    List<ClientBound> before = new ArrayList<>();
    ObjectUpdateField list = awaitAll(b.client(), ObjectUpdateField.class,
        u -> u.doId() == b.toon() && isField(u, cluster, "setFriendsList"), before);
    assertThat(list.value(cluster.toonClass()).values()).containsExactly(List.of());
    // the remover's own list changed too
    await(a.client(), ObjectUpdateField.class,
        u -> u.doId() == a.toon() && isField(u, cluster, "setFriendsList"));
    assertThat(cluster.storedList(a.toon())).isEmpty();
    assertThat(cluster.storedList(b.toon())).isEmpty();
    assertThat(before).noneMatch(m -> m instanceof ObjectUpdateField u
        && isField(u, cluster, "friendsNotify"));
    // no longer friends: a leaving is not told to b; and no friendsNotify comes after the list
    a.client().send(new SetAvatar(0));
    b.client().expectNone(Duration.ofMillis(400));
  }

  @Test
  void removeFriend_whileTheOtherIsOffline_theDatabaseHasNeitherSide() {
    Player a = player("Olga");
    Player b = player("Otto");
    Player c = player("Omar");
    befriend(a, b, 0);
    befriend(a, c, 0);
    a.enter();
    a.client().send(new RemoveFriend(b.toon()));
    ObjectUpdateField own = await(a.client(), ObjectUpdateField.class,
        u -> u.doId() == a.toon() && isField(u, cluster, "setFriendsList"));
    assertThat(((List<?>) own.value(cluster.toonClass()).values().get(0))).hasSize(1);
    long deadline = System.nanoTime() + FriendsCluster.SLOW.toNanos();
    while (!cluster.storedList(b.toon()).isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(cluster.storedList(b.toon())).isEmpty();
    assertThat(cluster.storedList(a.toon())).containsExactly(c.toon());
    assertThat(cluster.storedList(c.toon())).containsExactly(a.toon());
    b.client().expectNone(Duration.ofMillis(200));
  }

  @Test
  void badInput_removeWithoutAToonIsEjected_listWithoutAToonIsError() {
    Player a = player("Nobody");
    a.client().send(new GetFriendList());
    assertThat(a.client().expect(GetFriendListResp.class, FriendsCluster.SLOW).error())
        .isNotZero();
    a.client().send(new RemoveFriend(a.toon()));
    assertThat(a.client().expectGoGetLost(354)).contains("REMOVE_FRIEND");
  }

  @Test
  void aClientAgentThatVanishes_stillEndsTheSession_andFriendsAreToldOffline() {
    Player a = player("Vanya");
    Player b = player("Viktor");
    befriend(a, b, 0);
    b.enter();
    a.enter();
    await(b.client(), FriendOnline.class, m -> true);
    // What the message director routes when the client agent's link drops: the post-remove the
    // plugin added for A's connection, a 1302 to the extension (sent here by a participant of
    // the test, since the embedded client agent cannot vanish on its own).
    long conn = cluster.server.extension().sessions().all().stream()
        .filter(s -> s.accountName().equals("Vanya")).findFirst().orElseThrow()
        .connectionChannel();
    try (var md = cluster.server.newParticipant("vanished-ca")) {
      md.send(org.openttserver.api.cluster.Datagram.of(org.openttserver.api.cluster.Datagram
          .header(5536, 5536, org.openttserver.api.msg.AstronMsg
              .CLIENTAGENT_EXTENSION_DISCONNECTED)
          .channel(conn).channel(0).u16(0).string("the client agent went away")));
      assertThat(await(b.client(), FriendOffline.class, m -> true).avatarId())
          .isEqualTo(a.toon());
    }
    assertThat(cluster.server.extension().sessions().all())
        .noneMatch(s -> s.accountName().equals("Vanya"));
  }

  // ---------------------------------------------------------- real clients, two districts

  /** A new account's toon in the playground of a district. */
  static GameClient inWorld(long district) {
    InetSocketAddress game = world.roles().stream().filter(ClientAgent.class::isInstance)
        .map(r -> ((ClientAgent) r).localAddress()).findFirst().orElseThrow();
    GameClient c = GameClient.connect(game, world.dc().file(), world.dc().clientHash());
    c.login("Chum" + NAMES.incrementAndGet());
    long end = System.nanoTime() + FriendsCluster.SLOW.toNanos();
    while (!c.shardList().containsKey(district)) { // the second AI announces itself once up
      assertThat(System.nanoTime()).as("district " + district + " listed").isLessThan(end);
      c.play(Duration.ofMillis(100));
    }
    c.setAvatar(c.createAvatar(FriendsCluster.DOG, 0));
    c.enterDistrict(district);
    c.quietZoneTo(2000);
    return c;
  }

  static long firstDistrict() {
    return world.ai().orElseThrow().districtId();
  }

  static FriendDirectory worldFriends() {
    return world.plugins().service(FriendDirectory.class).orElseThrow();
  }

  /** Makes a pair (as an accepted invitation does) and lets both clients fetch their lists. */
  static void befriend(GameClient a, GameClient b) {
    assertThat(await(worldFriends().addPair(a.avatarId(), b.avatarId(), 0)))
        .isEqualTo(PairResult.DONE);
    assertThat(a.friendList()).containsKey(b.avatarId());
    assertThat(b.friendList()).containsKey(a.avatarId());
  }

  static long n(Object o) {
    return ((Number) o).longValue();
  }

  /** The friendsNotify updates a client got on its own toon, as (avatarId, status). */
  static List<List<Long>> notifies(GameClient c) {
    DcClass toon = world.dc().file().dclass("DistributedToon");
    return c.updates().stream().filter(u -> u.doId() == c.avatarId())
        .map(u -> u.value(toon)).filter(v -> v.field().name().equals("friendsNotify"))
        .map(v -> List.of(n(v.values().get(0)), n(v.values().get(1)))).toList();
  }

  @Test
  void aRealClientRemovingAFriendOnAnotherDistrict_theFriendGetsItsFriendsNotify_noEjection() {
    try (GameClient a = inWorld(firstDistrict()); GameClient b = inWorld(SECOND_DISTRICT)) {
      befriend(a, b);
      assertThat(a.objects()).doesNotContainKey(b.avatarId()); // not in view
      a.removeFriend(b.avatarId());
      assertThat(b.awaitUpdate(b.avatarId(), "DistributedToon", "friendsNotify"))
          .containsExactly(a.avatarId(), 1L);
      assertThat(b.awaitUpdate(b.avatarId(), "DistributedToon", "setFriendsList"))
          .containsExactly(List.of());
      // the remover is still in the game: its list is answered, now empty
      a.awaitUpdate(a.avatarId(), "DistributedToon", "setFriendsList");
      assertThat(a.friendList()).isEmpty();
      assertThat(await(worldFriends().friendsOf(b.avatarId()))).isEmpty();
      b.play(Duration.ofMillis(300));
      assertThat(notifies(b)).containsExactly(List.of(a.avatarId(), 1L));
    }
  }

  @Test
  void aRealClientRemovingAFriendInView_theFriendGetsExactlyOneFriendsNotify() {
    try (GameClient a = inWorld(firstDistrict()); GameClient b = inWorld(firstDistrict())) {
      a.playUntil("B in view", c -> c.objects().containsKey(b.avatarId()));
      befriend(a, b);
      a.removeFriend(b.avatarId());
      b.awaitUpdate(b.avatarId(), "DistributedToon", "setFriendsList");
      a.awaitUpdate(a.avatarId(), "DistributedToon", "setFriendsList");
      assertThat(a.friendList()).isEmpty();
      b.play(Duration.ofMillis(500));
      assertThat(notifies(b)).containsExactly(List.of(a.avatarId(), 1L));
    }
  }

  @Test
  void aRealClientRemovingAnOfflineFriend_theNotifyIsDropped_noEjection_bothListsEmpty() {
    try (GameClient a = inWorld(firstDistrict()); GameClient b = inWorld(SECOND_DISTRICT)) {
      befriend(a, b);
      long bToon = b.avatarId();
      b.exitToChooser();
      a.playUntil("B offline", c -> !c.onlineFriends().contains(bToon));
      a.removeFriend(bToon);
      a.awaitUpdate(a.avatarId(), "DistributedToon", "setFriendsList");
      assertThat(a.friendList()).isEmpty();
      assertThat(await(worldFriends().friendsOf(bToon))).isEmpty();
      assertThat(await(worldFriends().friendsOf(a.avatarId()))).isEmpty();
      a.play(Duration.ofMillis(300));
      assertThat(a.unexpected()).isEmpty();
    }
  }

  @Test
  void aWhisperToAFriendNotInView_reachesTheFriend_andTheSenderStays() {
    try (GameClient a = inWorld(firstDistrict()); GameClient b = inWorld(SECOND_DISTRICT)) {
      befriend(a, b);
      assertThat(a.objects()).doesNotContainKey(b.avatarId());
      a.whisperTo(b.avatarId(), "over here");
      assertThat(b.awaitUpdate(b.avatarId(), "DistributedToon", "setWhisperFrom"))
          .containsExactly(a.avatarId(), "over here");
      b.whisperTo(a.avatarId(), "hello back");
      assertThat(a.awaitUpdate(a.avatarId(), "DistributedToon", "setWhisperFrom"))
          .containsExactly(b.avatarId(), "hello back");
      assertThat(a.friendList()).containsKey(b.avatarId()); // both still in the game
      assertThat(b.friendList()).containsKey(a.avatarId());
    }
  }
}
