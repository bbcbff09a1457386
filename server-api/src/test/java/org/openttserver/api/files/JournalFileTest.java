package org.openttserver.api.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {
  @TempDir Path dir;

  private JournalFile journal(Path file) {
    return new JournalFile(file, "test-journal",
        line -> line.startsWith("B") ? 1 : line.startsWith("E") ? -1 : 0);
  }

  @Test
  void appends_areOnDiskWhenTheirFutureCompletes_inCallOrder() throws Exception {
    Path f = dir.resolve("sub/j.journal");
    try (JournalFile j = journal(f)) {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        all.add(j.append("B " + i));
      }
      all.get(99).join();
      assertThat(Files.readAllLines(f)).hasSize(100).startsWith("B 0").endsWith("B 99");
      assertThat(all).allMatch(CompletableFuture::isDone);
    }
  }

  @Test
  void lines_leaveOutATornLastLine_andNoFileIsNoLines() throws Exception {
    Path f = dir.resolve("j.journal");
    JournalFile j = journal(f);
    assertThat(j.lines()).isEmpty();
    Files.writeString(f, "B 1\nE 1\nB 2 cut sho");
    assertThat(j.lines()).containsExactly("B 1", "E 1");
    Files.writeString(f, "B 3 cut");
    assertThat(j.lines()).isEmpty();
    j.close();
  }

  @Test
  void aGrownFile_isEmptiedOnlyOnceNothingIsOpen() throws Exception {
    Path f = dir.resolve("j.journal");
    try (JournalFile j = journal(f)) {
      String pad = "x".repeat(1000);
      j.append("B 0").join();
      for (int i = 0; i < 80; i++) {
        j.append("N " + pad).join();
      }
      assertThat(Files.size(f)).as("one entry still open").isGreaterThan(JournalFile.COMPACT_BYTES);
      j.append("E 0").join();
      assertThat(Files.size(f)).isZero();
    }
  }

  @Test
  void clear_isRefusedWhileAnEntryIsOpen_thenEmptiesTheFile() throws Exception {
    Path f = dir.resolve("j.journal");
    try (JournalFile j = journal(f)) {
      j.append("B 7").join();
      assertThatThrownBy(() -> j.clear().join()).hasCauseInstanceOf(IllegalStateException.class);
      assertThat(Files.readAllLines(f)).containsExactly("B 7");
      j.append("E 7").join();
      j.clear().join();
      assertThat(Files.size(f)).isZero();
    }
  }

  @Test
  void afterClose_anAppendFails_insteadOfThrowing() {
    JournalFile j = journal(dir.resolve("j.journal"));
    j.close();
    assertThat(j.awaitClosed(Duration.ofSeconds(5))).isTrue();
    assertThat(j.closed()).isTrue();
    assertThat(j.append("B 1")).isCompletedExceptionally();
  }
}
