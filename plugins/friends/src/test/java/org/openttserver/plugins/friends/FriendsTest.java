package org.openttserver.plugins.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.FriendOffline;
import org.openttserver.api.protocol.FriendOnline;
import org.openttserver.api.protocol.GetFriendList;
import org.openttserver.api.protocol.GetFriendListResp;
import org.openttserver.api.protocol.RemoveFriend;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.api.service.FriendDirectory.PairResult;
import org.openttserver.api.session.ClientProtocolException;
import org.slf4j.LoggerFactory;

class FriendsTest {
  static final long EXTENSION = 5536;
  @TempDir Path dir;
  FakeCluster c;
  Friends friends;
  FriendLists lists;
  final Set<Long> unknownToDirectory = new HashSet<>();
  boolean directoryPresent = true;
  /** Avatar look-ups asked of the directory; held (not answered) while {@link #hold} is set. */
  final List<CompletableFuture<Optional<AvatarDirectory.AvatarInfo>>> lookUps =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  boolean hold;

  @BeforeEach
  void setUp() throws Exception {
    c = new FakeCluster();
    Friends[] self = new Friends[1];
    lists = new FriendLists(c.db, c.live, c.toon,
        new PairJournal(dir.resolve("j")), id -> self[0].inWorld(id), Runnable::run,
        Duration.ofSeconds(2), LoggerFactory.getLogger("test"));
    friends = new Friends(lists, () -> directoryPresent ? Optional.of(directory())
        : Optional.empty(), c.toon, Runnable::run, EXTENSION, LoggerFactory.getLogger("test"));
    self[0] = friends;
  }

