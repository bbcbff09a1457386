package org.openttserver.plugins.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.StoredObject;
import org.openttserver.api.service.FriendDirectory.PairResult;
import org.openttserver.plugins.friends.FakeCluster.FriendDirectoryFriend;
import org.slf4j.LoggerFactory;

class FriendListsTest {
  @TempDir Path dir;
  FakeCluster c;
  final Set<Long> inWorld = ConcurrentHashMap.newKeySet();
  PairJournal journal;
  FriendLists lists;

  @BeforeEach
  void setUp() throws Exception {
    c = new FakeCluster();
    lists = newLists();
  }

  private FriendLists newLists() {
    journal = new PairJournal(dir.resolve("friends.journal"));
    return new FriendLists(c.db, c.live, c.toon, journal, inWorld::contains, Runnable::run,
        Duration.ofSeconds(2), LoggerFactory.getLogger("test"));
  }

  private static FriendDirectoryFriend f(long id, int flags) {
    return new FriendDirectoryFriend(id, flags);
  }

  @Test
  void add_bothOffline_bothListsInTheDatabase_andNothingLeftOpen() {
    long a = c.toon();
    long b = c.toon(777);
    assertThat(lists.add(a, b, 0).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).containsExactly(f(b, 0));
    assertThat(c.list(b)).containsExactly(f(777, 0), f(a, 0));
    assertThat(journal.unfinished()).isEmpty();
  }

