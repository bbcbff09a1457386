package org.openttserver.plugins.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged names survive the process being killed (SIGKILL, no shutdown hooks). */
class NameIndexKillTest {
  @TempDir
  Path dir;

  @Test
  void insert_whenProcessKilledAfterAck_thenEveryAcknowledgedNameKept() throws Exception {
    int count = 20;
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        NameIndexChild.class.getName(), dir.toString(), Integer.toString(count))
        .redirectErrorStream(true).start();
    int acked = -1;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acked < count - 1 && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked = Integer.parseInt(line.substring(4));
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acked).isEqualTo(count - 1);
    try (NameIndex index = new NameIndex(dir)) {
      for (int i = 0; i < count; i++) {
        assertThat(index.find("name" + i)).isEqualTo(OptionalLong.of(100_000_000L + i));
      }
    }
  }
}
