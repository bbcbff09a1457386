package org.openttserver.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login history the admin page shows outlives a restart of the server. */
class AdminLoginHistoryTest {
  @TempDir Path dir;

  @Test
  void recentLogins_whenServerRestarted_thenStillListedWithTheirAddress() {
    try (AdminCluster first = AdminCluster.start(dir)) {
      first.player("Returning").close();
      assertThat(first.api("/api/players?q=Returning", null).body())
          .contains("\"logins\":[{\"address\":\"127.0.0.1\"");
    }
    try (AdminCluster second = AdminCluster.restart(dir)) {
      String players = second.api("/api/players?q=Returning", null).body();
      assertThat(players).contains("\"name\":\"Returning\"").contains("\"connected\":false")
          .contains("\"logins\":[{\"address\":\"127.0.0.1\"");
      assertThat(second.api("/api/overview", null).body())
          .as("Boss, Helper and Returning logged in within the hour before the restart")
          .containsPattern("\"logins_last_hour\":[3-9]");
    }
  }
}