  @Test
  void add_refusals_writeNothing() {
    long a = c.toon();
    long b = c.toon();
    long account = c.newAccount("someone");
    assertThat(lists.add(a, a, 0).join()).isEqualTo(PairResult.SAME_AVATAR);
    assertThat(lists.add(a, 999_999_999L, 0).join()).isEqualTo(PairResult.NO_SUCH_AVATAR);
    assertThat(lists.add(a, 0, 0).join()).isEqualTo(PairResult.NO_SUCH_AVATAR);
    assertThat(lists.add(a, account, 0).join()).isEqualTo(PairResult.NO_SUCH_AVATAR);
    assertThat(lists.add(a, b, 0).join()).isEqualTo(PairResult.DONE);
    c.log.clear();
    assertThat(lists.add(b, a, 1).join()).isEqualTo(PairResult.ALREADY_FRIENDS);
    assertThat(c.log).isEmpty();
    assertThat(c.list(a)).containsExactly(f(b, 0));
    assertThatThrownBy(() -> lists.add(a, b, 256)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void add_the51stFriend_isRefusedForTheFullSide() {
    long[] fifty = new long[50];
    for (int i = 0; i < 50; i++) {
      fifty[i] = 500 + i;
    }
    long full = c.toon(fifty);
    long other = c.toon();
    assertThat(lists.add(full, other, 0).join()).isEqualTo(PairResult.FIRST_FULL);
    assertThat(lists.add(other, full, 0).join()).isEqualTo(PairResult.SECOND_FULL);
    assertThat(c.list(other)).isEmpty();
    assertThat(c.list(full)).hasSize(50);
  }

  @Test
  void add_completesAOneSidedPair() {
    long b = c.toon();
    long a = c.toon(b);
    assertThat(lists.add(a, b, 0).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).containsExactly(f(b, 0));
    assertThat(c.list(b)).containsExactly(f(a, 0));
  }

  @Test
  void concurrentAdds_toOneToon_stopAtFifty_andEveryPairIsOnBothSides() {
    long hub = c.toon();
    List<Long> others = new ArrayList<>();
    List<CompletableFuture<PairResult>> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long o = c.toon();
      others.add(o);
      all.add(lists.add(o, hub, 0));
    }
    long done = all.stream().map(CompletableFuture::join).filter(r -> r == PairResult.DONE)
        .count();
    assertThat(done).isEqualTo(50);
    assertThat(all.stream().map(CompletableFuture::join))
        .filteredOn(r -> r != PairResult.DONE).containsOnly(PairResult.SECOND_FULL);
    assertThat(c.list(hub)).hasSize(50);
    for (long o : others) {
      boolean inHub = c.list(hub).stream().anyMatch(x -> x.id() == o);
      assertThat(c.list(o).stream().anyMatch(x -> x.id() == hub)).isEqualTo(inHub);
    }
  }

  @Test
  void remove_bothSides_alsoWhenTheOtherIsGone() {
    long a = c.toon();
    long b = c.toon();
    long d = c.toon();
    lists.add(a, b, 0).join();
    lists.add(a, d, 1).join();
    assertThat(lists.remove(b, a).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).containsExactly(f(d, 1));
    assertThat(c.list(b)).isEmpty();
    c.stored.remove(d);
    assertThat(lists.remove(a, d).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).isEmpty();
    assertThat(lists.remove(a, b).join()).isEqualTo(PairResult.NOT_FRIENDS);
    assertThat(lists.remove(a, a).join()).isEqualTo(PairResult.SAME_AVATAR);
  }

  @Test
  void setFlags_bothSides_onlyForAPair() {
    long a = c.toon();
    long b = c.toon();
    long oneSided = c.toon(a);
    lists.add(a, b, 0).join();
    assertThat(lists.setFlags(b, a, 1).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).containsExactly(f(b, 1));
    assertThat(c.list(b)).containsExactly(f(a, 1));
    assertThat(lists.setFlags(a, oneSided, 1).join()).isEqualTo(PairResult.NOT_FRIENDS);
    assertThat(c.list(oneSided)).containsExactly(f(a, 0));
  }

  @Test
  void aToonInTheWorld_isChangedThroughItsLiveObject_andWaitedForOnDisk() {
    long a = c.toon();
    long b = c.toon();
    c.activate(a);
    inWorld.add(a);
    List<String> seen = new ArrayList<>();
    lists.onChange((id, l) -> seen.add(id + "=" + l.size()));
    assertThat(lists.add(a, b, 0).join()).isEqualTo(PairResult.DONE);
    assertThat(c.log).contains("live-set " + a + " [setFriendsList]");
    assertThat(c.log).noneMatch(l -> l.startsWith("set-if-equals " + a));
    assertThat(FriendLists.parse(c.liveFields.get(a))).hasSize(1);
    assertThat(c.list(a)).containsExactly(f(b, 0));
    assertThat(seen).containsExactly(a + "=1", b + "=1");
  }

  @Test
  void aToonLeavingDuringALiveChange_isWrittenInTheDatabase() {
    long a = c.toon();
    long b = c.toon();
    c.activate(a);
    inWorld.add(a);
    c.live.writeThrough = false; // the DBSS dropped our set with the object
    c.beforeConditional = null;
    CompletableFuture<PairResult> r = lists.add(a, b, 0);
    inWorld.remove(a); // it left; the wait for the write-through notices
    assertThat(r.join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).containsExactly(f(b, 0));
    assertThat(c.list(b)).containsExactly(f(a, 0));
  }

  @Test
  void aLiveWriteThatNeverReachesTheDatabase_failsAndStaysOpenInTheJournal() throws Exception {
    long a = c.toon();
    long b = c.toon();
    c.activate(a);
    inWorld.add(a);
    c.live.writeThrough = false;
    lists = new FriendLists(c.db, c.live, c.toon, journal, inWorld::contains, Runnable::run,
        Duration.ofMillis(100), LoggerFactory.getLogger("test"));
    assertThatThrownBy(() -> lists.add(a, b, 0).join()).hasMessageContaining("in time");
    assertThat(journal.unfinished()).hasSize(1);
  }

  @Test
  void aToonEnteringDuringADatabaseChange_getsTheChangeOnItsLiveObjectToo() {
    long a = c.toon();
    long b = c.toon();
    c.live.writeThrough = false;
    c.beforeConditional = () -> { // activated from the old value while we write the database
      c.activate(a);
      inWorld.add(a);
    };
    assertThat(lists.add(a, b, 0).join()).isEqualTo(PairResult.DONE);
    assertThat(FriendLists.parse(c.liveFields.get(a))).hasSize(1);
    assertThat(c.list(a)).containsExactly(f(b, 0));
  }

  @Test
  void reconcile_givesAnEnteringToonTheDatabaseList() {
    long a = c.toon();
    long b = c.toon();
    c.activate(a); // loaded before the change below
    lists.add(a, b, 0).join(); // not in the world yet: database only
    assertThat(FriendLists.parse(c.liveFields.get(a))).isEmpty();
    inWorld.add(a);
    assertThat(lists.reconcile(a).join()).hasSize(1);
    assertThat(FriendLists.parse(c.liveFields.get(a))).hasSize(1);
  }

  @Test
  void anotherWritersChange_betweenReadAndWrite_isKept() {
    long a = c.toon();
    long b = c.toon();
    c.beforeConditional = () -> { // e.g. the avatars plugin adding 4242 meanwhile
      StoredObject o = c.stored.get(a);
      c.stored.put(a, new StoredObject(a, o.dclass(), o.fields().with(FieldValues
          .builder(c.toon).set("setFriendsList", List.of(List.of(4242L, 0L))).build())));
    };
    assertThat(lists.add(a, b, 0).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).containsExactly(f(4242, 0), f(b, 0));
    assertThat(c.log).contains("set-if-equals " + a + " [setFriendsList] failed");
  }

  @Test
  void crashBetweenTheTwoSides_ofAnAddition_replayCompletesBoth() {
    long a = c.toon();
    long b = c.toon();
    c.failingWrites.add(b); // the "crash": a is written, b never is
    assertThatThrownBy(() -> lists.add(a, b, 1).join()).isNotNull();
    assertThat(c.list(a)).containsExactly(f(b, 1));
    assertThat(c.list(b)).isEmpty();
    journal.close();
    c.failingWrites.clear();
    FriendLists restarted = newLists();
    restarted.ready().join();
    assertThat(c.list(a)).containsExactly(f(b, 1));
    assertThat(c.list(b)).containsExactly(f(a, 1));
    assertThat(journal.unfinished()).isEmpty();
  }

  @Test
  void crashBetweenTheTwoSides_thenTheOtherGone_replayUndoesBoth() {
    long a = c.toon();
    long b = c.toon();
    c.failingWrites.add(b);
    assertThatThrownBy(() -> lists.add(a, b, 0).join()).isNotNull();
    journal.close();
    c.failingWrites.clear();
    c.stored.remove(b);
    newLists().ready().join();
    assertThat(c.list(a)).isEmpty();
  }

  @Test
  void crashBetweenTheTwoSides_thenTheOtherFull_replayUndoesBoth() {
    long a = c.toon();
    long b = c.toon();
    c.failingWrites.add(b);
    assertThatThrownBy(() -> lists.add(a, b, 0).join()).isNotNull();
    journal.close();
    c.failingWrites.clear();
    long[] fifty = new long[50];
    for (int i = 0; i < 50; i++) {
      fifty[i] = 900 + i;
    }
    c.stored.put(b, new StoredObject(b, c.toon, c.stored.get(c.toon(fifty)).fields()));
    newLists().ready().join();
    assertThat(c.list(a)).isEmpty();
    assertThat(c.list(b)).hasSize(50).noneMatch(x -> x.id() == a);
  }

  @Test
  void crashBetweenTheTwoSides_ofARemoval_replayRemovesBoth() {
    long a = c.toon();
    long b = c.toon();
    lists.add(a, b, 0).join();
    c.failingWrites.add(b);
    assertThatThrownBy(() -> lists.remove(a, b).join()).isNotNull();
    assertThat(c.list(a)).isEmpty();
    assertThat(c.list(b)).containsExactly(f(a, 0));
    journal.close();
    c.failingWrites.clear();
    newLists().ready().join();
    assertThat(c.list(b)).isEmpty();
  }

  @Test
  void changes_waitForTheStartUpReplay() {
    long a = c.toon();
    long b = c.toon();
    c.failingWrites.add(b);
    assertThatThrownBy(() -> lists.add(a, b, 0).join()).isNotNull();
    journal.close();
    FriendLists restarted = newLists(); // b still does not answer: replay fails
    assertThat(restarted.ready()).isCompletedExceptionally();
    c.failingWrites.clear();
    // the next change retries the replay first, then runs
    assertThat(restarted.setFlags(a, b, 1).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(b)).containsExactly(f(a, 1));
    assertThat(c.list(a)).containsExactly(f(b, 1));
  }

  /** The time-out scenario of a live toon, with a change timing out on a 100 ms limit. */
  private FriendLists withShortTimeout() {
    return new FriendLists(c.db, c.live, c.toon, journal, inWorld::contains, Runnable::run,
        Duration.ofMillis(100), LoggerFactory.getLogger("test"));
  }

  @Test
  void aChangeThatTimedOut_thenAnOppositeChangeAcknowledged_theRestartKeepsTheLaterOne() {
    long a = c.toon();
    long b = c.toon();
    c.activate(a);
    inWorld.add(a);
    lists = withShortTimeout();
    c.live.writeThrough = false; // the DB-state server does not write a's list in time
    assertThatThrownBy(() -> lists.add(a, b, 0).join()).hasMessageContaining("in time");
    c.live.writeThrough = true; // it answers again
    // the later, opposite change: the failed one is finished first, then this one runs
    assertThat(lists.remove(a, b).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).isEmpty();
    assertThat(c.list(b)).isEmpty();
    assertThat(journal.unfinished()).isEmpty();
    journal.close();
    // restart: nothing is replayed over the acknowledged removal
    newLists().ready().join();
    assertThat(c.list(a)).isEmpty();
    assertThat(c.list(b)).isEmpty();
    assertThat(FriendLists.parse(c.liveFields.get(a))).isEmpty();
  }

  @Test
  void aPairWhoseFailedChangeCannotBeFinished_takesNoOtherChange() {
    long a = c.toon();
    long b = c.toon();
    long d = c.toon();
    c.failingWrites.add(b);
    assertThatThrownBy(() -> lists.add(a, b, 0).join()).isNotNull();
    // b still does not answer: the pair's next change fails rather than run over it
    assertThatThrownBy(() -> lists.remove(a, b).join()).isNotNull();
    assertThat(c.list(a)).containsExactly(f(b, 0));
    // other pairs of a go on
    assertThat(lists.add(a, d, 0).join()).isEqualTo(PairResult.DONE);
    c.failingWrites.clear();
    assertThat(lists.remove(a, b).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(a)).containsExactly(f(d, 0));
    assertThat(c.list(b)).isEmpty();
    assertThat(journal.unfinished()).isEmpty();
  }

  @Test
  void aFailedChange_isFinishedInTheBackground_andTheJournalCanBeCompactedAgain() {
    long a = c.toon();
    long b = c.toon();
    c.failingWrites.add(b);
    assertThatThrownBy(() -> lists.add(a, b, 1).join()).isNotNull();
    assertThat(journal.openChanges()).isEqualTo(1);
    c.failingWrites.clear();
    FriendsTest.eventually(() -> assertThat(journal.openChanges()).isZero());
    assertThat(c.list(b)).containsExactly(f(a, 1));
    assertThat(journal.unfinished()).isEmpty();
  }

  @Test
  void whileStartUpRecoveryFails_noChangeRuns_andReadsFail() {
    long a = c.toon();
    long b = c.toon();
    long x = c.toon();
    long y = c.toon();
    c.failingWrites.add(b);
    assertThatThrownBy(() -> lists.add(a, b, 0).join()).isNotNull();
    journal.close();
    c.failingReads.add(b); // b answers nothing at the restart: recovery fails
    FriendLists restarted = newLists();
    assertThat(restarted.ready()).isCompletedExceptionally();
    c.log.clear();
    // an unrelated pair: refused, nothing written, the journal keeps the old open change
    assertThatThrownBy(() -> restarted.add(x, y, 0).join()).isNotNull();
    assertThatThrownBy(() -> restarted.readRecovered(a).join()).isNotNull();
    assertThat(c.list(x)).isEmpty();
    assertThat(c.log).noneMatch(l -> l.startsWith("set-if"));
    assertThat(journal.unfinished()).extracting(PairJournal.Open::b).containsExactly(b);
    c.failingReads.clear();
    c.failingWrites.clear();
    // recovery is tried again first; then the change runs with a number above the old one
    assertThat(restarted.add(x, y, 0).join()).isEqualTo(PairResult.DONE);
    assertThat(c.list(b)).containsExactly(f(a, 0));
    assertThat(journal.unfinished()).isEmpty();
    assertThat(restarted.readRecovered(a).join()).hasValue(List.of(
        new org.openttserver.api.service.FriendDirectory.Friend(b, 0)));
  }

  @Test
  void close_waitsForTheTurnsInFlight_soTheirJournalLinesAreWritten() throws Exception {
    long a = c.toon();
    long b = c.toon();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
        .newFixedThreadPool(2);
    try {
      FriendLists l = new FriendLists(c.db, c.live, c.toon, journal, inWorld::contains, pool,
          Duration.ofSeconds(2), LoggerFactory.getLogger("test"));
      l.ready().join();
      java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      c.beforeConditional = () -> {
        inside.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
      CompletableFuture<PairResult> change = l.add(a, b, 0);
      assertThat(inside.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(
          () -> l.close(Duration.ofSeconds(10)));
      Thread.sleep(200);
      assertThat(closed).isNotDone();
      release.countDown();
      assertThat(closed.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(change).isCompletedWithValue(PairResult.DONE);
      journal.close();
      assertThat(journal.awaitClosed(Duration.ofSeconds(5))).isTrue();
      assertThat(journal.unfinished()).isEmpty();
      assertThatThrownBy(() -> l.add(a, b, 0).join()).hasMessageContaining("stopping");
    } finally {
      pool.shutdownNow();
    }
  }
}
