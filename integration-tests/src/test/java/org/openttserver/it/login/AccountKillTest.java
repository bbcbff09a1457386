package org.openttserver.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.it.ChildServerMain;
import org.openttserver.it.EmbeddedServers;

/**
 * kill -9 during account creation: a child JVM runs the embedded server; 16 clients create
 * accounts through create.php at once and the child is killed forcibly while creations are in
 * flight, three times on the same data directory. After a last restart every account object in
 * the database has its name (play.php knows it), no name has two objects, and every account a
 * client was told about logs in.
 */
class AccountKillTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 5;
  private static final String PASSWORD = "secret1";

  @TempDir Path dir;
  private Process child;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void createsInFlight_whenServerKilledHard_thenNoAccountObjectWithoutItsName() throws Exception {
    Path cfg = dir.resolve("child.yml");
    Files.writeString(cfg, EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC, "", false,
        "  login:\n    http_bind: 127.0.0.1:0\n    hash_memory_kib: 1024\n"
            + "    hash_iterations: 1\n    rate_limit: {per_address: 100000,"
            + " creates_per_address: 100000}\n"));
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger names = new AtomicInteger();
    for (int round = 0; round < ROUNDS; round++) {
      int port = startChild(cfg);
      int before = acked.size();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      for (int t = 0; t < THREADS; t++) {
        pool.execute(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            String name = "Kill" + names.incrementAndGet();
            try {
              if (post(port, "create", name).contains("playToken=")) {
                acked.add(name);
              }
            } catch (IOException | RuntimeException e) {
              return; // the server is gone
            } catch (InterruptedException e) {
              return;
            }
          }
        });
      }
      // kill while every client waits for an answer
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acked.size() < before + 50 + 17 * round && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(acked.size()).as("creations before kill %d", round).isGreaterThan(before);
    }
    int port = startChild(cfg);
    // a creation after the restart waits for the start-up clean-up (if any)
    assertThat(post(port, "create", "AfterKill")).contains("playToken=");
    List<String> problems = new ArrayList<>();
    Map<String, List<Long>> objects = accountObjects();
    for (Map.Entry<String, List<Long>> e : objects.entrySet()) {
      if (e.getValue().size() > 1) {
        problems.add(e.getKey() + " has " + e.getValue().size() + " objects " + e.getValue());
      } else if (!post(port, "play", e.getKey()).contains("playToken=")) {
        problems.add("account object " + e.getValue() + " of " + e.getKey()
            + " has no name pointing at it");
      }
    }
    for (String name : acked) {
      if (!objects.containsKey(name)) {
        problems.add("acknowledged " + name + " has no object");
      }
    }
    System.out.printf("AccountKillTest: %d kills, %d accounts acknowledged, %d account objects,"
        + " %d problems after restart%n", ROUNDS, acked.size(), objects.size(), problems.size());
    assertThat(problems).isEmpty();
  }

  private String post(int port, String op, String name) throws IOException,
      InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/" + op + ".php"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("n=" + name + "&p=" + PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  /** {@return the OpenTTAccount objects in the child's database, by their setAccountName} */
  private Map<String, List<Long>> accountObjects() throws Exception {
    Map<String, List<Long>> out = new HashMap<>();
    Path db = dir.resolve("data/database/objects.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT o.doid, f.value FROM objects o LEFT JOIN fields f"
            + " ON f.doid = o.doid AND f.field = 'setAccountName'"
            + " WHERE o.dclass = 'OpenTTAccount'")) {
      while (rs.next()) {
        byte[] v = rs.getBytes(2);
        String name = v == null ? "" : new String(v, 2, v.length - 2, StandardCharsets.UTF_8);
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(rs.getLong(1));
      }
    }
    return out;
  }

  private int startChild(Path cfg) throws Exception {
    String javaCmd = ProcessHandle.current().info().command().orElse("java");
    child = new ProcessBuilder(javaCmd, "-cp", System.getProperty("java.class.path"),
        ChildServerMain.class.getName(), cfg.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        for (String l; (l = out.readLine()) != null; ) {
          if (l.startsWith("HTTP_PORT=")) {
            return l;
          }
        }
        throw new IllegalStateException("the child server exited");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).get(60, TimeUnit.SECONDS);
    CompletableFuture.runAsync(() -> {
      try {
        while (out.readLine() != null) {
          // drain the child's log so it never blocks on a full pipe
        }
      } catch (IOException e) {
        // the child is gone
      }
    });
    return Integer.parseInt(line.substring("HTTP_PORT=".length()));
  }
}
