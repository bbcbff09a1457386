package org.openttserver.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.game.GameClient;
import org.pf4j.PluginState;

/** The admin page's port is taken: the game server starts without the page, and plays. */
class AdminPortTakenTest {
  @TempDir Path dir;

  @Test
  void start_whenAdminPortTaken_thenOnlyTheAdminPluginIsOffAndClientsLogIn() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String yaml = EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC, "", true,
          EmbeddedServers.TEST_LOGIN + "  admin:\n    http_bind: 127.0.0.1:"
              + taken.getLocalPort() + "\n");
      try (Server server = EmbeddedServers.start(dir, yaml, "")) {
        assertThat(server.plugins().getPlugin("admin").getPluginState())
            .isEqualTo(PluginState.FAILED);
        assertThat(server.plugins().getPlugin("login").getPluginState())
            .isEqualTo(PluginState.STARTED);
        try (GameClient c = GameClient.connect(EmbeddedServers.gamePort(server),
            server.dc().file(), server.dc().clientHash())) {
          assertThat(c.login("PortTaken").returnCode()).isZero();
        }
      }
    }
  }
}
