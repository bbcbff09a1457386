package org.openttserver.plugins.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePattern.Part;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.openttserver.api.service.NameReview.PendingName;
import org.slf4j.LoggerFactory;

/** The handlers and the review service against an in-memory AvatarDirectory. */
class NamesTest {
  static final long ACCT = 7001;
  static final long OTHER = 7002;
  static final long BOY = 500;
  static final long GIRL = 501;
  static final long STRANGER = 600;
  static final int U = PatternNames.UNUSED;
  /** "Sprocketeer Bartok Wobblesprocket" in the demo list. */
  static final List<Part> BOY_PATTERN = List.of(new Part(0, 1), new Part(10, 1),
      new Part(25, 1), new Part(31, 0));

  @TempDir Path dir;
  FakeDirectory avatars = new FakeDirectory();
  AvatarDirectory installed = avatars;
  ReviewStore store;
  FakeSession me = new FakeSession(ACCT);
  AtomicLong clock = new AtomicLong(1_000);

  @BeforeEach
  void setUp() throws Exception {
    store = new ReviewStore(dir);
    avatars.add(ACCT, BOY, 0, true);
    avatars.add(ACCT, GIRL, 1, false);
    avatars.add(OTHER, STRANGER, 0, true);
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
  }

  Names names(NamesConfig config) {
    return new Names(() -> Optional.ofNullable(installed), NamesPlugin.demo(), store, config,
        Runnable::run, LoggerFactory.getLogger("test"), clock::incrementAndGet);
  }

  Names names() {
    return names(NamesConfig.defaults());
  }

  static NamesConfig config(String yamlish) {
    boolean auto = yamlish.contains("auto");
    boolean dup = !yamlish.contains("nodup");
    return new NamesConfig(null, auto, dup, null, null, List.of("grumpus"), List.of("zork"),
        List.of("Flippy Toon"), 2_000);
  }

  static void await(java.util.concurrent.CompletionStage<?> s) throws Exception {
    if (s != null) {
      s.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  // ------------------------------------------------------------------ SET_NAME_PATTERN

  @Test
  void pattern_whenOwnOpenToon_thenNameLockedAndCode0() throws Exception {
    await(names().pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.sent).containsExactly(new SetNamePatternAnswer(BOY, 0));
    assertThat(avatars.get(BOY).name()).isEqualTo("Sprocketeer Bartok Wobblesprocket");
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.LOCKED);
    assertThat(avatars.get(BOY).wishName()).isEmpty();
  }

  @Test
  void pattern_whenGirlGetsBoyTitle_thenCode1AndNothingWritten() throws Exception {
    await(names().pattern(me, new SetNamePattern(GIRL, BOY_PATTERN)));
    assertThat(me.sent).containsExactly(new SetNamePatternAnswer(GIRL, Names.REFUSED));
    assertThat(avatars.writes).isEmpty();
  }

  @Test
  void pattern_whenAnotherAccountsToon_thenCode1AndNothingWritten() throws Exception {
    await(names().pattern(me, new SetNamePattern(STRANGER, BOY_PATTERN)));
    assertThat(me.sent).containsExactly(new SetNamePatternAnswer(STRANGER, Names.REFUSED));
    assertThat(avatars.writes).isEmpty();
  }

  @Test
  void pattern_whenNameAlreadyFinal_thenCode1() throws Exception {
    avatars.set(BOY, "Old Name", NameState.LOCKED, "");
    await(names().pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.sent).containsExactly(new SetNamePatternAnswer(BOY, Names.REFUSED));
    avatars.set(BOY, "Red Dog", NameState.APPROVED, "Flippy");
    await(names().pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.last()).isEqualTo(new SetNamePatternAnswer(BOY, Names.REFUSED));
    assertThat(avatars.writes).isEmpty();
  }

  @Test
  void pattern_whenRejectedOrPending_thenAllowedAndQueuedWishForgotten() throws Exception {
    Names n = names();
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    assertThat(store.wish(BOY)).isPresent();
    await(n.pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.last()).isEqualTo(new SetNamePatternAnswer(BOY, 0));
    assertThat(store.wish(BOY)).isEmpty();
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.LOCKED);

    avatars.set(GIRL, "Red Cat", NameState.REJECTED, "Bad Name");
    await(n.pattern(me, new SetNamePattern(GIRL, List.of(new Part(U, 1), new Part(13, 1),
        new Part(U, 1), new Part(U, 0)))));
    assertThat(me.last()).isEqualTo(new SetNamePatternAnswer(GIRL, 0));
    assertThat(avatars.get(GIRL).name()).isEqualTo("Pippa");
  }

