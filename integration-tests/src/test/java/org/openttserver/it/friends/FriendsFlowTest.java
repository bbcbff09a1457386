package org.openttserver.it.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.friends.FriendsCluster.await;
import static org.openttserver.it.friends.FriendsCluster.awaitAll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.openttserver.it.friends.FriendsCluster.Player;

/**
 * Two and three scripted clients over loopback against the embedded server with the built-in
 * plugins: the friend list with names and DNA, FRIEND_ONLINE / FRIEND_OFFLINE on every way of
 * entering and leaving, and REMOVE_FRIEND with the other side in the world or not.
 */
class FriendsFlowTest {
  @TempDir Path dir;
  FriendsCluster cluster;
  final List<Player> players = new ArrayList<>();

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
  void removeFriend_whileTheOtherIsInTheWorld_itGetsItsNewListAndFriendsNotify() {
    Player a = player("Remy");
    Player b = player("Rita");
    befriend(a, b, 0);
    b.enter();
    a.enter();
    await(b.client(), FriendOnline.class, m -> true);

    a.client().send(new RemoveFriend(b.toon()));
    List<ClientBound> before = new ArrayList<>();
    ObjectUpdateField notify = awaitAll(b.client(), ObjectUpdateField.class,
        u -> u.doId() == b.toon() && isField(u, cluster, "friendsNotify"), before);
    List<Object> args = notify.value(cluster.toonClass()).values();
    assertThat(((Number) args.get(0)).longValue()).isEqualTo(a.toon());
    assertThat(((Number) args.get(1)).intValue()).isEqualTo(1);
    // its new (empty) list came first, as a field update of its own toon
    assertThat(before).filteredOn(ObjectUpdateField.class::isInstance)
        .map(m -> ((ObjectUpdateField) m).value(cluster.toonClass()))
        .filteredOn(v -> v.field().name().equals("setFriendsList"))
        .extracting(DcFieldValue::values).containsExactly(List.of(List.of()));
    // the remover's own list changed too
    await(a.client(), ObjectUpdateField.class,
        u -> u.doId() == a.toon() && isField(u, cluster, "setFriendsList"));
    assertThat(cluster.storedList(a.toon())).isEmpty();
    assertThat(cluster.storedList(b.toon())).isEmpty();
    // no longer friends: a leaving is not told to b
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
}
