package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.avatars.AvatarCluster.CAT;
import static org.openttserver.it.avatars.AvatarCluster.DOG;
import static org.openttserver.it.avatars.AvatarCluster.await;
import static org.openttserver.it.avatars.AvatarCluster.list;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.CreateAvatarResp;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * Slot claims under concurrency: many creates for the same slot of one account at once (the
 * real race, through the plugin's create path and the real database), and many clients creating
 * in all their slots at once.
 *
 * <p>Over the wire, each client is its own account: a login ejects an account's earlier session
 * (BootCode.RELOGIN), so several connected clients of one account cannot exist, and one client's
 * messages are handled one at a time. Contention for one account's slots is therefore tested in
 * process, through the plugin's createInSlot from 16 threads at once (the first test).
 */
class SlotRaceTest {
  @TempDir Path dir;
  private AvatarCluster cluster;

  @BeforeEach
  void start() {
    cluster = AvatarCluster.start(dir, AvatarCluster.DEMO_DC, "");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void manyCreatesForOneSlotOfOneAccount_thenExactlyOneWins_andLosersLeaveNoToon()
      throws Exception {
    try (ScriptedClient c = cluster.login("Racer")) {
      long account = cluster.accountId("Racer");
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        for (int slot = 0; slot < 6; slot++) {
          int s = slot;
          CountDownLatch go = new CountDownLatch(1);
          List<Future<CompletableFuture<Long>>> calls = new ArrayList<>();
          for (int i = 0; i < 16; i++) {
            byte[] dna = i % 2 == 0 ? DOG : CAT;
            calls.add(pool.submit(() -> {
              go.await();
              return cluster.createInSlot(account, "Racer", dna, s);
            }));
          }
          go.countDown();
          List<Long> ids = new ArrayList<>();
          for (Future<CompletableFuture<Long>> f : calls) {
            ids.add(await(f.get()));
          }
          List<Long> winners = ids.stream().filter(id -> id != 0).toList();
          assertThat(winners).as("slot %d", s).hasSize(1);
          AvatarListResp.Avatar listed = list(c).avatars().stream()
              .filter(a -> a.position() == s).findFirst().orElseThrow();
          assertThat(listed.avatarId()).isEqualTo(winners.get(0));
        }
      } finally {
        pool.shutdown();
      }
      List<AvatarListResp.Avatar> all = list(c).avatars();
      assertThat(all).extracting(AvatarListResp.Avatar::position)
          .containsExactly(0, 1, 2, 3, 4, 5);
      // Every losing toon was deleted: the database holds no toon beyond the six listed (the
      // generate range is fresh, so every toon has an id between the first and the last).
      long lo = all.stream().mapToLong(AvatarListResp.Avatar::avatarId).min().orElseThrow();
      long hi = all.stream().mapToLong(AvatarListResp.Avatar::avatarId).max().orElseThrow();
      Set<Long> listed = new HashSet<>();
      all.forEach(a -> listed.add(a.avatarId()));
      for (long id = lo; id <= hi; id++) {
        if (!listed.contains(id)) {
          assertThat(await(cluster.directory().avatar(id))).as("toon %d", id).isEmpty();
        }
      }
      // A seventh create finds no free slot.
      assertThat(await(cluster.createInSlot(account, "Racer", DOG, 3))).isZero();
    }
  }

  @Test
  void manyClientsCreatingInAllTheirSlotsAtOnce_thenEachSlotFilledOnce() {
    int clients = 20;
    List<ScriptedClient> cs = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        cs.add(cluster.login("Crowd" + i));
      }
      // Every client sends 12 creates (two per slot) without waiting.
      for (ScriptedClient c : cs) {
        for (int k = 0; k < 12; k++) {
          c.send(new CreateAvatar(k, k % 2 == 0 ? DOG : CAT, k / 2));
        }
      }
      for (ScriptedClient c : cs) {
        int ok = 0;
        for (int k = 0; k < 12; k++) {
          CreateAvatarResp r = c.expect(CreateAvatarResp.class, AvatarCluster.SLOW);
          assertThat(r.echoContext()).isEqualTo(k);
          assertThat(r.returnCode()).as("create %d", k).isEqualTo(k % 2 == 0 ? 0 : 1);
          ok += r.returnCode() == 0 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(6);
        List<AvatarListResp.Avatar> avatars = list(c).avatars();
        assertThat(avatars).extracting(AvatarListResp.Avatar::position)
            .containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(avatars).allSatisfy(a -> assertThat(a.dna()).isEqualTo(DOG));
      }
    } finally {
      cs.forEach(ScriptedClient::close);
    }
  }
}
