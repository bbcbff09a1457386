package org.openttserver.plugins.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review queue and name claims survive the process being killed (SIGKILL, no shutdown hooks)
 * while it writes: every write acknowledged before the kill is there after reopening.
 */
class ReviewStoreKillTest {
  @TempDir Path dir;

  @Test
  void store_whenKilledMidWrite_thenEveryAcknowledgedWriteKept() throws Exception {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        ReviewStoreChild.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    Set<Long> queued = new HashSet<>();
    Set<Long> removed = new HashSet<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (queued.size() < 40 && (line = out.readLine()) != null) {
        if (line.startsWith("WISH ")) {
          queued.add(Long.parseLong(line.substring(5)));
        } else if (line.startsWith("GONE ")) {
          removed.add(Long.parseLong(line.substring(5)));
        }
      }
    } finally {
      child.destroyForcibly(); // SIGKILL while the child keeps writing
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(queued).hasSize(40);
    try (ReviewStore store = new ReviewStore(dir)) {
      for (long i : queued) {
        assertThat(store.wish(100_000_000L + i).isPresent()).as("wish %d", i)
            .isEqualTo(!removed.contains(i));
        assertThat(store.holder("wish" + i)).as("claim %d", i)
            .contains(new ReviewStore.Holder(100_000_000L + i, i));
      }
    }
  }
}