  @Test
  void pattern_whenNoAvatarsPlugin_thenCode2() throws Exception {
    installed = null;
    await(names().pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.sent).containsExactly(new SetNamePatternAnswer(BOY, Names.UNAVAILABLE));
  }

  @Test
  void pattern_whenAvatarsPluginFails_thenCode2() throws Exception {
    avatars.failing = true;
    await(names().pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.sent).containsExactly(new SetNamePatternAnswer(BOY, Names.UNAVAILABLE));
  }

  @Test
  void pattern_whenAvatarsPluginNeverAnswers_thenCode2AfterTimeout() throws Exception {
    installed = new AvatarDirectory() {
      @Override
      public java.util.concurrent.CompletionStage<Optional<AvatarInfo>> avatar(long id) {
        return new java.util.concurrent.CompletableFuture<>();
      }

      @Override
      public java.util.concurrent.CompletionStage<List<AvatarInfo>> avatarsOf(long acct) {
        return new java.util.concurrent.CompletableFuture<>();
      }

      @Override
      public java.util.concurrent.CompletionStage<Void> updateName(long id, NameChange c) {
        return new java.util.concurrent.CompletableFuture<>();
      }

      @Override
      public java.util.concurrent.CompletionStage<Boolean> updateNameIf(long id,
          NameState state, String wish, NameChange c) {
        return new java.util.concurrent.CompletableFuture<>();
      }
    };
    NamesConfig quick = new NamesConfig(null, null, null, null, null, null, null, null, 100);
    await(names(quick).pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.sent).containsExactly(new SetNamePatternAnswer(BOY, Names.UNAVAILABLE));
  }

  /** A read times out (above); a write slower than the timeout is waited for (SF2). */
  static final NamesConfig QUICK = new NamesConfig(null, null, null, null, null, null, null,
      null, 100);

