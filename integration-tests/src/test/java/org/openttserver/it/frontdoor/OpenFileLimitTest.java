package org.openttserver.it.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.testclient.game.AccountServer;
import org.openttserver.testclient.game.GameClient;

/**
 * The server started under {@code ulimit -n 400} with the shipped front-door limits, flooded by
 * 360 anonymous connections from 8 loopback addresses (under the per-address cap, more than the
 * descriptors allow): the client agent is full before the process runs out of descriptors and
 * makes room by evicting the flood (351), so the account server still answers and a player still
 * logs in.
 */
class OpenFileLimitTest {
  @TempDir Path dir;

  @Test
  void floodBeyondTheOpenFileLimit_thenAccountServerAnswersAndPlayerLogsIn() throws Exception {
    Path cfg = dir.resolve("server.yml");
    Files.writeString(cfg, EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC, "", false,
        "  login:\n    http_bind: 127.0.0.1:0\n    hash_memory_kib: 1024\n"
            + "    hash_iterations: 1\n"));
    try (ChildServer server = ChildServer.start(cfg, 400);
        Flood flood = new Flood(server.game(), 360, 8)) {
      Thread t = new Thread(flood, "flood");
      t.setDaemon(true);
      t.start();
      // Saturated: as many flood connections opened as the flood holds, and the server evicting
      // (or, without a cap below the open-file limit, out of descriptors for 10 s).
      // A guard against a hang, not a measure of speed: the flood opens in well under a second.
      long hang = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (flood.opened.get() < 360 && System.nanoTime() < hang) {
        Thread.sleep(50);
      }
      assertThat(flood.opened.get()).as("flood connections opened").isGreaterThanOrEqualTo(360);
      long saturated = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (evictions(flood) < 20 && System.nanoTime() < saturated) {
        Thread.sleep(50);
      }

      AccountServer accounts = new AccountServer(server.accountServer());
      accounts.create("Player1", "secret-1");
      String token = accounts.playToken("Player1", "secret-1");
      try (GameClient c = GameClient.connect(server.game(), ChildServer.demoDc(),
          server.dcHash())) {
        assertThat(c.login(token).returnCode()).isZero();
      }
      assertThat(evictions(flood)).as("the full server evicts the flood (351); codes %s",
          flood.codes).isGreaterThanOrEqualTo(20);
      flood.stop();
    }
  }

  /** Flood connections that a newer one replaced (351 for being full or low on memory is not). */
  private static int evictions(Flood flood) {
    return flood.evicted.get();
  }
}
