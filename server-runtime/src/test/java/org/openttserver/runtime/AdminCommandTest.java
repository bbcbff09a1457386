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
    assertThat(p).containsOnly(java.util.Map.entry("flippy", "200"),
        java.util.Map.entry("Other Name", "0"));
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
}