  @Test
  void pattern_whenTheWriteTakesLongerThanTheTimeout_thenAnsweredOnlyOnceStored()
      throws Exception {
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.LOCKED);
    var picking = names(QUICK).pattern(me, new SetNamePattern(BOY, BOY_PATTERN))
        .toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);
    Thread.sleep(400); // four timeouts
    assertThat(me.sent).as("no 'failed' answer while the write may still land").isEmpty();

    hold.release();
    picking.get(5, TimeUnit.SECONDS);
    assertThat(me.sent).containsExactly(new SetNamePatternAnswer(BOY, 0));
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.LOCKED);
  }

  @Test
  void wish_whenTheWriteTakesLongerThanTheTimeout_thenAnsweredOnlyOnceStored()
      throws Exception {
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.PENDING);
    var wishing = names(QUICK).wish(me, new SetWishName(BOY, "Flippy Doodle"))
        .toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);
    Thread.sleep(400);
    assertThat(me.sent).isEmpty();

    hold.release();
    wishing.get(5, TimeUnit.SECONDS);
    assertThat(me.sent).containsExactly(SetWishNameResp.pending(BOY, "Flippy Doodle"));
    assertThat(store.wish(BOY)).isPresent();
  }

  @Test
  void approve_whenTheWriteTakesLongerThanTheTimeout_thenTrueOnceStored() throws Exception {
    Names n = names(QUICK);
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    clock.addAndGet(600_000);
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.APPROVED);
    var approving = n.approve(BOY).toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);
    Thread.sleep(400);
    assertThat(approving).isNotDone();

    hold.release();
    assertThat(approving.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(store.wish(BOY)).isEmpty();
  }

  // ------------------------------------------------------------------ SET_WISHNAME

  @Test
  void wish_whenReviewed_thenPendingStoredAndQueued() throws Exception {
    await(names().wish(me, new SetWishName(BOY, "Flippy Doodle")));
    assertThat(me.sent).containsExactly(SetWishNameResp.pending(BOY, "Flippy Doodle"));
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.PENDING);
    assertThat(avatars.get(BOY).wishName()).isEqualTo("Flippy Doodle");
    assertThat(avatars.get(BOY).name()).isEqualTo("Red Dog");
    assertThat(store.wish(BOY)).contains(new PendingName(BOY, ACCT, "Flippy Doodle", 1_001));
  }

  @Test
  void wish_whenAutoApprove_thenNameFinalAtOnce() throws Exception {
    await(names(config("auto")).wish(me, new SetWishName(BOY, "Flippy Doodle")));
    assertThat(me.sent).containsExactly(SetWishNameResp.approved(BOY, "Flippy Doodle"));
    assertThat(avatars.get(BOY).name()).isEqualTo("Flippy Doodle");
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.LOCKED);
    assertThat(store.wishes()).isEmpty();
  }

  @Test
  void wish_whenBreaksClientRules_thenCode1AndNothingWritten() throws Exception {
    for (String bad : List.of("Flippy2", "FLIPPY", "x", "Aa Bb Cc Dd Ee", "A".repeat(41))) {
      await(names().wish(me, new SetWishName(BOY, bad)));
      assertThat(me.last()).as(bad).isEqualTo(SetWishNameResp.refused(BOY, Names.REFUSED));
    }
    assertThat(avatars.writes).isEmpty();
    assertThat(store.wishes()).isEmpty();
  }

  @Test
  void wish_whenBlockedWordFragmentOrReservedName_thenRejectedAndNothingWritten()
      throws Exception {
    Names n = names(config(""));
    for (String bad : List.of("Sir Grumpus", "Bazorkle", "flippy toon", "Noot Yppilf")) {
      await(n.wish(me, new SetWishName(BOY, bad)));
      assertThat(me.last()).as(bad).isEqualTo(SetWishNameResp.rejected(BOY, bad));
    }
    assertThat(avatars.writes).isEmpty();
    assertThat(store.wishes()).isEmpty();
  }

  @Test
  void wish_whenNameOfAnotherOwnToon_thenRejected() throws Exception {
    avatars.set(GIRL, "Pippa Plinkwick", NameState.LOCKED, "");
    await(names().wish(me, new SetWishName(BOY, "pippa plinkwick")));
    assertThat(me.sent).containsExactly(SetWishNameResp.rejected(BOY, "pippa plinkwick"));
    assertThat(avatars.writes).isEmpty();
  }

  @Test
  void wish_whenNotOwnToonOrFinal_thenCode1() throws Exception {
    await(names().wish(me, new SetWishName(STRANGER, "Flippy Doodle")));
    assertThat(me.last()).isEqualTo(SetWishNameResp.refused(STRANGER, Names.REFUSED));
    avatars.set(BOY, "Done Name", NameState.LOCKED, "");
    await(names().wish(me, new SetWishName(BOY, "Flippy Doodle")));
    assertThat(me.last()).isEqualTo(SetWishNameResp.refused(BOY, Names.REFUSED));
    assertThat(avatars.writes).isEmpty();
  }

  @Test
  void wish_whenNoAvatarsPlugin_thenCode2() throws Exception {
    installed = null;
    await(names().wish(me, new SetWishName(BOY, "Flippy Doodle")));
    assertThat(me.sent).containsExactly(SetWishNameResp.refused(BOY, Names.UNAVAILABLE));
  }

  @Test
  void wish_whenDuplicatesAllowed_thenTwoAccountsGetOneName() throws Exception {
    Names n = names();
    FakeSession other = new FakeSession(OTHER);
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    await(n.wish(other, new SetWishName(STRANGER, "Flippy Doodle")));
    assertThat(other.sent).containsExactly(SetWishNameResp.pending(STRANGER, "Flippy Doodle"));
  }

  @Test
  void wish_whenDuplicatesRefused_thenSecondRejectedUntilFirstIsRejected() throws Exception {
    Names n = names(config("nodup"));
    FakeSession other = new FakeSession(OTHER);
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    await(n.wish(other, new SetWishName(STRANGER, "flippy  doodle")));
    assertThat(other.last()).isEqualTo(SetWishNameResp.rejected(STRANGER, "flippy  doodle"));
    assertThat(avatars.get(STRANGER).nameState()).isEqualTo(NameState.OPEN);

    assertThat(n.reject(BOY).toCompletableFuture().get()).isTrue();
    await(n.wish(other, new SetWishName(STRANGER, "Flippy Doodle")));
    assertThat(other.last()).isEqualTo(SetWishNameResp.pending(STRANGER, "Flippy Doodle"));
  }

  @Test
  void wish_whenStoringFailsAndDuplicatesRefused_thenCode2AndNameFreeForOthers()
      throws Exception {
    Names n = names(config("nodup"));
    avatars.failWrites = true;
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    assertThat(me.last()).isEqualTo(SetWishNameResp.refused(BOY, Names.UNAVAILABLE));
    assertThat(store.holder("flippy doodle")).isEmpty();
    assertThat(n.pending().toCompletableFuture().get()).isEmpty();

    avatars.failWrites = false;
    FakeSession other = new FakeSession(OTHER);
    await(n.wish(other, new SetWishName(STRANGER, "Flippy Doodle")));
    assertThat(other.last()).isEqualTo(SetWishNameResp.pending(STRANGER, "Flippy Doodle"));
  }

  @Test
  void wish_whenDuplicateHolderWasDeleted_thenNameTakenOver() throws Exception {
    Names n = names(config("nodup"));
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    avatars.toons.remove(BOY);
    FakeSession other = new FakeSession(OTHER);
    // A young claim is kept (its submission may still be under way) ...
    await(n.wish(other, new SetWishName(STRANGER, "Flippy Doodle")));
    assertThat(other.last()).isEqualTo(SetWishNameResp.rejected(STRANGER, "Flippy Doodle"));
    // ... an older one whose toon is gone is taken over.
    clock.addAndGet(4_000);
    await(n.wish(other, new SetWishName(STRANGER, "Flippy Doodle")));
    assertThat(other.last()).isEqualTo(SetWishNameResp.pending(STRANGER, "Flippy Doodle"));
    assertThat(store.holder("flippy doodle").map(ReviewStore.Holder::avatarId))
        .contains(STRANGER);
  }

  @Test
  void wish_whenManyAccountsTypeOneNameAtOnceAndDuplicatesRefused_thenExactlyOneGetsIt()
      throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
        .newFixedThreadPool(4);
    try {
      Names n = new Names(() -> Optional.of(avatars), NamesPlugin.demo(), store,
          config("nodup"), pool, LoggerFactory.getLogger("test"), clock::incrementAndGet);
      List<FakeSession> sessions = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        avatars.add(9_000 + i, 90_000 + i, 0, true);
        sessions.add(new FakeSession(9_000 + i));
      }
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.CompletableFuture<Void>> all = new java.util.ArrayList<>();
      for (int i = 0; i < sessions.size(); i++) {
        FakeSession s = sessions.get(i);
        long id = 90_000 + i;
        all.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
          try {
            go.await();
            await(n.wish(s, new SetWishName(id, evenId(id) ? "Flippy Doodle" : "flippy doodle")));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, java.util.concurrent.Executors.newSingleThreadExecutor()));
      }
      go.countDown();
      java.util.concurrent.CompletableFuture.allOf(all.toArray(
          java.util.concurrent.CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      long pending = sessions.stream().map(FakeSession::last)
          .filter(m -> !((SetWishNameResp) m).pending().isEmpty()).count();
      long rejected = sessions.stream().map(FakeSession::last)
          .filter(m -> !((SetWishNameResp) m).rejected().isEmpty()).count();
      assertThat(pending).isEqualTo(1);
      assertThat(rejected).isEqualTo(sessions.size() - 1);
      long waiting = avatars.toons.values().stream()
          .filter(t -> t.info().nameState() == NameState.PENDING).count();
      assertThat(waiting).isEqualTo(1);
      assertThat(store.wishes()).hasSize(1);
    } finally {
      pool.shutdown();
    }
  }

  /** Half the accounts type the name in another case: names compare without case. */
  static boolean evenId(long id) {
    return id % 2 == 0;
  }

  // ------------------------------------------------------------------ NameReview

  @Test
  void review_whenApproved_thenApprovedStateAndQueueEmpty() throws Exception {
    Names n = names();
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    await(n.wish(me, new SetWishName(GIRL, "Pippa Doodle")));
    assertThat(n.pending().toCompletableFuture().get()).extracting(PendingName::avatarId)
        .containsExactly(BOY, GIRL);
    assertThat(n.approve(BOY).toCompletableFuture().get()).isTrue();
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.APPROVED);
    assertThat(avatars.get(BOY).wishName()).isEqualTo("Flippy Doodle");
    assertThat(avatars.get(BOY).name()).isEqualTo("Red Dog");
    assertThat(n.reject(GIRL).toCompletableFuture().get()).isTrue();
    assertThat(avatars.get(GIRL).nameState()).isEqualTo(NameState.REJECTED);
    assertThat(avatars.get(GIRL).wishName()).isEqualTo("Pippa Doodle");
    assertThat(n.pending().toCompletableFuture().get()).isEmpty();
    assertThat(n.approve(BOY).toCompletableFuture().get()).isFalse();
  }

  @Test
  void review_whenToonNoLongerWaits_thenDroppedAndNotApproved() throws Exception {
    Names n = names();
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    await(n.wish(me, new SetWishName(GIRL, "Pippa Doodle")));
    avatars.set(BOY, "Red Dog", NameState.OPEN, ""); // the client withdrew it (72, action 0)
    avatars.toons.remove(GIRL); // deleted
    clock.addAndGet(600_000); // long ago (younger entries are kept: see pending_when...)
    assertThat(n.pending().toCompletableFuture().get()).isEmpty();
    assertThat(store.wishes()).isEmpty();
    assertThat(n.approve(BOY).toCompletableFuture().get()).isFalse();
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.OPEN);
  }

  // ------------------------------------------------------------------ races (B2)
  // One side's name write is held in the fake directory while the other side runs to the end;
  // then the held write goes on with the state it read before.

  static final String PICKED = "Sprocketeer Bartok Wobblesprocket";

  /** BOY waits for review with "Flippy Doodle", submitted long ago. */
  Names pendingBoy() throws Exception {
    Names n = names();
    await(n.wish(me, new SetWishName(BOY, "Flippy Doodle")));
    clock.addAndGet(600_000);
    return n;
  }

  @Test
  void race_whenApprovalLandsAfterAPickedNameWasStored_thenApprovalRefusedAndPickStays()
      throws Exception {
    Names n = pendingBoy();
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.APPROVED);
    var approving = n.approve(BOY).toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);

    await(n.pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.last()).isEqualTo(new SetNamePatternAnswer(BOY, 0));

    hold.release();
    assertThat(approving.get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.LOCKED);
    assertThat(avatars.get(BOY).name()).isEqualTo(PICKED);
    assertThat(avatars.get(BOY).wishName()).isEmpty();
  }

  @Test
  void race_whenRejectionLandsAfterAPickedNameWasStored_thenRejectionRefusedAndPickStays()
      throws Exception {
    Names n = pendingBoy();
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.REJECTED);
    var rejecting = n.reject(BOY).toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);

    await(n.pattern(me, new SetNamePattern(BOY, BOY_PATTERN)));
    assertThat(me.last()).isEqualTo(new SetNamePatternAnswer(BOY, 0));

    hold.release();
    assertThat(rejecting.get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.LOCKED);
    assertThat(avatars.get(BOY).nameState().mayName()).as("allowedName").isFalse();
    assertThat(avatars.get(BOY).name()).isEqualTo(PICKED);
  }

  @Test
  void race_whenPickLandsAfterAnApproval_thenPickRefusedAndApprovalStays() throws Exception {
    Names n = pendingBoy();
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.LOCKED);
    var picking = n.pattern(me, new SetNamePattern(BOY, BOY_PATTERN)).toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);

    assertThat(n.approve(BOY).toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();

    hold.release();
    picking.get(5, TimeUnit.SECONDS);
    assertThat(me.last()).isEqualTo(new SetNamePatternAnswer(BOY, Names.REFUSED));
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.APPROVED);
    assertThat(avatars.get(BOY).wishName()).isEqualTo("Flippy Doodle");
    assertThat(avatars.get(BOY).name()).isEqualTo("Red Dog");
  }

  @Test
  void race_whenPickLandsAfterARejection_thenPickStoredOnTheRejectedState() throws Exception {
    Names n = pendingBoy();
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.LOCKED);
    var picking = n.pattern(me, new SetNamePattern(BOY, BOY_PATTERN)).toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);

    assertThat(n.reject(BOY).toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();

    hold.release();
    picking.get(5, TimeUnit.SECONDS);
    assertThat(me.last()).isEqualTo(new SetNamePatternAnswer(BOY, 0));
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.LOCKED);
    assertThat(avatars.get(BOY).name()).isEqualTo(PICKED);
  }

  @Test
  void race_whenApprovalLandsAfterTheWishWasWithdrawnAndAnotherTyped_thenNewWishStillWaits()
      throws Exception {
    Names n = pendingBoy();
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.APPROVED);
    var approving = n.approve(BOY).toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);

    avatars.set(BOY, "Red Dog", NameState.OPEN, ""); // SET_WISHNAME_CLEAR(BOY, 0)
    await(n.wish(me, new SetWishName(BOY, "Dandy Doodle")));
    assertThat(me.last()).isEqualTo(SetWishNameResp.pending(BOY, "Dandy Doodle"));

    hold.release();
    assertThat(approving.get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.PENDING);
    assertThat(avatars.get(BOY).wishName()).isEqualTo("Dandy Doodle");
    assertThat(store.wish(BOY).map(PendingName::wishName)).contains("Dandy Doodle");
  }

  @Test
  void race_whenWishLandsAfterAnApproval_thenWishRefusedAndNotQueued() throws Exception {
    Names n = pendingBoy();
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.PENDING);
    var wishing = n.wish(me, new SetWishName(BOY, "Dandy Doodle")).toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);

    // The queue now holds the new wish, not the one the toon waits with: approve the old one
    // the way an admin page that listed it earlier would, straight through the directory.
    assertThat(avatars.updateNameIf(BOY, NameState.PENDING, "Flippy Doodle", new AvatarDirectory
        .NameChange(null, NameState.APPROVED, "Flippy Doodle")).toCompletableFuture().get())
        .isTrue();

    hold.release();
    wishing.get(5, TimeUnit.SECONDS);
    assertThat(me.last()).isEqualTo(SetWishNameResp.refused(BOY, Names.REFUSED));
    assertThat(avatars.get(BOY).nameState()).isEqualTo(NameState.APPROVED);
    assertThat(avatars.get(BOY).wishName()).isEqualTo("Flippy Doodle");
    assertThat(store.wish(BOY)).isEmpty();
  }

  @Test
  void pending_whenAWishIsQueuedButItsToonNotYetWritten_thenKeptAndListedOnceWritten()
      throws Exception {
    Names n = names();
    FakeDirectory.Hold hold = avatars.holdNext(c -> c.nameState() == NameState.PENDING);
    var wishing = n.wish(me, new SetWishName(BOY, "Flippy Doodle")).toCompletableFuture();
    hold.reached.get(5, TimeUnit.SECONDS);

    assertThat(n.pending().toCompletableFuture().get()).as("not waiting yet").isEmpty();
    assertThat(n.approve(BOY).toCompletableFuture().get()).isFalse();
    assertThat(store.wish(BOY)).as("but not forgotten").isPresent();

    hold.release();
    wishing.get(5, TimeUnit.SECONDS);
    assertThat(me.last()).isEqualTo(SetWishNameResp.pending(BOY, "Flippy Doodle"));
    assertThat(n.pending().toCompletableFuture().get()).extracting(PendingName::avatarId)
        .containsExactly(BOY);
    assertThat(n.approve(BOY).toCompletableFuture().get()).isTrue();
  }

  @Test
  void pending_whenAnOldEntrysToonNeverWaited_thenForgotten() throws Exception {
    store.putWish(new PendingName(BOY, ACCT, "Flippy Doodle", clock.get()));
    assertThat(names().pending().toCompletableFuture().get()).isEmpty();
    assertThat(store.wish(BOY)).as("young: kept").isPresent();
    clock.addAndGet(20_001); // twice the default request time-out
    assertThat(names().pending().toCompletableFuture().get()).isEmpty();
    assertThat(store.wish(BOY)).as("old: forgotten").isEmpty();
  }

  @Test
  void review_whenStoreReopened_thenQueueKept() throws Exception {
    await(names().wish(me, new SetWishName(BOY, "Flippy Doodle")));
    store.close();
    store = new ReviewStore(dir);
    assertThat(names().pending().toCompletableFuture().get()).extracting(PendingName::wishName)
        .containsExactly("Flippy Doodle");
  }
}
