package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.avatars.AvatarCluster.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.AvatarDirectory.NameChange;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.openttserver.api.service.NameReview;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * The avatars plugin's conditional name write (AvatarDirectory.updateNameIf) against the real
 * plugins: a decision made on a state read before another change landed is refused, so a name
 * the client was told succeeded stays. The interleavings are made step by step: read the state
 * (as the deciding side does), let the other side finish over the wire or the review service,
 * then write with the state read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameStateRaceTest {
  AvatarCluster cluster;
  /** Demo list: 10 is the boy first name "Bartok"; no title, no last name. */
  static final List<SetNamePattern.Part> BARTOK = List.of(new SetNamePattern.Part(0xFFFF, 1),
      new SetNamePattern.Part(10, 1), new SetNamePattern.Part(0xFFFF, 1),
      new SetNamePattern.Part(0xFFFF, 0));

  /** {@return the first DC file: the demo one stores name states in the toon's fields} */
  String toonDc() {
    return AvatarCluster.DEMO_DC;
  }

  @BeforeAll
  void start(@TempDir Path dir) {
    cluster = AvatarCluster.start(dir, toonDc(), "");
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static AvatarListResp.Avatar entry(ScriptedClient c, long avatarId) {
    return AvatarCluster.list(c).avatars().stream().filter(a -> a.avatarId() == avatarId)
        .findFirst().orElseThrow();
  }

  private static long pendingDog(ScriptedClient c, String wish) {
    long dog = AvatarCluster.create(c, AvatarCluster.DOG, 0);
    c.send(new SetWishName(dog, wish));
    assertThat(c.expect(SetWishNameResp.class, AvatarCluster.SLOW))
        .isEqualTo(SetWishNameResp.pending(dog, wish));
    return dog;
  }

  private NameReview review() {
    return cluster.server.plugins().service(NameReview.class).orElseThrow();
  }

  @Test
  void staleApproval_whenThePickedNameWasStoredMeanwhile_thenRefusedAndThePickedNameStays() {
    try (ScriptedClient c = cluster.login("RaceApprove")) {
      long dog = pendingDog(c, "Woofington");
      AvatarDirectory dir = cluster.directory();
      AvatarInfo seenByReview = await(dir.avatar(dog)).orElseThrow();
      assertThat(seenByReview.nameState()).isEqualTo(NameState.PENDING);

      // Meanwhile the client picks a name and is told it succeeded.
      c.send(new SetNamePattern(dog, BARTOK));
      assertThat(c.expect(SetNamePatternAnswer.class, AvatarCluster.SLOW).returnCode()).isZero();

      // The approval decided on the PENDING state lands now: refused, nothing written.
      assertThat(await(dir.updateNameIf(dog, seenByReview.nameState(), seenByReview.wishName(),
          new NameChange(null, NameState.APPROVED, seenByReview.wishName())))).isFalse();
      assertThat(await(dir.updateNameIf(dog, NameState.PENDING, "Woofington",
          new NameChange(null, NameState.REJECTED, "Woofington")))).isFalse();
      assertThat(await(review().approve(dog))).isFalse();
      AvatarListResp.Avatar e = entry(c, dog);
      assertThat(e.name()).isEqualTo("Bartok");
      assertThat(e.approvedName()).isEmpty();
      assertThat(e.rejectedName()).isEmpty();
      assertThat(e.allowedName()).isFalse();
    }
  }

  @Test
  void stalePick_whenTheWishWasApprovedMeanwhile_thenRefusedAndTheApprovalStays() {
    try (ScriptedClient c = cluster.login("RacePick")) {
      long dog = pendingDog(c, "Barkley");
      AvatarDirectory dir = cluster.directory();
      AvatarInfo seenByPattern = await(dir.avatar(dog)).orElseThrow();

      assertThat(await(review().approve(dog))).isTrue();

      assertThat(await(dir.updateNameIf(dog, seenByPattern.nameState(),
          seenByPattern.wishName(), new NameChange("Bartok", NameState.LOCKED, "")))).isFalse();
      AvatarListResp.Avatar e = entry(c, dog);
      assertThat(e.approvedName()).isEqualTo("Barkley");
      assertThat(e.name()).as("the temporary name until the client acknowledges")
          .isNotEqualTo("Bartok");
      AvatarInfo now = await(dir.avatar(dog)).orElseThrow();
      assertThat(now.nameState()).isEqualTo(NameState.APPROVED);
      assertThat(now.wishName()).isEqualTo("Barkley");
    }
  }

  @Test
  void manyDecisionsFromOneState_whenAllAtOnce_thenExactlyOneIsStored() throws Exception {
    try (ScriptedClient c = cluster.login("RaceMany")) {
      long dog = pendingDog(c, "Fetcher");
      AvatarDirectory dir = cluster.directory();
      int n = 16;
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        List<NameChange> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          NameChange change = switch (i % 3) {
            case 0 -> new NameChange(null, NameState.APPROVED, "Fetcher");
            case 1 -> new NameChange(null, NameState.REJECTED, "Fetcher");
            default -> new NameChange("Name" + (char) ('a' + i), NameState.LOCKED, "");
          };
          changes.add(change);
          results.add(CompletableFuture.supplyAsync(() -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return dir.updateNameIf(dog, NameState.PENDING, "Fetcher", change)
                .toCompletableFuture();
          }, pool).thenCompose(f -> f));
        }
        go.countDown();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
            .get(20, TimeUnit.SECONDS);
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (results.get(i).join()) {
            winners.add(i);
          }
        }
        assertThat(winners).hasSize(1);
        NameChange won = changes.get(winners.get(0));
        AvatarInfo now = await(dir.avatar(dog)).orElseThrow();
        assertThat(now.nameState()).isEqualTo(won.nameState());
        assertThat(now.wishName()).isEqualTo(won.wishName());
      } finally {
        pool.shutdown();
      }
    }
  }
}
