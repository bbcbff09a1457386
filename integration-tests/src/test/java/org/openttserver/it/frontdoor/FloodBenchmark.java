package org.openttserver.it.frontdoor;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dc.DcFile;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.testclient.game.AccountServer;
import org.openttserver.testclient.game.GameClient;

/**
 * The front door under a flood: 1,100 anonymous connections that never log in but send
 * heartbeats (44 from each of 25 loopback addresses 127.0.0.2–26, under the per-address cap,
 * reopened when the server drops them), while scripted 2003 clients from 127.0.0.1, four at a
 * time, create an account (create.php, play.php), log in and play (district list, avatar list,
 * Make-A-Toon, into the district and the playground).
 * The server runs in a child JVM with the shipped limits, once at this process's open-file limit
 * and once started under {@code ulimit -n 1024}. Prints, per run: login latency (connect to
 * LOGIN_2_RESP) p50/p99/max, the account server's latency and failures, journeys done and
 * failed, and the flood's refusals by GO_GET_LOST code. A figure printer, not a test of speed:
 * {@code mvn -B verify -pl integration-tests -am -Dtest=FloodBenchmark -Dfrontdoor.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dfrontdoor.flood=N},
 * {@code -Dfrontdoor.players=N} for other counts).
 */
@EnabledIfSystemProperty(named = "frontdoor.bench", matches = "true")
class FloodBenchmark {
  private static final int ADDRESSES = 25;
  private static final byte[] DOG = EmbeddedServers.DOG;

  @TempDir Path dir;

  @Test
  void floodAtTheRealLimitAndAt1024() throws Exception {
    run("the process's open-file limit", null);
    run("ulimit -n 1024", 1024);
  }

  private void run(String label, Integer ulimit) throws Exception {
    int flood = Integer.getInteger("frontdoor.flood", 1100);
    int players = Integer.getInteger("frontdoor.players", 40);
    Path runDir = Files.createDirectories(dir.resolve(ulimit == null ? "real" : "u" + ulimit));
    Path cfg = runDir.resolve("server.yml");
    Files.writeString(cfg, "ai:\n  district_name: Flood Valley\n  channel: 401000\n"
        + "  do_ids: {min: 400000000, max: 400999999}\n"
        + EmbeddedServers.yaml(runDir, EmbeddedServers.DEMO_DC, "", true,
            "  login:\n    http_bind: 127.0.0.1:0\n"
            + "    hash_memory_kib: 1024\n    hash_iterations: 1\n"
            + "    rate_limit: {per_address: 100000, creates_per_address: 100000}\n"));
    DcFile dc = ChildServer.demoDc();
    try (ChildServer server = ChildServer.start(cfg, ulimit);
        Flood f = new Flood(server.game(), flood, ADDRESSES)) {
      URI http = server.accountServer();
      InetSocketAddress game = server.game();
      long hash = server.dcHash();
      Thread floodThread = new Thread(f, "flood");
      floodThread.setDaemon(true);
      floodThread.start();
      long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (f.open.get() < flood && System.nanoTime() < settle) {
        Thread.sleep(100);
      }
      int openBefore = f.open.get();
      int acceptedBefore = f.connected.get();
      List<Long> logins = new CopyOnWriteArrayList<>();
      List<Long> accounts = new CopyOnWriteArrayList<>();
      Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
      AtomicInteger journeys = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> runs = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < players; i++) {
        String name = "Player" + i;
        runs.add(pool.submit(() -> {
          String step = "create.php/play.php";
          try {
            long a0 = System.nanoTime();
            AccountServer acc = new AccountServer(http);
            acc.create(name, "secret-" + name);
            String token = acc.playToken(name, "secret-" + name);
            accounts.add(System.nanoTime() - a0);
            step = "connect + LOGIN_2";
            long l0 = System.nanoTime();
            try (GameClient c = GameClient.connect(game, dc, hash)) {
              c.login(token);
              logins.add(System.nanoTime() - l0);
              step = "play";
              c.shardList();
              c.avatarList();
              long toon = c.createAvatar(DOG, 0);
              c.setAvatar(toon);
              c.enterDistrict(c.shards().keySet().iterator().next());
              c.quietZoneTo(2000);
              c.disconnect();
              journeys.incrementAndGet();
            }
          } catch (Throwable e) {
            failures.computeIfAbsent(step + ": " + firstLine(e), k -> new AtomicInteger())
                .incrementAndGet();
          }
        }));
      }
      for (Future<?> r : runs) {
        r.get(10, TimeUnit.MINUTES);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      System.out.printf("%n== flood benchmark, server at %s (its open-file limit: %s) ==%n",
          label, server.openFileLimit());
      System.out.printf("flood: %d anonymous connections wanted from %d addresses; %d connected"
          + " (%d opened) when the players started, %d connected at the end; %d connects failed"
          + " (timeout/refused); GO_GET_LOST by code %s; %d closed without a code%n", flood,
          ADDRESSES, acceptedBefore, openBefore, f.connected.get(), f.connectFailures.get(),
          f.codes, f.closedSilently.get());
      System.out.printf("players: %d in %.1f s, 4 at a time: %d journeys done, failures %s%n",
          players, seconds, journeys.get(), failures);
      print("account server (create.php + play.php)", accounts);
      print("login (connect .. LOGIN_2_RESP)", logins);
      f.stop();
      floodThread.join(10_000);
    }
  }

  private static String firstLine(Throwable e) {
    String s = String.valueOf(e.getMessage());
    int nl = s.indexOf('\n');
    s = nl < 0 ? s : s.substring(0, nl);
    return e.getClass().getSimpleName() + " " + (s.length() > 100 ? s.substring(0, 100) : s);
  }

  private static void print(String what, List<Long> nanos) {
    List<Long> v = new ArrayList<>(nanos);
    Collections.sort(v);
    if (v.isEmpty()) {
      System.out.printf("%-40s none succeeded%n", what);
      return;
    }
    System.out.printf("%-40s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, v.size(),
        pct(v, 0.50), pct(v, 0.99), v.get(v.size() - 1) / 1e6);
  }

  private static double pct(List<Long> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }

}
