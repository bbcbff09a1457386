package org.openttserver.plugins.friends;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairJournalTest {
  @TempDir Path dir;

  @Test
  void openChangesAreReadBack_finishedOnesAndATornLastLineAreNot() throws Exception {
    Path file = dir.resolve("sub/friends.journal");
    PairJournal j = new PairJournal(file);
    j.begin(1, 100, 200, 0, 0).join();
    j.begin(2, 300, 400, -1, -1).join();
    j.begin(3, 500, 600, 1, 1).join();
    j.done(1).join();
    j.close();
    Files.writeString(file, "P 4 700 800 0", StandardCharsets.ISO_8859_1,
        StandardOpenOption.APPEND); // torn: no newline
    assertThat(new PairJournal(file).unfinished()).containsExactly(
        new PairJournal.Open(2, 300, 400, -1, -1), new PairJournal.Open(3, 500, 600, 1, 1));
    assertThat(new PairJournal.Open(2, 300, 400, -1, -1).addition()).isFalse();
  }

  @Test
  void clear_emptiesTheFile_andAMissingFileHasNothingOpen() throws Exception {
    Path file = dir.resolve("friends.journal");
    PairJournal j = new PairJournal(file);
    assertThat(j.unfinished()).isEmpty();
    j.begin(1, 1, 2, 0, 0).join();
    j.done(1).join();
    assertThat(Files.size(file)).isPositive();
    j.clear().join();
    assertThat(Files.size(file)).isZero();
    assertThat(j.unfinished()).isEmpty();
    j.close();
  }

  @Test
  void theFileIsTruncatedOnceNothingIsOpenAndItHasGrown() throws Exception {
    Path file = dir.resolve("friends.journal");
    PairJournal j = new PairJournal(file);
    for (int i = 1; i <= 3000; i++) {
      j.begin(i, 100_000_000L + i, 200_000_000L + i, 0, 0).join();
      j.done(i).join();
    }
    assertThat(Files.size(file)).isLessThan(64 * 1024 + 100);
    j.begin(5000, 1, 2, 0, 0).join();
    assertThat(j.unfinished()).extracting(PairJournal.Open::seq).containsExactly(5000L);
    j.close();
  }

  @Test
  void numbersContinueAboveTheFile_soANewChangeNeverClosesAnOldOpenOne() throws Exception {
    Path file = dir.resolve("friends.journal");
    Files.writeString(file, "P 7 1 2 0 0\nP 3 5 6 0 0\nD 3\n", StandardCharsets.ISO_8859_1);
    PairJournal j = new PairJournal(file);
    assertThat(j.unfinished()).extracting(PairJournal.Open::seq).containsExactly(7L);
    long s = j.next();
    assertThat(s).isGreaterThan(7);
    j.begin(s, 3, 4, 0, 0).join();
    j.done(s).join();
    assertThat(j.unfinished()).extracting(PairJournal.Open::seq).containsExactly(7L);
    j.close();
  }

  @Test
  void aLaterChangeOfThePair_closesAnEarlierOpenOne_inEitherOrderOfTheIds() throws Exception {
    Path file = dir.resolve("friends.journal");
    Files.writeString(file, "P 1 10 20 0 0\nP 2 20 10 -1 -1\nD 2\n"
        + "P 3 30 40 0 0\nP 4 40 30 1 1\nP 5 50 60 0 0\n", StandardCharsets.ISO_8859_1);
    assertThat(new PairJournal(file).unfinished()).containsExactly(
        new PairJournal.Open(4, 40, 30, 1, 1), new PairJournal.Open(5, 50, 60, 0, 0));
  }

  @Test
  void clear_isRefusedWhileAChangeIsOpen() throws Exception {
    Path file = dir.resolve("friends.journal");
    PairJournal j = new PairJournal(file);
    j.begin(1, 1, 2, 0, 0).join();
    assertThat(j.openChanges()).isEqualTo(1);
    assertThat(j.clear()).failsWithin(java.time.Duration.ofSeconds(5));
    assertThat(j.unfinished()).extracting(PairJournal.Open::seq).containsExactly(1L);
    j.done(1).join();
    assertThat(j.openChanges()).isZero();
    j.clear().join();
    assertThat(Files.size(file)).isZero();
    j.close();
  }
}
