package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.service.AccountAdmin.LoginRecord;
import org.slf4j.LoggerFactory;

/** What the login plugin keeps for the admin page: grants, the login log, name search. */
class AdminPiecesTest {
  @TempDir Path dir;

  @Test
  void accessLevels_whenGrantsFileNamesTheAccount_thenItWinsAndIsReadAgainWhenChanged()
      throws Exception {
    Path file = dir.resolve(AccessLevels.FILE);
    AccessLevels levels = new AccessLevels(Map.of("Flippy", 300, "Other", 100), file,
        LoggerFactory.getLogger("t"));
    assertThat(levels.level("FLIPPY")).isEqualTo(300);
    Files.writeString(file, "flippy=200\n");
    assertThat(levels.level("Flippy")).isEqualTo(200);
    assertThat(levels.level("other")).isEqualTo(100);
    assertThat(levels.level("nobody")).isNull();
    Files.writeString(file, "flippy=0\nNew\\ Name=250\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file)
        .toMillis() + 2000));
    assertThat(levels.level("Flippy")).isZero();
    assertThat(levels.level("new name")).isEqualTo(250);
    Files.writeString(file, "broken=lots\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file)
        .toMillis() + 4000));
    assertThat(levels.level("Flippy")).as("an unreadable file keeps the last good one").isZero();
  }

  @Test
  void loginLog_whenFull_thenOldestDroppedAndNewestFirst() {
    AtomicLong clock = new AtomicLong(1000);
    LoginLog log = new LoginLog(3, clock::get);
    for (int i = 1; i <= 4; i++) {
      log.add(i, "a" + i, "10.0.0." + i);
      clock.addAndGet(1000);
    }
    assertThat(log.since(0)).extracting(LoginRecord::accountId).containsExactly(4L, 3L, 2L);
    assertThat(log.since(4000)).extracting(LoginRecord::address).containsExactly("10.0.0.4");
  }

  @Test
  void search_whenPrefixHasLikeWildcards_thenTakenLiterally() throws Exception {
    try (NameIndex index = new NameIndex(dir)) {
      index.insert("Flip_py", 1);
      index.insert("FlipXpy", 2);
      index.insert("flap", 3);
      index.insert("100%", 4);
      index.reserve("Flipper");
      assertThat(index.search("FLIP", 10)).containsExactly(1L, 2L);
      assertThat(index.search("flip_", 10)).containsExactly(1L);
      assertThat(index.search("100%", 10)).containsExactly(4L);
      assertThat(index.search("", 2)).containsExactly(4L, 3L);
    }
  }
}
