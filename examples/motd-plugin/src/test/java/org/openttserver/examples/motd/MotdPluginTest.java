package org.openttserver.examples.motd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.protocol.ObjectUpdateField;
import org.openttserver.testclient.game.GameClient;
import org.openttserver.testkit.TestServer;
import org.pf4j.PluginState;

class MotdPluginTest {
  // tag::test[]
  @Test
  void toonEntersTheGame_thenItsClientIsShownTheConfiguredMessage() {
    try (TestServer server = TestServer.withPlugin(MotdPlugin.class).withDistrict("Test Valley")
            .config("motd", "text: Hello from the test kit!").start();
        GameClient client = server.clientInGame()) {
      client.enterDistrict(server.district());
      assertThat(shown(server, client))
          .containsExactly(0L, "Hello from the test kit!");
    }
  }
  // end::test[]

  @Test
  void nameInTheMessage_thenReplacedByTheToonsNameFromTheDatabase() {
    try (TestServer server = TestServer.withPlugin(MotdPlugin.class).withDistrict("Test Valley")
            .config("motd", "text: \"Welcome back, {name}!\"").start();
        GameClient client = server.clientInGame()) {
      String name = (String) client.detail("setName").get(0);
      client.enterDistrict(server.district());

      assertThat(shown(server, client))
          .containsExactly(0L, "Welcome back, " + name + "!");
      assertThat(name).isNotBlank();
    }
  }

  @Test
  void messageSavedInTheDataDirectory_thenItWinsOverTheConfiguredOne(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("data/plugins/motd"));
    Files.writeString(dir.resolve("data/plugins/motd/motd.txt"), "Saved earlier\n");

    try (TestServer server = TestServer.withPlugin(MotdPlugin.class).withDistrict("Test Valley")
            .directory(dir).config("motd", "text: From the configuration").start();
        GameClient client = server.clientInGame()) {
      client.enterDistrict(server.district());
      assertThat(shown(server, client))
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

  @Test
  void toonChosenButNotYetInADistrict_thenNoMessageUntilItEntersOne() {
    try (TestServer server = TestServer.withPlugin(MotdPlugin.class).withDistrict("Test Valley")
            .config("motd", "text: Not yet").start();
        GameClient client = server.clientInGame()) {
      // The real client would drop an update of its toon now, at the chooser's end.
      assertThat(client.awaitUpdateWithin(client.avatarId(), "DistributedToon",
          "setSystemMessage", java.time.Duration.ofMillis(800))).isEmpty();
      client.enterDistrict(server.district());
      assertThat(shown(server, client))
          .containsExactly(0L, "Not yet");
    }
  }

  /**
   * The toon's setSystemMessage: applied already (it may come while the client still enters its
   * district) or the next to come.
   */
  private static List<Object> shown(TestServer server, GameClient client) {
    DcClass toon = server.server().dc().file().dclass("DistributedToon");
    for (ObjectUpdateField u : client.updates()) {
      if (u.doId() == client.avatarId()
          && u.value(toon).field().name().equals("setSystemMessage")) {
        return u.value(toon).values();
      }
    }
    return client.awaitUpdate(client.avatarId(), "DistributedToon", "setSystemMessage");
  }
}
