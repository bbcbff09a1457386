package org.openttserver.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.testclient.PluginJars;
import org.openttserver.testclient.game.GameClient;
import org.pf4j.PluginState;

class TestServerTest {
  @TempDir Path tmp;

  @Test
  void pluginFromCompiledClasses_whenStarted_thenAnswersAScriptedClient() {
    try (TestServer server = TestServer.withPlugin(HelloPlugin.class).builtins().start();
        GameClient client = server.newClient()) {
      assertThat(client.shardList().values())
          .extracting(GameClient.Shard::name).containsExactly(HelloPlugin.NAME);
      assertThat(server.server().plugins().getPlugin("hello").getPluginState())
          .isEqualTo(PluginState.STARTED);
    }
  }

  @Test
  void ownDirectory_whenClosed_thenDeleted() {
    Path dir;
    try (TestServer server = TestServer.builder().builtins("login").start()) {
      dir = server.directory();
      assertThat(dir.resolve("openttserver.yml")).exists();
      server.loggedInClient();
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void pluginJar_whenClaimingABuiltinsMessage_thenStartFailsNamingBoth() throws Exception {
    Path jar = PluginJars.write(tmp.resolve("jars"), "hijack", HelloPlugin.class);

    assertThatThrownBy(() -> TestServer.builder().builtins("districts").pluginJar(jar)
        .directory(tmp.resolve("server")).start())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'hijack'").hasMessageContaining("'districts'");
  }

  @Test
  void builtins_whenUnknownId_thenRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> TestServer.builder().builtins("chat"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("login");
  }

  @Test
  void clientInGame_withTheBuiltins_thenHasAToon() throws Exception {
    Files.createDirectories(tmp);
    try (TestServer server = TestServer.builder().directory(tmp).start()) {
      GameClient c = server.clientInGame();
      assertThat(c.avatarId()).isPositive();
    }
  }
}
