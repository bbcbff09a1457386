package org.openttserver.it.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.game.AccountServer;
import org.openttserver.testclient.game.GameClient;

/**
 * Journeys per second and the p50/p99 of every step for 100 2003-client journeys at once on the
 * embedded default (the demo DC, name list and world; the account server with the tests' cheap
 * password hashing). A figure printer, not a test of speed:
 * {@code mvn -B verify -pl integration-tests -am -Dtest=JourneyBenchmark -Djourney.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Djourney.clients=N} for another count).
 */
@EnabledIfSystemProperty(named = "journey.bench", matches = "true")
class JourneyBenchmark {
  static final byte[] DOG = JourneyTest.DOG;

  @TempDir Path dir;

  @Test
  void hundredJourneysAtOnce() throws Exception {
    int clients = Integer.getInteger("journey.clients", 100);
    String yaml = "ai:\n  district_name: Bench Valley\n  channel: 401000\n"
        + "  do_ids: {min: 400000000, max: 400999999}\n"
        + EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC,
            "    client:\n      messages_per_second: 0\n"
            + "    limits:\n      max_anonymous_per_address: 10000\n"
            + "      connects_per_second_per_address: 0\n", true,
            "  login:\n    http_bind: 127.0.0.1:0\n    accept_unknown_tokens: false\n"
            + "    hash_memory_kib: 1024\n    hash_iterations: 1\n"
            + "    rate_limit: {per_address: 100000, creates_per_address: 100000}\n"
            + "  avatars:\n    enabled: true\n  names:\n    enabled: true\n"
            + "  districts:\n    enabled: true\n"
            + "  zones:\n    dna_dirs: [" + EmbeddedServers.REPO.resolve("etc") + "]\n"
            + "  friends:\n    enabled: true\n");
    // The test JVM runs Netty's paranoid leak detection (the pom's argLine), which records a
    // stack for every buffer; the figures are about the server, so it is off meanwhile.
    ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    StringBuilder report = new StringBuilder();
    try (Server server = EmbeddedServers.start(dir, yaml, "friends-plugin.jar")) {
      // A first pass of other accounts warms the JIT, the database and the caches; it is not
      // reported.
      pass(server, clients, "Warm", new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>());
      Map<String, List<Long>> steps = new ConcurrentHashMap<>();
      List<String> order = new CopyOnWriteArrayList<>();
      double seconds = pass(server, clients, "Bencher", steps, order);
      report.append(String.format("%n%d journeys at once in %.2f s: %.1f journeys/s"
          + " (after a warm-up pass)%n", clients, seconds, clients / seconds));
      report.append(String.format("%-34s %8s %8s %8s%n", "step", "p50 ms", "p99 ms", "max ms"));
      for (String step : new LinkedHashSet<>(order)) {
        List<Long> v = new ArrayList<>(steps.get(step));
        Collections.sort(v);
        report.append(String.format("%-34s %8.1f %8.1f %8.1f%n", step, pct(v, 0.50),
            pct(v, 0.99), v.get(v.size() - 1) / 1e6));
        assertThat(v).hasSize(clients);
      }
    } finally {
      ResourceLeakDetector.setLevel(before);
    }
    System.out.print(report); // after the server's shutdown logging
  }

  /** Runs {@code clients} journeys at once and answers how long they took, in seconds. */
  private static double pass(Server server, int clients, String prefix,
      Map<String, List<Long>> steps, List<String> order) throws Exception {
    URI http = URI.create("http://127.0.0.1:" + EmbeddedServers.accountServerPort(server));
    InetSocketAddress game = EmbeddedServers.gamePort(server);
    long district = server.ai().orElseThrow().districtId();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String name = prefix + i;
        runs.add(pool.submit(() -> {
          go.await();
          journey(http, game, server, district, name, steps, order);
          return null;
        }));
      }
      long t0 = System.nanoTime();
      go.countDown();
      for (Future<?> f : runs) {
        f.get(10, TimeUnit.MINUTES);
      }
      return (System.nanoTime() - t0) / 1e9;
    } finally {
      pool.shutdown();
    }
  }

  private static double pct(List<Long> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }

  private static void journey(URI http, InetSocketAddress game, Server server, long district,
      String name, Map<String, List<Long>> steps, List<String> order) {
    AccountServer accounts = new AccountServer(http);
    var dc = server.dc().file();
    Step s = new Step(steps, order);
    s.time("create.php", () -> accounts.create(name, "secret-" + name));
    String token = s.time("play.php", () -> accounts.playToken(name, "secret-" + name));
    try (GameClient c = GameClient.connect(game, dc, server.dc().clientHash())) {
      s.time("LOGIN_2", () -> c.login(token));
      s.time("GET_SHARD_LIST", c::shardList);
      s.time("GET_AVATARS", c::avatarList);
      long toon = s.time("CREATE_AVATAR", () -> c.createAvatar(DOG, 0));
      s.time("SET_NAME_PATTERN", () -> c.ask(new SetNamePattern(toon, List.of(
          new SetNamePattern.Part(0xFFFF, 1), new SetNamePattern.Part(10, 1),
          new SetNamePattern.Part(0xFFFF, 1), new SetNamePattern.Part(0xFFFF, 0))),
          SetNamePatternAnswer.class));
      s.time("SET_AVATAR (details)", () -> c.setAvatar(toon));
      s.time("GET_FRIEND_LIST", c::friendList);
      s.time("SET_SHARD + quiet zone (globals)", () -> c.enterDistrict(district));
      s.time("TimeManager clock sync", () -> c.timeSync(1).orElseThrow());
      s.time("quiet zone -> playground 2000", () -> c.quietZoneTo(2000));
      s.time("quiet zone -> street 2101", () -> c.quietZoneTo(2101));
      s.time("walk -> 2102", () -> c.walkTo(2102));
      s.time("walk -> 2103", () -> c.walkTo(2103));
      s.time("exit to chooser (GET_AVATARS)", c::exitToChooser);
      s.time("DELETE_AVATAR", () -> c.deleteAvatar(toon));
      s.time("DISCONNECT", () -> {
        c.disconnect();
        return null;
      });
    }
  }

  /** Times steps into the shared lists. */
  private record Step(Map<String, List<Long>> steps, List<String> order) {
    <T> T time(String step, Supplier<T> body) {
      long t0 = System.nanoTime();
      T result = body.get();
      steps.computeIfAbsent(step, k -> {
        order.add(k);
        return new CopyOnWriteArrayList<>();
      }).add(System.nanoTime() - t0);
      return result;
    }

    void time(String step, Runnable body) {
      time(step, () -> {
        body.run();
        return null;
      });
    }
  }
}
