package org.openttserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.runtime.testing.TestServers;
import picocli.CommandLine;

/** {@code openttserver ai}: the refusals that keep two AIs from sharing a channel, in one line. */
class AiCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldErr;

  @BeforeEach
  void captureErr() {
    oldErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(oldErr);
  }

  private Path config(String ai) throws Exception {
    Path f = dir.resolve("c.yml");
    Files.writeString(f, "general:\n  dc_files: ["
        + TestServers.REPO.resolve("config/dc/demo-toon.dc") + ", "
        + TestServers.REPO.resolve("config/dc/openttserver.dc") + "]\n" + ai);
    return f;
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFileWhoseServerRunsTheAi_needsAChannelAndIdsOfItsOwn() throws Exception {
    int code = new CommandLine(new Main()).execute("ai", "--config",
        config("ai:\n  enabled: true\n").toString());
    assertThat(code).isEqualTo(2);
    assertThat(errText()).contains("key 'ai.enabled'").contains("--channel")
        .doesNotContain("Exception");
  }

  @Test
  void aChannelOfItsOwn_butTheRunningAisIds_isRefusedToo() throws Exception {
    int code = new CommandLine(new Main()).execute("ai", "--config",
        config("ai:\n  enabled: true\n").toString(), "--channel", "401009");
    assertThat(code).isEqualTo(2);
    assertThat(errText()).contains("key 'ai.enabled'").contains("--do-ids");
  }

  @Test
  void noMessageDirector_isOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    int code = new CommandLine(new Main()).execute("ai", "--config",
        config("").toString(), "--connect", "127.0.0.1:" + port, "--channel", "401005",
        "--do-ids", "405000000-405999999");
    assertThat(code).as(errText()).isEqualTo(2);
    assertThat(errText()).startsWith("openttserver ai: ").contains("cannot connect")
        .contains(String.valueOf(port)).doesNotContain("\tat ");
  }
}
