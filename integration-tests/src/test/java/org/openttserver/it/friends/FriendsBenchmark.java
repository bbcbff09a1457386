package org.openttserver.it.friends;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.protocol.FriendOnline;
import org.openttserver.api.protocol.GetFriendList;
import org.openttserver.api.protocol.GetFriendListResp;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.api.service.FriendDirectory.PairResult;
import org.openttserver.it.friends.FriendsCluster.Player;

/**
 * GET_FRIEND_LIST under load: 100 clients in the world, each toon with 50 friends of whom 24
 * are in the world (its neighbours among the 100) and 26 are not (toons only in the database);
 * all 100 ask at once, for several rounds; the time from sending 10 to receiving the 11 and
 * every 53 is measured per client. Prints p50, p99 and the maximum; asserts only that every
 * answer was complete. Run with {@code -Dfriends.bench=true}, e.g. {@code mvn -B verify -pl
 * integration-tests -am -Dtest=FriendsBenchmark -Dfriends.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "friends.bench", matches = "true")
class FriendsBenchmark {
  static final int CLIENTS = 100;
  static final int ONLINE_EACH_SIDE = 12; // 24 online friends
  static final int OFFLINE_EACH = 26;
  static final int OFFLINE_TOONS = 104; // each offline toon is a friend of 25 or 26 clients
  static final int ROUNDS = Integer.getInteger("friends.bench.rounds", 10);

  @TempDir Path dir;

  @Test
  void getFriendList_p99_with100ClientsAtOnce_50FriendsEach_halfOnline() throws Exception {
    StringBuilder report = new StringBuilder();
    try (FriendsCluster cluster = FriendsCluster.start(dir)) {
      List<Player> players = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        players.add(cluster.player("Bencher" + i));
      }
      DcClass toon = cluster.toonClass();
      long[] offline = new long[OFFLINE_TOONS];
      for (int i = 0; i < OFFLINE_TOONS; i++) {
        offline[i] = FriendsCluster.await(cluster.bridge().database().create(toon,
            FieldValues.builder(toon).set("setName", "Away " + i)
                .set("setDNAString", (Object) FriendsCluster.DOG).build()));
      }
      FriendDirectory friends = cluster.friends();
      List<CompletableFuture<PairResult>> adds = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        long me = players.get(i).toon();
        for (int d = 1; d <= ONLINE_EACH_SIDE; d++) {
          adds.add(friends.addPair(me, players.get((i + d) % CLIENTS).toon(), 0)
              .toCompletableFuture());
        }
        for (int k = 0; k < OFFLINE_EACH; k++) {
          adds.add(friends.addPair(me, offline[(i * OFFLINE_TOONS / CLIENTS + k)
              % OFFLINE_TOONS], 0).toCompletableFuture());
        }
      }
      long setup = System.nanoTime();
      CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
      double setupSeconds = (System.nanoTime() - setup) / 1e9;
      assertThat(adds).allMatch(f -> f.join() == PairResult.DONE);
      for (Player p : players) {
        assertThat(FriendsCluster.await(friends.friendsOf(p.toon()))).hasSize(50);
        p.enter();
      }
      for (Player p : players) { // drain the 53s of the entries
        while (p.client().receive(java.time.Duration.ofMillis(50)).isPresent()) {
          // skip
        }
      }

      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Long> nanos = new ArrayList<>();
      try {
        for (int round = 0; round < ROUNDS; round++) {
          CyclicBarrier start = new CyclicBarrier(CLIENTS);
          List<java.util.concurrent.Future<Long>> times = new ArrayList<>();
          for (Player p : players) {
            times.add(pool.submit(() -> {
              start.await();
              long t0 = System.nanoTime();
              p.client().send(new GetFriendList());
              GetFriendListResp r = FriendsCluster.await(p.client(), GetFriendListResp.class,
                  x -> true);
              for (int i = 0; i < 2 * ONLINE_EACH_SIDE; i++) {
                FriendsCluster.await(p.client(), FriendOnline.class, x -> true);
              }
              long t = System.nanoTime() - t0;
              assertThat(r.friends()).hasSize(50);
              return t;
            }));
          }
          for (var f : times) {
            nanos.add(f.get(60, TimeUnit.SECONDS));
          }
        }
      } finally {
        pool.shutdownNow();
      }
      long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      report.append(String.format("friends benchmark: %d clients asking GET_FRIEND_LIST at once,"
          + " %d rounds, 50 friends each (24 in the world, 26 not): 11 + 24 x 53 received in"
          + " p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples); setting up %d pairs through"
          + " FriendDirectory took %.1f s%n", CLIENTS, ROUNDS, ms(pct(sorted, 50)),
          ms(pct(sorted, 99)), ms(sorted[sorted.length - 1]), sorted.length, adds.size(),
          setupSeconds));
      players.forEach(Player::close);
    }
    System.out.print(report);
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

}
