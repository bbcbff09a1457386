package org.openttserver.plugins.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  @Test
  void unfinishedOperations_areReadBack_finishedOnesAndATornLastLineAreNot() throws Exception {
    Path file = dir.resolve("sub/avatars.journal");
    Journal j = new Journal(file);
    j.creating(1, 100, "Ann Bee", 2).join();
    j.created(1, 5001).join();
    j.done(1).join();
    j.creating(2, 100, "Ann Bee", 3).join();
    j.created(2, 5002).join();
    j.creating(3, 101, "", 0).join();
    j.deleting(4, 102, "Cé", 5003).join();
    j.close();
    // a kill -9 in the middle of a line
    Files.writeString(file, "D 2", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    Journal again = new Journal(file);
    assertThat(again.unfinished()).containsExactly(
        new Journal.Open(2, true, 100, "Ann Bee", 3, 5002),
        new Journal.Open(3, true, 101, "", 0, 0),
        new Journal.Open(4, false, 102, "Cé", -1, 5003));
    again.clear().join();
    assertThat(again.unfinished()).isEmpty();
    again.creating(1, 7, "x", 1).join();
    assertThat(again.unfinished()).extracting(Journal.Open::accountId).containsExactly(7L);
    again.close();
  }
}
