package org.openttserver.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.EmbeddedServers.gamePort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Main;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.game.GameClient;
import picocli.CommandLine;

/**
 * {@code backup} while clients create accounts and toons, {@code restore} into a fresh data
 * directory: every account and toon the server acknowledged before the backup started is in the
 * restored server, and a non-empty data directory is refused.
 */
class BackupRestoreTest {
  private static final int CLIENTS = 4;

  @TempDir Path dir;

  /** An account and its toon, and when the server acknowledged the toon. */
  record Acked(String name, long toon, long nanos) {}

  private static String yaml(Path d) {
    return EmbeddedServers.yaml(d, EmbeddedServers.DEMO_DC, EmbeddedServers.UNLIMITED_CLIENTS,
        true, EmbeddedServers.TEST_LOGIN + "  avatars:\n    enabled: true\n");
  }

  @Test
  void backupUnderLoad_restoredIntoFreshServer_hasEveryAcknowledgedAccountAndToon()
      throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path zip = dir.resolve("backup.zip");
    ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    long backupStart;
    try (Server server = EmbeddedServers.start(a, yaml(a), "avatars-plugin.jar")) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger names = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        pool.execute(() -> {
          while (!stop.get()) {
            String name = "Saved" + names.incrementAndGet();
            try (GameClient c = GameClient.connect(gamePort(server), server.dc().file(),
                server.dc().clientHash())) {
              c.login(name);
              long toon = c.createAvatar(EmbeddedServers.DOG, 0);
              acked.add(new Acked(name, toon, System.nanoTime()));
            } catch (Throwable e) {
              errors.add(e);
              return;
            }
          }
        });
      }
      EmbeddedServers.eventually("some accounts made before the backup", () -> acked.size() >= 8);
      backupStart = System.nanoTime();
      int code = run("backup", "--config", a.resolve("openttserver.yml").toString(),
          zip.toString());
      int during = acked.size();
      EmbeddedServers.eventually("more accounts made after the backup",
          () -> acked.size() >= during + 4 || !errors.isEmpty());
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(errors).isEmpty();
      assertThat(code).as("backup's exit code").isZero();
    }
    assertThat(entries(zip)).contains("plugins/login/names.mv.db", "plugins/names/review.mv.db")
        .anyMatch(e -> e.endsWith(".sqlite"))
        .noneMatch(e -> e.endsWith("-wal") || e.endsWith(".lock") || e.contains("requests"));

    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(b.resolve("openttserver.yml"), yaml(b));
    String cfg = b.resolve("openttserver.yml").toString();
    assertThat(run("restore", "--config", cfg, zip.toString())).isZero();
    assertThat(run("restore", "--config", cfg, zip.toString())).as("into a non-empty data/")
        .isEqualTo(2);

    List<Acked> before = new ArrayList<>(acked.stream().filter(x -> x.nanos() < backupStart)
        .toList());
    assertThat(before).hasSizeGreaterThanOrEqualTo(8);
    try (Server server = EmbeddedServers.start(b, yaml(b), "avatars-plugin.jar")) {
      for (Acked x : before) {
        try (GameClient c = GameClient.connect(gamePort(server), server.dc().file(),
            server.dc().clientHash())) {
          assertThat(c.login(x.name()).userName()).isEqualTo(x.name());
          assertThat(c.avatarList().avatars()).extracting(AvatarListResp.Avatar::avatarId)
              .as("toons of " + x.name()).containsExactly(x.toon());
        }
      }
    }
  }

  private static List<String> entries(Path zip) throws java.io.IOException {
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      return z.stream().map(java.util.zip.ZipEntry::getName).toList();
    }
  }

  private static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }
}
