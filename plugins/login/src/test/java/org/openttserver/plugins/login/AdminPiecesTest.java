package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
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
    assertThat(levels.level("FLIPPY", 0)).isEqualTo(300);
    Files.writeString(file, "flippy=200\n");
    assertThat(levels.level("Flippy", 0)).isEqualTo(200);
    assertThat(levels.level("other", 0)).isEqualTo(100);
    assertThat(levels.level("nobody", 0)).isNull();
    Files.writeString(file, "flippy=0\nNew\\ Name=250\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file)
        .toMillis() + 2000));
    assertThat(levels.level("Flippy", 0)).isZero();
    assertThat(levels.level("new name", 0)).isEqualTo(250);
    Files.writeString(file, "broken=lots\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file)
        .toMillis() + 4000));
    assertThat(levels.level("Flippy", 0)).as("an unreadable file keeps the last good one").isZero();
  }

  @Test
  void accessLevels_whenAccountCreatedAfterTheGrant_thenNotGranted()
      throws Exception {
    Path file = dir.resolve(AccessLevels.FILE);
    java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    org.slf4j.Logger log = (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {org.slf4j.Logger.class}, (p, m, args) -> {
          if (m.getName().equals("warn")) {
            warnings.add(String.valueOf(args[0]));
          }
          return m.getReturnType() == boolean.class ? false : null;
        });
    AccessLevels levels = new AccessLevels(Map.of(), file, log);
    Files.writeString(file, "boss=300 2026-12-06T08:00:00Z\n");
    long grantedAt = java.time.Instant.parse("2026-12-06T08:00:00Z").getEpochSecond();
    assertThat(levels.level("Boss", grantedAt - 3600)).isEqualTo(300);
    assertThat(levels.level("Boss", grantedAt)).isEqualTo(300);
    assertThat(levels.level("Boss", grantedAt + 1)).as("created after the grant").isNull();
    Files.writeString(file, "boss=lots\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file)
        .toMillis() + 2000));
    for (int i = 0; i < 5; i++) {
      assertThat(levels.level("Boss", 0)).isEqualTo(300);
    }
    assertThat(warnings).as("warned once per change, not per look-up").hasSize(1);
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
  void loginLog_whenStartedFromStoredLogins_thenTheyComeFirstAndNewOnesAreStored() {
    AtomicLong clock = new AtomicLong(9000);
    List<LoginRecord> stored = new ArrayList<>();
    LoginLog log = new LoginLog(3, clock::get,
        List.of(new LoginRecord(2, "b", "10.0.0.2", 2000), new LoginRecord(1, "a", "10.0.0.1",
            1000), new LoginRecord(0, "z", "10.0.0.9", 500), new LoginRecord(9, "old", "x", 1)),
        stored::add);
    assertThat(log.since(0)).extracting(LoginRecord::accountId).containsExactly(2L, 1L, 0L);
    log.add(3, "c", "10.0.0.3");
    assertThat(log.since(0)).extracting(LoginRecord::accountId).containsExactly(3L, 2L, 1L);
    assertThat(stored).containsExactly(new LoginRecord(3, "c", "10.0.0.3", 9000));
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
