package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * Round-trip times of GET_AVATARS, CREATE_AVATAR and SET_AVATAR with 100 clients doing them at
 * once on the embedded default (every role in one process, SQLite database). Prints p50/p99;
 * asserts only that every answer was a success. Run with {@code -Davatars.bench=true}, e.g.
 * {@code mvn -B verify -pl integration-tests -am -Dtest=AvatarsBenchmark -Davatars.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "avatars.bench", matches = "true")
class AvatarsBenchmark {
  static final int CLIENTS = Integer.getInteger("avatars.bench.clients", 100);
  static final int ROUNDS = 6;

  @TempDir Path dir;

  @Test
  void hundredClientsAtOnce_printPercentiles() throws Exception {
    // The test JVM runs Netty's paranoid leak detection (the pom's argLine), which records a
    // stack for every buffer; the figures are about the server, so it is off meanwhile.
    ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    StringBuilder report = new StringBuilder();
    try (AvatarCluster cluster = AvatarCluster.start(dir, AvatarCluster.DEMO_DC, "")) {
      // A first pass of other accounts warms the JIT and the database; it is not reported.
      run(cluster, "Warm", new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      List<Long> get = Collections.synchronizedList(new ArrayList<>());
      List<Long> create = Collections.synchronizedList(new ArrayList<>());
      List<Long> set = Collections.synchronizedList(new ArrayList<>());
      double seconds = run(cluster, "Bench", get, create, set);
      report.append(String.format("avatars benchmark: %d clients at once, %d rounds each,"
          + " %.1f s (after a warm-up pass)%n", CLIENTS, ROUNDS, seconds));
      report.append(line("GET_AVATARS", get)).append(line("CREATE_AVATAR", create))
          .append(line("SET_AVATAR", set));
    } finally {
      ResourceLeakDetector.setLevel(before);
    }
    System.out.print(report); // after the server's shutdown logging
    System.out.flush();
  }

  /** Logs in {@link #CLIENTS} new accounts and runs the rounds on all at once; seconds taken. */
  private static double run(AvatarCluster cluster, String prefix, List<Long> get,
      List<Long> create, List<Long> set) throws Exception {
    List<ScriptedClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(cluster.login(prefix + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (ScriptedClient c : clients) {
      runs.add(pool.submit(() -> {
        go.await();
        for (int slot = 0; slot < ROUNDS; slot++) {
          long t0 = System.nanoTime();
          c.send(new GetAvatars());
          AvatarListResp list = c.expect(AvatarListResp.class, AvatarCluster.SLOW);
          long t1 = System.nanoTime();
          assertThat(list.avatars()).hasSize(slot);
          c.send(new CreateAvatar(slot, AvatarCluster.DOG, slot));
          CreateAvatarResp made = c.expect(CreateAvatarResp.class, AvatarCluster.SLOW);
          long t2 = System.nanoTime();
          assertThat(made.returnCode()).isZero();
          c.send(new SetAvatar(made.avatarId().getAsLong()));
          GetAvatarDetailsResp details = c.expect(GetAvatarDetailsResp.class,
              AvatarCluster.SLOW);
          long t3 = System.nanoTime();
          assertThat(details.returnCode()).isZero();
          c.send(new SetAvatar(0));
          get.add(t1 - t0);
          create.add(t2 - t1);
          set.add(t3 - t2);
        }
        return null;
      }));
    }
    long start = System.nanoTime();
    go.countDown();
    for (Future<?> f : runs) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    clients.forEach(ScriptedClient::close);
    return seconds;
  }

  private static String line(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return String.format("  %-14s n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", what, sorted.size(),
        at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
  }

  private static double at(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1e6;
  }
}
