package org.openttserver.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.BootCode;
import org.openttserver.testclient.PluginJars;
import org.openttserver.testclient.client.ScriptedClient;
import org.openttserver.testclient.game.GameClient;
import org.openttserver.testkit.broken.FaultyHandlerPlugin;
import org.openttserver.testkit.broken.NotAPlugin;
import org.openttserver.testkit.broken.ThrowsInStartPlugin;
import org.pf4j.PluginState;

/**
 * The operator's side: deliberately broken plugins are refused or contained with one line each,
 * and the rest of the server runs.
 */
class BrokenPluginsTest {
  @TempDir Path tmp;
  private final LogLines log = new LogLines();

  @AfterEach
  void tearDown() {
    log.close();
  }

  private Path jars() {
    return tmp.resolve("jars");
  }

  /** The healthy plugin beside the broken ones answers the district list. */
  private static void assertHelloAnswers(TestServer server) {
    try (GameClient c = server.newClient()) {
      assertThat(c.shardList().values()).extracting(GameClient.Shard::name)
          .containsExactly(HelloPlugin.NAME);
    }
  }

  @Test
  void incompatiblePlugins_whenServerStarts_thenEachRefusedWithOneLineNamingJarAndReason()
      throws Exception {
    Path future = PluginJars.write(jars(), "future", "", ">=9.0.0", FaultyHandlerPlugin.class);
    Path needy = PluginJars.write(jars(), "needy", "absent", FaultyHandlerPlugin.class);
    Path alien = PluginJars.write(jars(), "alien", NotAPlugin.class);

    try (TestServer server = TestServer.withPlugin(HelloPlugin.class).builtins()
        .pluginJar(future).pluginJar(needy).pluginJar(alien).start()) {
      assertHelloAnswers(server);
      assertThat(log.containing("'future'")).singleElement().asString()
          .contains("future.jar").contains(">=9.0.0");
      assertThat(log.containing("'needy'")).singleElement().asString()
          .contains("needy.jar").contains("'absent'").contains("not installed");
      assertThat(log.containing("'alien'")).singleElement().asString()
          .contains("alien.jar").contains("does not extend");
      assertThat(server.server().plugins().getPlugin("alien").getPluginState())
          .isNotEqualTo(PluginState.STARTED);
    }
  }

  @Test
  void exceptionInStart_thenOnlyThatPluginIsDisabledWithOneLineAndItsClaimsReleased()
      throws Exception {
    Path broken = PluginJars.write(jars(), "broken", ThrowsInStartPlugin.class);
    System.clearProperty(ThrowsInStartPlugin.STOPPED);

    try (TestServer server = TestServer.withPlugin(HelloPlugin.class).builtins()
        .pluginJar(broken).start()) {
      assertHelloAnswers(server);
      assertThat(server.server().plugins().getPlugin("broken").getPluginState())
          .isEqualTo(PluginState.FAILED);
      assertThat(System.getProperty(ThrowsInStartPlugin.STOPPED))
          .as("its stop() ran, to release what it opened").isEqualTo("true");
      assertThat(log.containing("'broken'")).singleElement().asString()
          .contains("broken.jar").contains("NullPointerException");
      ScriptedClient c = server.newClient().connection();
      c.send(ThrowsInStartPlugin.TYPE, w -> { });
      assertThat(c.expectGoGetLost(BootCode.INVALID_MSGTYPE)).contains("unknown message type");
    }
  }

  @Test
  void exceptionInStart_thenAPluginNeedingItIsNotStartedAndTheFailedOneNotTriedAgain()
      throws Exception {
    Path broken = PluginJars.write(jars(), "broken", ThrowsInStartPlugin.class);
    Path after = PluginJars.write(jars(), "after", "broken", HelloPlugin.class);

    try (TestServer server = TestServer.builder().builtins().pluginJar(broken).pluginJar(after)
        .start()) {
      assertThat(server.server().plugins().getPlugin("after").getPluginState())
          .isEqualTo(PluginState.FAILED);
      assertThat(log.containing("broken.jar")).singleElement().asString()
          .contains("NullPointerException");
      assertThat(log.containing("'after'")).singleElement().asString()
          .contains("after.jar").contains("needs plugin 'broken'");
      ScriptedClient c = server.newClient().connection();
      c.send(new org.openttserver.api.protocol.GetShardList());
      assertThat(c.expectGoGetLost(BootCode.INVALID_MSGTYPE)).contains("unknown message type");
    }
  }

  @Test
  void exceptionInHandler_thenOnlyThatClientIsEjectedWithAReasonAndThePluginLogged()
      throws Exception {
    Path faulty = PluginJars.write(jars(), "faulty", FaultyHandlerPlugin.class);

    try (TestServer server = TestServer.builder().builtins().pluginJar(faulty).start()) {
      ScriptedClient victim = server.newClient().connection();
      ScriptedClient other = server.newClient().connection();
      victim.send(FaultyHandlerPlugin.TYPE, w -> w.u8(1));

      assertThat(victim.expectGoGetLost(BootCode.GENERIC)).isNotBlank();
      other.send(FaultyHandlerPlugin.TYPE, w -> w.u8(0));
      assertThat(other.expect(FaultyHandlerPlugin.REPLY).readU8()).isZero();
      assertThat(log.containing("plugin 'faulty'")).singleElement().asString()
          .contains("IllegalStateException");
    }
  }

  @Test
  void handlerBlockingPastTheTimeout_thenThatClientIsEjectedAndThePluginLogged()
      throws Exception {
    Path faulty = PluginJars.write(jars(), "faulty", FaultyHandlerPlugin.class);

    try (TestServer server = TestServer.builder().builtins().pluginJar(faulty)
        .extension("handler_timeout_ms: " + FaultyHandlerPlugin.BLOCK_MS / 4).start()) {
      ScriptedClient victim = server.newClient().connection();
      ScriptedClient other = server.newClient().connection();
      victim.send(FaultyHandlerPlugin.TYPE, w -> w.u8(2));

      // Found once the handler returns: what it sent meanwhile still goes out, then the eject.
      assertThat(victim.expect(FaultyHandlerPlugin.REPLY).readU8()).isEqualTo(2);
      assertThat(victim.expectGoGetLost(BootCode.GENERIC)).contains("in time");
      other.send(FaultyHandlerPlugin.TYPE, w -> w.u8(0));
      assertThat(other.expect(FaultyHandlerPlugin.REPLY).readU8()).isZero();
      assertThat(log.containing("plugin 'faulty'")).singleElement().asString()
          .contains("blocked");
    }
  }
}
