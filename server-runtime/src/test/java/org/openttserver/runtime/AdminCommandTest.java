package org.openttserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code openttserver admin grant}: the login plugin's grants file under general.data_dir. */
class AdminCommandTest {
  @TempDir Path dir;

  private int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void grant_thenOneEntryPerNameWhateverItsCase() throws Exception {
    Path cfg = dir.resolve("server.yml");
    Files.writeString(cfg, "general:\n  data_dir: " + dir.resolve("data") + "\n");
    Files.createDirectories(dir.resolve("data"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "admin", "grant", "--config", cfg.toString(), "Flippy")).isZero();
    assertThat(run(out, err, "admin", "grant", "--config", cfg.toString(), "flippy", "200"))
        .isZero();
    assertThat(run(out, err, "admin", "grant", "--config", cfg.toString(), "Other Name", "0"))
        .isZero();
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(dir.resolve(
        "data/plugins/login/access-levels.properties"))) {
      p.load(r);
    }
    assertThat(p).containsOnlyKeys("flippy", "Other Name");
    assertThat(p.getProperty("flippy")).matches("200 \\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z");
    assertThat(p.getProperty("Other Name")).startsWith("0 ");
    assertThat(out.toString()).contains("Flippy has access level 300");
  }

  @Test
  void grant_whenLevelOutOfRange_thenRefusedNothingWritten() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "admin", "grant", "--config",
        dir.resolve("none.yml").toString(), "Flippy", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("0 to 65535");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void grant_whenDataDirectoryMissing_thenRefusedNothingMade() {
    Path cfg = dir.resolve("server.yml");
    StringWriter err = new StringWriter();
    try {
      Files.writeString(cfg, "general:\n  data_dir: " + dir.resolve("typo") + "\n");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(run(new StringWriter(), err, "admin", "grant", "--config", cfg.toString(),
        "Flippy")).isEqualTo(1);
    assertThat(err.toString()).contains("does not exist");
    assertThat(dir.resolve("typo")).doesNotExist();
  }

  @Test
  void grant_whenManyAtOnce_thenNoneLost() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 8; i++) {
      String name = "name" + i;
      Thread t = new Thread(() -> {
        try {
          AdminCommand.grant(data, name, 200, java.time.Instant.now());
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(data.resolve(AdminCommand.GRANTS))) {
      p.load(r);
    }
    assertThat(p).hasSize(8);
    try (var files = Files.list(data.resolve(AdminCommand.GRANTS).getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".tmp"));
    }
  }
}