  /** Names and DNA from the fake database, as the avatars plugin answers them. */
  private AvatarDirectory directory() {
    return new AvatarDirectory() {
      @Override
      public CompletionStage<Optional<AvatarInfo>> avatar(long id) {
        if (hold) {
          CompletableFuture<Optional<AvatarInfo>> f = new CompletableFuture<>();
          lookUps.add(f);
          return f;
        }
        lookUps.add(null);
        var o = c.stored.get(id);
        if (o == null || o.dclass() != c.toon || unknownToDirectory.contains(id)) {
          return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.completedFuture(Optional.of(new AvatarInfo(id, "acct", -1,
            o.fields().string("setName"), o.fields().bytes("setDNAString"), NameState.LOCKED,
            "")));
      }

      @Override
      public CompletionStage<List<AvatarInfo>> avatarsOf(long accountId) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletionStage<Void> updateName(long avatarId, NameChange change) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletionStage<Boolean> updateNameIf(long avatarId, NameState s, String w,
          NameChange change) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /**
   * Makes a pair through the service and waits until the change's turn is over everywhere (its
   * last step completes on the journal's thread), so what follows runs in a known order.
   */
  private void befriend(long a, long b, int flags) {
    assertThat(friends.addPair(a, b, flags).toCompletableFuture().join())
        .isEqualTo(PairResult.DONE);
    lists.inTurn(new long[] {a, b}, () -> CompletableFuture.completedFuture(null)).join();
  }

  /** Retries an assertion for up to 5 s (the journal's writer runs on its own thread). */
  static void eventually(Runnable assertion) {
    long end = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  private FakeSession enter(long toon) {
    FakeSession s = new FakeSession(toon * 10, "acct" + toon);
    c.activate(toon);
    friends.entered(s, toon);
    return s;
  }

  @Test
  void friendList_namesAndDnaOfOnlineAndOfflineFriends_thenOnlineOnes() {
    long off = c.toon();
    long on = c.toon();
    long me = c.toon();
    befriend(me, off, 0);
    befriend(me, on, 1);
    enter(on);
    FakeSession s = enter(me);
    s.sent.clear();
    friends.getFriendList(s, new GetFriendList()).toCompletableFuture().join();
    assertThat(s.sent).containsExactly(
        new GetFriendListResp(0, List.of(
            new GetFriendListResp.Friend(off, "Toon " + off, new byte[15]),
            new GetFriendListResp.Friend(on, "Toon " + on, new byte[15]))),
        new FriendOnline(on));
  }

  @Test
  void friendList_leavesOutAndPrunesAFriendThatNoLongerExists() {
    long gone = c.toon();
    long kept = c.toon();
    long me = c.toon(gone, kept);
    c.stored.get(kept); // kept lists nobody: the list is one-sided on purpose
    unknownToDirectory.add(gone);
    c.stored.remove(gone);
    FakeSession s = enter(me);
    friends.getFriendList(s, new GetFriendList()).toCompletableFuture().join();
    assertThat(s.sent).containsExactly(new GetFriendListResp(0, List.of(
        new GetFriendListResp.Friend(kept, "Toon " + kept, new byte[15]))));
    eventually(() -> assertThat(c.list(me)).extracting(FakeCluster.FriendDirectoryFriend::id)
        .containsExactly(kept));
  }

  @Test
  void friendList_withoutAToonInTheWorld_isError1_andWithoutAvatarsPluginHasNoDetails() {
    FakeSession s = new FakeSession(1, "nobody");
    friends.getFriendList(s, new GetFriendList());
    assertThat(s.sent).containsExactly(new GetFriendListResp(Friends.LIST_ERROR, List.of()));
    long other = c.toon();
    long me = c.toon();
    befriend(me, other, 0);
    directoryPresent = false;
    FakeSession t = enter(me);
    friends.getFriendList(t, new GetFriendList()).toCompletableFuture().join();
    assertThat(t.sent).containsExactly(new GetFriendListResp(0, List.of()));
    assertThat(c.list(me)).hasSize(1); // not pruned for want of a directory
  }

  @Test
  void enterAndLeave_toldToFriendsInTheWorldOnly() {
    long a = c.toon();
    long b = c.toon();
    long stranger = c.toon();
    befriend(a, b, 0);
    FakeSession sb = enter(b);
    FakeSession ss = enter(stranger);
    FakeSession sa = enter(a);
    assertThat(sb.sent).containsExactly(new FriendOnline(a));
    assertThat(sa.sent).isEmpty(); // its own list comes with GET_FRIEND_LIST
    friends.left(sa, a);
    assertThat(sb.sent).containsExactly(new FriendOnline(a), new FriendOffline(a));
    assertThat(ss.sent).isEmpty();
    assertThat(friends.inWorld(a)).isFalse();
    friends.left(sa, a); // a second leave tells nobody again
    assertThat(sb.sent).hasSize(2);
  }

  @Test
  void aDisconnectedFriend_isNotSentTo() {
    long a = c.toon();
    long b = c.toon();
    befriend(a, b, 0);
    FakeSession sb = enter(b);
    sb.connected = false;
    enter(a);
    assertThat(sb.sent).isEmpty();
  }

  @Test
  void leaveOfAnOldSession_afterTheToonEnteredAgain_isIgnored() {
    long a = c.toon();
    long b = c.toon();
    befriend(a, b, 0);
    FakeSession sb = enter(b);
    FakeSession first = enter(a);
    FakeSession second = enter(a);
    sb.sent.clear();
    friends.left(first, a);
    assertThat(friends.inWorld(a)).isTrue();
    assertThat(sb.sent).isEmpty();
    friends.left(second, a);
    assertThat(sb.sent).containsExactly(new FriendOffline(a));
  }

  @Test
  void enter_addsAPostRemoveThatEndsTheSessionIfTheClientAgentVanishes() {
    long a = c.toon();
    FakeSession s = enter(a);
    assertThat(s.postRemoves).hasSize(1);
    DatagramReader r = new DatagramReader(s.postRemoves.get(0).body(), 0,
        s.postRemoves.get(0).body().length);
    assertThat(r.readU8()).isEqualTo(1); // one recipient
    assertThat(r.readChannel()).isEqualTo(EXTENSION);
    assertThat(r.readChannel()).isEqualTo(EXTENSION);
    assertThat(r.readU16()).isEqualTo(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED);
    assertThat(r.readChannel()).isEqualTo(s.connectionChannel());
    friends.left(s, a);
    friends.entered(s, a); // SET_AVATAR again on the same connection: no second one
    assertThat(s.postRemoves).hasSize(1);
  }

  @Test
  void removeFriend_whileTheOtherIsInTheWorld_itGetsItsNewList_butNoFriendsNotifyOfOurs() {
    long a = c.toon();
    long b = c.toon();
    befriend(a, b, 0);
    FakeSession sb = enter(b);
    FakeSession sa = enter(a);
    sb.sent.clear();
    c.log.clear();
    friends.removeFriend(sa, new RemoveFriend(b)).toCompletableFuture().join();
    assertThat(c.log).contains("live-set " + a + " [setFriendsList]",
        "live-set " + b + " [setFriendsList]");
    assertThat(FriendLists.parse(c.liveFields.get(b))).isEmpty();
    assertThat(c.list(a)).isEmpty();
    assertThat(c.list(b)).isEmpty();
    // the remover's client sent friendsNotify itself (sendToId); the server adds none
    assertThat(sb.sent).isEmpty();
    // a later leave of a is not told to b: not friends any more
    friends.left(sa, a);
    assertThat(sb.sent).isEmpty();
  }

  @Test
  void friendsToons_areDeclaredToTheSession_whenTheListIsSent_addedAndOnline_undeclaredOnRemoval() {
    long a = c.toon();
    long b = c.toon();
    long d = c.toon();
    befriend(a, b, 0);
    FakeSession sa = enter(a);
    eventually(() -> assertThat(sa.declared).containsExactly(b)); // the list read as it entered
    sa.declared.clear();
    friends.getFriendList(sa, new GetFriendList()).toCompletableFuture().join();
    assertThat(sa.declared).containsExactly(b); // and again when it is sent
    befriend(a, d, 0);
    assertThat(sa.declared).containsExactlyInAnyOrder(b, d); // a pair added
    sa.declared.clear();
    FakeSession sd = enter(d);
    assertThat(sa.declared).containsExactly(d); // online: declared again
    eventually(() -> assertThat(sd.declared).containsExactly(a));
    friends.removeFriend(sa, new RemoveFriend(d)).toCompletableFuture().join();
    assertThat(sa.declared).doesNotContain(d);
    assertThat(sd.declared).doesNotContain(a);
    friends.getFriendList(sa, new GetFriendList()).toCompletableFuture().join();
    assertThat(sa.declared).containsExactly(b);
    friends.left(sa, a); // leaving the world undeclares every friend
    assertThat(sa.declared).isEmpty();
  }

  @Test
  void serverFailures_listIsAnsweredWithAnError_removalIsLogged_theSessionStays() {
    long a = c.toon();
    long b = c.toon();
    befriend(a, b, 0);
    FakeSession sa = enter(a);
    sa.sent.clear();
    c.failingReads.add(a); // neither the DB-state server nor the database answers for a
    c.failingReads.add(b);
    friends.getFriendList(sa, new GetFriendList()).toCompletableFuture().join();
    assertThat(sa.sent).containsExactly(new GetFriendListResp(Friends.LIST_ERROR, List.of()));
    friends.removeFriend(sa, new RemoveFriend(b)).toCompletableFuture().join();
    assertThat(sa.ejections).isEmpty();
    c.failingReads.clear();
    assertThat(c.list(a)).hasSize(1); // nothing was written: the read failed first
    c.failingWrites.add(b); // now the removal fails half-way, after its journal line
    friends.removeFriend(sa, new RemoveFriend(b)).toCompletableFuture().join();
    assertThat(sa.ejections).isEmpty();
    c.failingWrites.clear();
    // the pair's next change finishes it first
    assertThat(friends.removePair(a, b).toCompletableFuture().join())
        .isEqualTo(PairResult.NOT_FRIENDS);
    assertThat(c.list(a)).isEmpty();
    assertThat(c.list(b)).isEmpty();
  }

  @Test
  void removeFriend_whileTheOtherIsOffline_bothGoneFromTheDatabase() {
    long a = c.toon();
    long b = c.toon();
    befriend(a, b, 0);
    FakeSession sa = enter(a);
    friends.removeFriend(sa, new RemoveFriend(b)).toCompletableFuture().join();
    assertThat(c.list(a)).isEmpty();
    assertThat(c.list(b)).isEmpty();
    assertThat(c.log).anyMatch(l -> l.equals("set-if-equals " + b + " [setFriendsList] ok"));
  }

  @Test
  void removeFriend_badInput() {
    long a = c.toon();
    FakeSession nobody = new FakeSession(9, "nobody");
    assertThatThrownBy(() -> friends.removeFriend(nobody, new RemoveFriend(a)))
        .isInstanceOf(ClientProtocolException.class)
        .satisfies(e -> assertThat(((ClientProtocolException) e).code())
            .isEqualTo(BootCode.NOT_IN_GAME));
    FakeSession sa = enter(a);
    assertThatThrownBy(() -> friends.removeFriend(sa, new RemoveFriend(a)))
        .isInstanceOf(ClientProtocolException.class);
    // not a friend, unknown id: nothing changes, nothing is sent, no ejection
    friends.removeFriend(sa, new RemoveFriend(123)).toCompletableFuture().join();
    friends.removeFriend(sa, new RemoveFriend(0xFFFFFFFFL)).toCompletableFuture().join();
    assertThat(sa.sent).isEmpty();
    assertThat(sa.ejections).isEmpty();
  }

  @Test
  void service_flagsAndOnlineFriends() {
    long a = c.toon();
    long b = c.toon();
    long d = c.toon();
    befriend(a, b, FriendDirectory.SECRET);
    befriend(a, d, 0);
    assertThat(friends.flags(a, b).toCompletableFuture().join()).hasValue(1);
    assertThat(friends.flags(b, a).toCompletableFuture().join()).hasValue(1);
    assertThat(friends.flags(a, 4242).toCompletableFuture().join()).isEmpty();
    assertThat(friends.flags(4242, a).toCompletableFuture().join()).isEmpty();
    assertThat(friends.onlineFriends(a).toCompletableFuture().join()).isEmpty();
    enter(d);
    assertThat(friends.onlineFriends(a).toCompletableFuture().join()).containsExactly(d);
    assertThat(friends.friendsOf(a).toCompletableFuture().join()).containsExactly(
        new FriendDirectory.Friend(b, 1), new FriendDirectory.Friend(d, 0));
    assertThat(friends.removePair(d, a).toCompletableFuture().join())
        .isEqualTo(PairResult.DONE);
    assertThat(friends.onlineFriends(a).toCompletableFuture().join()).isEmpty();
  }

  @Test
  void lookUpsInFlight_areShared_butNothingIsKeptAfterwards() {
    long f1 = c.toon();
    long f2 = c.toon();
    long me = c.toon();
    long you = c.toon();
    befriend(me, f1, 0);
    befriend(you, f1, 0);
    befriend(you, f2, 0);
    FakeSession sm = enter(me);
    FakeSession sy = enter(you);
    sm.sent.clear();
    sy.sent.clear();
    hold = true;
    CompletableFuture<?> a = friends.getFriendList(sm, new GetFriendList()).toCompletableFuture();
    CompletableFuture<?> b = friends.getFriendList(sy, new GetFriendList()).toCompletableFuture();
    assertThat(lookUps).hasSize(2); // f1 once, f2 once
    lookUps.forEach(f -> f.complete(Optional.of(new AvatarDirectory.AvatarInfo(1, "x", -1,
        "Held", new byte[15], AvatarDirectory.NameState.LOCKED, ""))));
    a.join();
    b.join();
    assertThat(((GetFriendListResp) sm.sent.get(0)).friends()).hasSize(1);
    assertThat(((GetFriendListResp) sy.sent.get(0)).friends()).hasSize(2);
    hold = false;
    lookUps.clear();
    friends.getFriendList(sm, new GetFriendList()).toCompletableFuture().join();
    assertThat(lookUps).hasSize(1); // asked again: nothing cached
    assertThat(((GetFriendListResp) sm.sent.get(sm.sent.size() - 1)).friends().get(0).name())
        .isEqualTo("Toon " + f1);
  }

  @Test
  void aFriendWhoseListIsNotReadYet_isToldByTheLeaversList() {
    long a = c.toon();
    long b = c.toon();
    befriend(a, b, 0);
    FakeSession sb = enter(b);
    c.failingReads.add(a); // a's list cannot be read as it enters
    FakeSession sa = enter(a);
    c.failingReads.remove(a);
    assertThat(sb.sent).containsExactly(new FriendOnline(a));
    friends.left(sb, b);
    assertThat(sa.sent).containsExactly(new FriendOffline(b));
  }

  @Test
  void neitherListReadYetAtEnter_theOnlineIsSentOnceTheEnterersListIsRead() {
    long a = c.toon();
    long b = c.toon();
    befriend(a, b, 0);
    c.failingReads.add(b); // b's list is not read as it enters
    FakeSession sb = enter(b);
    c.failingReads.remove(b);
    FakeSession sa = enter(a); // a's list unknown at its tell(), read just after
    eventually(() -> assertThat(sb.sent).containsExactly(new FriendOnline(a)));
    assertThat(sb.declared).contains(a);
    assertThat(sa.sent).isEmpty();
  }
}
