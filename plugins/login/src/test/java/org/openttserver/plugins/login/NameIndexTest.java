package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameIndexTest {
  @TempDir
  Path dir;

  @Test
  void find_whenOtherCase_thenSameAccount() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      assertThat(index.insert("Flippy", 100000001)).isTrue();
      assertThat(index.find("fLIPPY")).isEqualTo(OptionalLong.of(100000001));
    }
  }

  @Test
  void insert_whenNameTakenInOtherCase_thenFalse() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.insert("Flippy", 1);
      assertThat(index.insert("FLIPPY", 2)).isFalse();
    }
  }

  @Test
  void find_whenReopened_thenNamesKept() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.insert("Flippy", 7);
    }
    try (NameIndex index = new NameIndex(dir)) {
      assertThat(index.find("flippy")).isEqualTo(OptionalLong.of(7));
      assertThat(index.find("nobody")).isEmpty();
    }
  }

  @Test
  void insertAsync_whenManyAtOnceWithClashes_thenOneWinnerPerNameAndEveryOtherRowKept()
      throws Exception {
    List<CompletableFuture<Boolean>> results = new ArrayList<>();
    try (NameIndex index = new NameIndex(dir)) {
      // Queued together, so they share batches: a clash inside a batch undoes only its own row.
      for (int i = 0; i < 200; i++) {
        String name = i % 4 == 0 ? "Shared" + (i % 8) : "Toon" + i;
        results.add(index.insertAsync(i % 3 == 0 ? name.toUpperCase(Locale.ROOT) : name,
            1000 + i));
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
    }
    long won = results.stream().filter(CompletableFuture::join).count();
    assertThat(won).isEqualTo(150 + 2); // 150 unique names, and Shared0 / Shared4 once each
    try (NameIndex index = new NameIndex(dir)) {
      for (int i = 0; i < 200; i++) {
        if (i % 4 != 0) {
          assertThat(index.find("toon" + i)).isEqualTo(OptionalLong.of(1000 + i));
        }
      }
      assertThat(index.find("shared0")).isEqualTo(OptionalLong.of(1000)); // the first queued won
      assertThat(index.find("shared4")).isEqualTo(OptionalLong.of(1004));
    }
  }

  @Test
  void reserve_thenNotFoundUntilCompleted() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      assertThat(index.reserve("Flippy")).isTrue();
      assertThat(index.find("flippy")).isEmpty();
      assertThat(index.reserve("FLIPPY")).isFalse();
      assertThat(index.reserved()).containsExactly("Flippy");
      index.complete("Flippy", 9);
      assertThat(index.find("flippy")).isEqualTo(OptionalLong.of(9));
      assertThat(index.reserved()).isEmpty();
      assertThat(index.doIds()).containsExactly(9L);
    }
  }

  @Test
  void insertAsync_whenClosed_thenFailsWithoutWriting() throws Exception {
    NameIndex index = new NameIndex(dir);
    index.close();
    assertThat(index.insertAsync("Late", 1)).isCompletedExceptionally();
  }

  @Test
  void release_whenCompleted_thenNameKept() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.insert("Flippy", 9);
      index.release("Flippy");
      assertThat(index.find("flippy")).isEqualTo(OptionalLong.of(9));
      index.reserve("Gone");
      index.release("gone");
      assertThat(index.reserve("Gone")).isTrue();
    }
  }

  @Test
  void reserved_whenReopened_thenStillReserved() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.reserve("Halfway");
    }
    try (NameIndex index = new NameIndex(dir)) {
      assertThat(index.reserved()).containsExactly("Halfway");
    }
  }

  @Test
  void loginHistory_whenReopened_thenNewestKeptNewestFirstAndOlderDropped() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        writes.add(index.recordLoginAsync(new org.openttserver.api.service.AccountAdmin
            .LoginRecord(100 + i, "Toon" + i, "10.0.0." + i, 1000L * i), 5));
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }
    try (NameIndex index = new NameIndex(dir)) {
      var stored = index.recentLogins(100);
      assertThat(stored).extracting(r -> r.accountId()).containsExactly(112L, 111L, 110L, 109L,
          108L);
      assertThat(stored.get(0).name()).isEqualTo("Toon12");
      assertThat(stored.get(0).address()).isEqualTo("10.0.0.12");
      assertThat(stored.get(0).atEpochMillis()).isEqualTo(12_000L);
      assertThat(index.recentLogins(2)).hasSize(2);
    }
  }
}
