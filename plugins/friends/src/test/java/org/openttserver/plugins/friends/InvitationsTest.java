package org.openttserver.plugins.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.plugins.friends.Invitations.Target.AVATAR;
import static org.openttserver.plugins.friends.Invitations.Target.FRIEND_MANAGER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.plugins.friends.Invitations.Outcome;
import org.openttserver.plugins.friends.Invitations.Send;

class InvitationsTest {
  static final long ANN = 1001;
  static final long BEN = 1002;
  static final long CAT = 1003;
  static final long DAN = 1004;
  static final long GHOST = 4040; // no toon
  static final long PAID = 1;
  static final long SPEEDCHAT_ONLY = 2;
  static final byte[] DNA = {'t', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

  final InMemoryFriends friends = new InMemoryFriends();
  final Set<Long> inWorld = new HashSet<>(Set.of(ANN, BEN, CAT, DAN));
  final List<Send> sent = new CopyOnWriteArrayList<>();
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  /** Answers of the friend directory that are held back until the test completes them. */
  final List<CompletableFuture<?>> held = new ArrayList<>();
  boolean holdFlags;
  Invitations inv;

  @BeforeEach
  void setUp() {
    inv = new Invitations(friends, new Invitations.Facts() {
      @Override
      public boolean inWorld(long avatarId) {
        return inWorld.contains(avatarId);
      }

      @Override
      public CompletionStage<Optional<AvatarInfo>> avatar(long id) {
        return CompletableFuture.completedFuture(id == GHOST ? Optional.empty()
            : Optional.of(new AvatarInfo(id, "acct", -1, "Toon" + id, DNA, NameState.LOCKED,
                "")));
      }

      @Override
      public CompletionStage<Boolean> secretsAllowed(long accountId) {
        return CompletableFuture.completedFuture(accountId == PAID);
      }
    }, new Invitations.Settings(Duration.ofHours(24), 3, Duration.ofMinutes(1)), now::get,
        new Random(7), sent::add);
  }

  private static Send fm(long to, String field, Object... args) {
    return new Send(to, FRIEND_MANAGER, field, List.of(args));
  }

  /** Ann asks Ben; returns the context Ben got. */
  private int ask(long inviter, long invitee) {
    assertThat(inv.friendQuery(inviter, invitee).join()).isEqualTo(Outcome.OK);
    Send q = sent.get(sent.size() - 1);
    assertThat(q.avatarId()).isEqualTo(invitee);
    assertThat(q.field()).isEqualTo("inviteeFriendQuery");
    assertThat(q.args().subList(0, 2)).containsExactly(inviter, "Toon" + inviter);
    assertThat((byte[]) q.args().get(2)).isEqualTo(DNA);
    sent.clear();
    return (Integer) q.args().get(3);
  }

  @Test
  void yes_makesFriendsOnBothSides() {
    int ctx = ask(ANN, BEN);
    assertThat(inv.inviteeFriendConsidering(BEN, 1, ctx).join()).isEqualTo(Outcome.OK);
    assertThat(sent).containsExactly(fm(ANN, "friendConsidering", 1, ctx));
    assertThat(inv.inviteeFriendResponse(BEN, 1, ctx).join()).isEqualTo(Outcome.OK);
    assertThat(sent).endsWith(fm(ANN, "friendResponse", 1, ctx));
    assertThat(friends.pairs).containsEntry(List.of(ANN, BEN), 0).containsEntry(List.of(BEN, ANN),
        0);
    assertThat(inv.openQueries()).isZero();
    // the context is over: a second yes is stale, nothing more happens
    sent.clear();
    assertThat(inv.inviteeFriendResponse(BEN, 1, ctx).join()).isEqualTo(Outcome.STALE);
    assertThat(sent).isEmpty();
  }

  @Test
  void immediateRefusals_yourself_alreadyFriends_tooMany_offline_unknown() {
    inv.friendQuery(ANN, ANN).join();
    assertThat(sent.get(0).args().get(0)).isEqualTo(Invitations.YOURSELF);
    friends.addPair(ANN, BEN, 0);
    inv.friendQuery(ANN, BEN).join();
    assertThat(sent.get(1).args().get(0)).isEqualTo(Invitations.ALREADY_FRIENDS);
    for (long i = 0; i < 50; i++) {
      friends.addPair(CAT, 9000 + i, 0);
    }
    inv.friendQuery(ANN, CAT).join();
    assertThat(sent.get(2).args().get(0)).isEqualTo(Invitations.TOO_MANY);
    inWorld.remove(DAN);
    inv.friendQuery(ANN, DAN).join();
    assertThat(sent.get(3).args().get(0)).isEqualTo(Invitations.UNABLE);
    inv.friendQuery(ANN, GHOST).join();
    assertThat(sent.get(4).args().get(0)).isEqualTo(Invitations.UNABLE);
    assertThat(sent).allMatch(s -> s.avatarId() == ANN && s.field().equals("friendConsidering"));
    assertThat(inv.openQueries()).isZero();
    assertThat(friends.pairs).doesNotContainKey(List.of(ANN, CAT));
  }

  @Test
  void theInvitersOwnFullList_isUnable() {
    for (long i = 0; i < 50; i++) {
      friends.addPair(ANN, 9000 + i, 0);
    }
    inv.friendQuery(ANN, BEN).join();
    assertThat(sent).containsExactly(fm(ANN, "friendConsidering", Invitations.UNABLE,
        sent.get(0).args().get(1)));
  }

  @Test
  void inviteeAutoAnswers_busy_ignored_notAccepting() {
    int c1 = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 0, c1).join();
    assertThat(sent).containsExactly(fm(ANN, "friendConsidering", Invitations.BUSY, c1));
    int c2 = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 4, c2).join();
    assertThat(sent).containsExactly(fm(ANN, "friendConsidering", Invitations.IGNORED, c2));
    int c3 = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 6, c3).join();
    assertThat(sent).containsExactly(fm(ANN, "friendConsidering", Invitations.NOT_ACCEPTING,
        c3));
    assertThat(inv.openQueries()).isZero();
  }

  @Test
  void anInviteeAlreadyAsked_isBusyForOthers() {
    ask(ANN, BEN);
    inv.friendQuery(CAT, BEN).join();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).avatarId()).isEqualTo(CAT);
    assertThat(sent.get(0).args().get(0)).isEqualTo(Invitations.BUSY);
  }

  @Test
  void no_thenAskingAgainSoon_isSaidNo_untilTheCooldownEnds() {
    int ctx = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 1, ctx).join();
    inv.inviteeFriendResponse(BEN, 0, ctx).join();
    assertThat(sent).endsWith(fm(ANN, "friendResponse", 0, ctx));
    sent.clear();
    inv.friendQuery(ANN, BEN).join();
    assertThat(sent.get(0).args().get(0)).isEqualTo(Invitations.SAID_NO);
    now.addAndGet(61_000);
    ask(ANN, BEN); // asked again after the cooldown
    assertThat(friends.pairs).isEmpty();
  }

  @Test
  void inviteeResponses_noAnswer_listFull_andAFullInviteeAtYes() {
    int c1 = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 1, c1).join();
    inv.inviteeFriendResponse(BEN, 2, c1).join();
    assertThat(sent).endsWith(fm(ANN, "friendResponse", 2, c1));
    int c2 = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 1, c2).join();
    inv.inviteeFriendResponse(BEN, 3, c2).join();
    assertThat(sent).endsWith(fm(ANN, "friendResponse", 3, c2));
    // Ben's list fills up while he considers: his yes is answered "too many", no pair
    int c3 = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 1, c3).join();
    for (long i = 0; i < 50; i++) {
      friends.addPair(BEN, 9000 + i, 0);
    }
    inv.inviteeFriendResponse(BEN, 1, c3).join();
    assertThat(sent).endsWith(fm(ANN, "friendResponse", 3, c3));
    assertThat(friends.pairs).doesNotContainKey(List.of(ANN, BEN));
  }

  @Test
  void forgedAndStaleContexts() {
    int ctx = ask(ANN, BEN);
    // someone else answering Ben's query, an unknown context, Ben answering "yes" to a
    // dialog he never opened, an unknown code
    assertThat(inv.inviteeFriendConsidering(CAT, 1, ctx).join()).isEqualTo(Outcome.FORGED);
    assertThat(inv.inviteeFriendConsidering(BEN, 1, ctx + 999).join()).isEqualTo(Outcome.STALE);
    assertThat(inv.inviteeFriendResponse(BEN, 1, ctx).join()).isEqualTo(Outcome.FORGED);
    assertThat(inv.cancelFriendQuery(CAT, ctx).join()).isEqualTo(Outcome.FORGED);
    assertThat(inv.inviteeAcknowledgeCancel(BEN, ctx).join()).isEqualTo(Outcome.FORGED);
    assertThat(sent).isEmpty();
    assertThat(friends.pairs).isEmpty();
    assertThat(inv.inviteeFriendConsidering(BEN, 77, ctx).join()).isEqualTo(Outcome.FORGED);
    assertThat(sent).containsExactly(fm(ANN, "friendConsidering", Invitations.UNABLE, ctx));
    int c2 = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 1, c2).join();
    assertThat(inv.inviteeFriendResponse(BEN, 9, c2).join()).isEqualTo(Outcome.FORGED);
    assertThat(sent).endsWith(fm(ANN, "friendResponse", Invitations.UNABLE, c2));
    assertThat(friends.pairs).isEmpty();
  }

  @Test
  void inviteeAnsweringAQueryItNeverGot_isForged() {
    int ctx = ask(ANN, BEN);
    assertThat(inv.inviteeFriendResponse(CAT, 1, ctx).join()).isEqualTo(Outcome.FORGED);
    assertThat(inv.inviteeFriendResponse(CAT, 1, 12345).join()).isEqualTo(Outcome.STALE);
    assertThat(friends.pairs).isEmpty();
  }

  @Test
  void cancelByTheInviter_invitesTheInviteeToAcknowledge_andALateYesMakesNoFriends() {
    int ctx = ask(ANN, BEN);
    inv.inviteeFriendConsidering(BEN, 1, ctx).join();
    sent.clear();
    assertThat(inv.cancelFriendQuery(ANN, ctx).join()).isEqualTo(Outcome.OK);
    assertThat(sent).containsExactly(fm(BEN, "inviteeCancelFriendQuery", ctx));
    assertThat(inv.inviteeFriendResponse(BEN, 1, ctx).join()).isEqualTo(Outcome.STALE);
    assertThat(inv.cancelFriendQuery(ANN, ctx).join()).isEqualTo(Outcome.STALE);
    assertThat(inv.inviteeAcknowledgeCancel(BEN, ctx).join()).isEqualTo(Outcome.OK);
    assertThat(inv.inviteeAcknowledgeCancel(BEN, ctx).join()).isEqualTo(Outcome.STALE);
    assertThat(friends.pairs).isEmpty();
    assertThat(inv.openQueries()).isZero();
    ask(CAT, BEN); // Ben is free again
  }

  @Test
  void cancelWhileTheLookUpsRun_neverReachesTheInvitee() {
    holdFlags = true;
    CompletableFuture<Outcome> q = inv.friendQuery(ANN, BEN);
    assertThat(inv.openQueries()).isEqualTo(1);
    inv.left(ANN); // the inviter leaves before Ben was asked
    held.forEach(f -> complete(f));
    assertThat(q.join()).isEqualTo(Outcome.OK);
    assertThat(sent).isEmpty();
    assertThat(inv.openQueries()).isZero();
  }

  @Test
  void theInviteeLeaving_tellsTheInviter_andTheInviterLeaving_cancelsTheInvitee() {
    int c1 = ask(ANN, BEN);
    inv.left(BEN);
    assertThat(sent).containsExactly(fm(ANN, "friendConsidering", Invitations.UNABLE, c1));
    sent.clear();
    int c2 = ask(ANN, CAT);
    inv.inviteeFriendConsidering(CAT, 1, c2).join();
    inv.left(CAT);
    assertThat(sent).endsWith(fm(ANN, "friendResponse", Invitations.UNABLE, c2));
    sent.clear();
    int c3 = ask(DAN, ANN);
    inv.left(DAN);
    assertThat(sent).containsExactly(fm(ANN, "inviteeCancelFriendQuery", c3));
  }

  @Test
  void aNewQueryReplacesTheInvitersOpenOne() {
    int c1 = ask(ANN, BEN);
    inv.friendQuery(ANN, CAT).join();
    assertThat(sent.get(0)).isEqualTo(fm(BEN, "inviteeCancelFriendQuery", c1));
    assertThat(sent.get(1).avatarId()).isEqualTo(CAT);
  }

  // ----------------------------------------------------------------------------- secrets

  private String secret(long avatarId) {
    sent.clear();
    assertThat(inv.requestSecret(avatarId, PAID).join()).isEqualTo(Outcome.OK);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).args().get(0)).isEqualTo(Invitations.SECRET_OK);
    String s = (String) sent.get(0).args().get(1);
    assertThat(s).matches("[a-z]{3} [a-z]{3}");
    sent.clear();
    return s;
  }

  @Test
  void submitSecret_makesSecretFriendsOnBothSides_once() {
    String s = secret(ANN);
    assertThat(inv.submitSecret(BEN, PAID, "  " + s.toUpperCase() + " ").join())
        .isEqualTo(Outcome.OK);
    assertThat(sent).containsExactly(fm(BEN, "submitSecretResponse", 1, ANN),
        new Send(ANN, AVATAR, "friendsNotify", List.of(BEN, Friends.NOTIFY_SECRET)));
    assertThat(friends.pairs).containsEntry(List.of(ANN, BEN), 1)
        .containsEntry(List.of(BEN, ANN), 1);
    sent.clear();
    inv.submitSecret(CAT, PAID, s).join(); // reused
    assertThat(sent).containsExactly(fm(CAT, "submitSecretResponse", 0, 0L));
  }

  @Test
  void submitSecret_ofExistingFriends_setsTheFlagOnBothSides() {
    friends.addPair(ANN, BEN, 0);
    String s = secret(BEN);
    inv.submitSecret(ANN, PAID, s).join();
    assertThat(sent.get(0)).isEqualTo(fm(ANN, "submitSecretResponse", 1, BEN));
    assertThat(friends.pairs).containsEntry(List.of(ANN, BEN), 1)
        .containsEntry(List.of(BEN, ANN), 1);
  }

  @Test
  void submitSecret_ownUnknownExpired() {
    String s = secret(ANN);
    inv.submitSecret(ANN, PAID, s).join();
    assertThat(sent).containsExactly(fm(ANN, "submitSecretResponse", 3, 0L));
    sent.clear();
    inv.submitSecret(BEN, PAID, "zzz zzz").join();
    assertThat(sent).containsExactly(fm(BEN, "submitSecretResponse", 0, 0L));
    sent.clear();
    now.addAndGet(Duration.ofHours(24).toMillis());
    inv.submitSecret(BEN, PAID, s).join();
    assertThat(sent).containsExactly(fm(BEN, "submitSecretResponse", 0, 0L));
    assertThat(friends.pairs).isEmpty();
  }

  @Test
  void submitSecret_aFullList_namesWhoseIsFull_andTheSecretStaysUsable() {
    String s = secret(ANN);
    for (long i = 0; i < 50; i++) {
      friends.addPair(ANN, 9000 + i, 0);
    }
    inv.submitSecret(BEN, PAID, s).join();
    assertThat(sent).containsExactly(fm(BEN, "submitSecretResponse", 2, ANN));
    sent.clear();
    for (long i = 0; i < 50; i++) {
      friends.addPair(CAT, 9000 + i, 0);
    }
    inv.submitSecret(CAT, PAID, s).join();
    assertThat(sent).containsExactly(fm(CAT, "submitSecretResponse", 2, CAT));
    friends.removePair(ANN, 9000);
    sent.clear();
    inv.submitSecret(BEN, PAID, s).join();
    assertThat(sent.get(0)).isEqualTo(fm(BEN, "submitSecretResponse", 1, ANN));
  }

  @Test
  void secrets_onlyForAccountsThatAllowThem() {
    assertThat(inv.requestSecret(ANN, SPEEDCHAT_ONLY).join()).isEqualTo(Outcome.NOT_ALLOWED);
    assertThat(sent).containsExactly(fm(ANN, "requestSecretResponse", 0, ""));
    String s = secret(BEN);
    assertThat(inv.submitSecret(ANN, SPEEDCHAT_ONLY, s).join()).isEqualTo(Outcome.NOT_ALLOWED);
    assertThat(sent).containsExactly(fm(ANN, "submitSecretResponse", 0, 0L));
    assertThat(friends.pairs).isEmpty();
    inv.submitSecret(CAT, PAID, s).join(); // still usable by an allowed account
    assertThat(friends.pairs).containsEntry(List.of(CAT, BEN), 1);
  }

  @Test
  void secrets_perAvatarDailyLimit_overA24HourWindow() {
    secret(ANN);
    secret(ANN);
    secret(ANN);
    inv.requestSecret(ANN, PAID).join();
    assertThat(sent).containsExactly(fm(ANN, "requestSecretResponse", 0, ""));
    secret(BEN); // per avatar
    now.addAndGet(Duration.ofHours(24).toMillis() + 1);
    secret(ANN);
  }

  @SuppressWarnings("unchecked")
  private static void complete(CompletableFuture<?> f) {
    ((CompletableFuture<OptionalInt>) f).complete(OptionalInt.empty());
  }

  /** A FriendDirectory in memory with the service's semantics (both sides at once). */
  final class InMemoryFriends implements FriendDirectory {
    final Map<List<Long>, Integer> pairs = new LinkedHashMap<>();

    private int count(long a) {
      return (int) pairs.keySet().stream().filter(k -> k.get(0) == a).count();
    }

    @Override
    public CompletionStage<OptionalInt> flags(long a, long b) {
      Integer f = pairs.get(List.of(a, b));
      OptionalInt r = f == null ? OptionalInt.empty() : OptionalInt.of(f);
      if (holdFlags) {
        CompletableFuture<OptionalInt> h = new CompletableFuture<>();
        held.add(h);
        return h;
      }
      return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletionStage<List<Friend>> friendsOf(long a) {
      List<Friend> out = new ArrayList<>();
      pairs.forEach((k, f) -> {
        if (k.get(0) == a) {
          out.add(new Friend(k.get(1), f));
        }
      });
      return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletionStage<List<Long>> onlineFriends(long a) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<PairResult> addPair(long a, long b, int flags) {
      PairResult r;
      if (a == b) {
        r = PairResult.SAME_AVATAR;
      } else if (a == GHOST || b == GHOST) {
        r = PairResult.NO_SUCH_AVATAR;
      } else if (pairs.containsKey(List.of(a, b)) && pairs.containsKey(List.of(b, a))) {
        r = PairResult.ALREADY_FRIENDS;
      } else if (!pairs.containsKey(List.of(a, b)) && count(a) >= MAX_FRIENDS) {
        r = PairResult.FIRST_FULL;
      } else if (!pairs.containsKey(List.of(b, a)) && count(b) >= MAX_FRIENDS) {
        r = PairResult.SECOND_FULL;
      } else {
        pairs.put(List.of(a, b), flags);
        pairs.put(List.of(b, a), flags);
        r = PairResult.DONE;
      }
      return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletionStage<PairResult> removePair(long a, long b) {
      boolean had = pairs.remove(List.of(a, b)) != null | pairs.remove(List.of(b, a)) != null;
      return CompletableFuture.completedFuture(had ? PairResult.DONE : PairResult.NOT_FRIENDS);
    }

    @Override
    public CompletionStage<PairResult> setFlags(long a, long b, int flags) {
      if (!pairs.containsKey(List.of(a, b)) || !pairs.containsKey(List.of(b, a))) {
        return CompletableFuture.completedFuture(PairResult.NOT_FRIENDS);
      }
      pairs.put(List.of(a, b), flags);
      pairs.put(List.of(b, a), flags);
      return CompletableFuture.completedFuture(PairResult.DONE);
    }
  }
}
