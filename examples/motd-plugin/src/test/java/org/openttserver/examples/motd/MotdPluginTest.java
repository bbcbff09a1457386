package org.openttserver.examples.motd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.testclient.game.GameClient;
import org.openttserver.testkit.TestServer;
import org.pf4j.PluginState;

class MotdPluginTest {
  // tag::test[]
  @Test
  void toonEntersTheGame_thenItsClientIsShownTheConfiguredMessage() {
    try (TestServer server = TestServer.withPlugin(MotdPlugin.class)
            .config("motd", "text: Hello from the test kit!").start();
        GameClient client = server.clientInGame()) {
      assertThat(client.awaitUpdate(client.avatarId(), "DistributedToon", "setSystemMessage"))
          .containsExactly(0L, "Hello from the test kit!");
    }
  }
  // end::test[]

  @Test
  void nameInTheMessage_thenReplacedByTheToonsNameFromTheDatabase() {
    try (TestServer server = TestServer.withPlugin(MotdPlugin.class)
            .config("motd", "text: \"Welcome back, {name}!\"").start();
        GameClient client = server.clientInGame()) {
      String name = (String) client.detail("setName").get(0);

      assertThat(client.awaitUpdate(client.avatarId(), "DistributedToon", "setSystemMessage"))
          .containsExactly(0L, "Welcome back, " + name + "!");
      assertThat(name).isNotBlank();
    }
  }

  @Test
  void messageSavedInTheDataDirectory_thenItWinsOverTheConfiguredOne(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("data/plugins/motd"));
    Files.writeString(dir.resolve("data/plugins/motd/motd.txt"), "Saved earlier\n");

    try (TestServer server = TestServer.withPlugin(MotdPlugin.class).directory(dir)
            .config("motd", "text: From the configuration").start();
        GameClient client = server.clientInGame()) {
      assertThat(client.awaitUpdate(client.avatarId(), "DistributedToon", "setSystemMessage"))
          .containsExactly(0L, "Saved earlier");
    }
  }

  @Test
  void withoutTheAvatarsPlugin_thenTheServerAndThePluginStillRun() {
    try (TestServer server = TestServer.withPlugin(MotdPlugin.class).builtins("login").start()) {
      assertThat(server.server().plugins().getPlugin("motd").getPluginState())
          .isEqualTo(PluginState.STARTED);
      server.loggedInClient();
    }
  }
}
