package org.openttserver.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.BootCode;
import org.openttserver.runtime.FakeClientAgent;
import org.openttserver.runtime.FakeClientAgent.Connection;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.runtime.config.ServerConfig;
import org.openttserver.runtime.plugin.fixtures.BridgePlugin;
import org.openttserver.runtime.plugin.fixtures.ClashingPlugin;
import org.openttserver.runtime.plugin.fixtures.ConfiguredPlugin;
import org.openttserver.runtime.plugin.fixtures.EchoPlugin;
import org.openttserver.runtime.plugin.fixtures.NotAGamePlugin;
import org.openttserver.testclient.PluginJars;
import org.pf4j.PluginState;
import org.openttserver.runtime.testing.TestServers;

class PluginHostTest {
  private static final Path CONFIG_FILE = Path.of("test.yml");

  @TempDir Path work;
  private Server server;
  private FakeClientAgent ca;

  @AfterEach
  void tearDown() {
    if (ca != null) {
      ca.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Path builtin() {
    return work.resolve("builtin");
  }

  private static ObjectNode section() {
    return JsonNodeFactory.instance.objectNode();
  }

  private Server start(Map<String, JsonNode> plugins) throws InterruptedException {
    ServerConfig config = new ServerConfig(TestServers.general(),
        new ServerConfig.MessageDirectorConfig("", null, null),
        new ServerConfig.ExtensionConfig(null, null, 2_000, false),
        null, plugins, CONFIG_FILE);
    return Server.start(config, work, List.of(builtin()));
  }

  private Connection connect(long channel) {
    ca = new FakeClientAgent(server.newParticipant("client-agent"));
    return ca.connect(channel);
  }

  @Test
  void enabledPlugin_whenClientSendsItsType_thenItsHandlerAnswers() throws Exception {
    PluginJars.write(builtin(), "echo", EchoPlugin.class);
    server = start(Map.of());

    Connection c = connect(100_001);
    c.send(EchoPlugin.ECHO, w -> w.u8(77));

    FakeClientAgent.Reply reply = c.nextReply();
    assertThat(reply.type()).isEqualTo(EchoPlugin.ECHO_RESP);
    assertThat(reply.payload().readU8()).isEqualTo(77);
    assertThat(server.plugins().getPlugin("echo").getPluginState()).isEqualTo(PluginState.STARTED);
  }

  @Test
  void bridge_whenExtensionKeysGiven_thenThePluginsBridgeUsesThemAndReachesItsClients()
      throws Exception {
    PluginJars.write(builtin(), "bridge", BridgePlugin.class);
    ServerConfig config = new ServerConfig(TestServers.general(),
        new ServerConfig.MessageDirectorConfig("", null, null),
        new ServerConfig.ExtensionConfig(null, null, 2_000, false, 4003L, 4002L, 750),
        null, Map.of(), CONFIG_FILE);
    server = Server.start(config, work, List.of(builtin()));
    int tracked = server.plugins().registrationCount("bridge");

    Connection c = connect(100_001);
    c.send(BridgePlugin.ASK, w -> { });
    FakeClientAgent.Reply answer = c.nextReply();
    FakeClientAgent.Reply via = c.nextReply();

    assertThat(answer.type()).isEqualTo(BridgePlugin.ANSWER);
    var r = answer.payload();
    assertThat(r.readU64()).isEqualTo(5536L);
    assertThat(r.readU64()).isEqualTo(4003L);
    assertThat(r.readU64()).isEqualTo(4002L);
    assertThat(r.readU32()).isEqualTo(750L);
    assertThat(r.readU8()).as("same bridge on every call").isEqualTo(1);
    assertThat(via.type()).isEqualTo(BridgePlugin.VIA_BRIDGE);
    assertThat(via.payload().readU8()).isEqualTo(9);
    assertThat(server.plugins().registrationCount("bridge")).as("the bridge is closed with the plugin: tracked in its scope")
        .isEqualTo(tracked + 1);
  }

  @Test
  void bridge_whenThePluginStopped_thenRefusedInsteadOfTheClosedBridge() throws Exception {
    PluginJars.write(builtin(), "bridge", BridgePlugin.class);
    server = start(Map.of());
    PluginContext ctx = server.plugins().context("bridge");
    var before = ctx.bridge();

    server.plugins().stopPlugin("bridge");

    assertThatThrownBy(ctx::bridge).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped");
    server.plugins().startPlugin("bridge");
    assertThat(ctx.bridge()).as("a new bridge after a restart").isNotSameAs(before);
  }

  @Test
  void scheduler_afterARestart_runsTasksAgain() throws Exception {
    PluginJars.write(builtin(), "bridge", BridgePlugin.class);
    server = start(Map.of());
    PluginContext ctx = server.plugins().context("bridge");
    var before = ctx.scheduler();

    server.plugins().stopPlugin("bridge");
    assertThat(before.isShutdown()).as("the stopped plugin's timers are shut down").isTrue();
    server.plugins().startPlugin("bridge");

    var after = ctx.scheduler();
    assertThat(after).isNotSameAs(before);
    assertThat(after.schedule(() -> "ran", 1, java.util.concurrent.TimeUnit.MILLISECONDS)
        .get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("ran");
  }

  @Test
  void disabledPlugin_whenServerStarts_thenNeverInstantiatedAndItsTypeEjects108()
      throws Exception {
    PluginJars.write(builtin(), "echo", EchoPlugin.class);
    server = start(Map.of("echo", section().put("enabled", false)));

    assertThat(server.plugins().registrationCount("echo")).isEqualTo(-1);
    assertThat(server.plugins().getPlugin("echo").getPluginState())
        .isEqualTo(PluginState.DISABLED);
    Connection c = connect(100_001);
    c.send(EchoPlugin.ECHO, w -> w.u8(1));
    assertThat(c.nextEject().code()).isEqualTo(BootCode.INVALID_MSGTYPE);
  }

  @Test
  void twoPlugins_whenClaimingSameType_thenStartFailsNamingBothAndType() throws Exception {
    PluginJars.write(builtin(), "echo", EchoPlugin.class);
    PluginJars.write(builtin(), "clash", ClashingPlugin.class, EchoPlugin.class);

    assertThatThrownBy(() -> start(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'echo'")
        .hasMessageContaining("'clash'")
        .hasMessageContaining(String.valueOf(EchoPlugin.ECHO));
  }

  @Test
  void stopPlugin_whenRunning_thenRemovesItsRegistrationsAndTypeEjects108() throws Exception {
    PluginJars.write(builtin(), "echo", EchoPlugin.class);
    server = start(Map.of());
    assertThat(server.plugins().registrationCount("echo")).isGreaterThanOrEqualTo(4);
    int claimed = server.extension().messages().size();

    server.plugins().stopPlugin("echo");

    assertThat(server.plugins().registrationCount("echo")).isZero();
    assertThat(server.extension().messages().size()).isEqualTo(claimed - 1);
    Connection c = connect(100_001);
    c.send(EchoPlugin.ECHO, w -> w.u8(1));
    assertThat(c.nextEject().code()).isEqualTo(BootCode.INVALID_MSGTYPE);
  }

  @Test
  void pluginSection_whenEnabledIsNotBoolean_thenConfigExceptionNamesKey() throws Exception {
    PluginJars.write(builtin(), "echo", EchoPlugin.class);

    assertThatThrownBy(() -> start(Map.of("echo", section().put("enabled", "maybe"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plugins.echo.enabled")
        .hasMessageContaining("maybe")
        .hasMessageContaining(CONFIG_FILE.toString());
  }

  @Test
  void configuredPlugin_whenSectionValid_thenBindsIt() throws Exception {
    PluginJars.write(builtin(), "configured", ConfiguredPlugin.class);
    server = start(Map.of("configured", section().put("enabled", true).put("answer", 42)));

    Connection c = connect(100_001);
    c.send(ConfiguredPlugin.GREET, w -> { });
    assertThat(c.nextReply().payload().readU16()).isEqualTo(42);
  }

  @Test
  void configuredPlugin_whenSectionHasUnknownKey_thenStartFailsNamingKey() throws Exception {
    PluginJars.write(builtin(), "configured", ConfiguredPlugin.class);

    assertThatThrownBy(() -> start(Map.of("configured", section().put("answr", 42))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plugins.configured.answr");
  }

  // Plugin records live in unnamed modules at run time; these tests bind a record of this
  // (exported) package because test classes are patched into the runtime module.
  @Test
  void bind_whenUnknownKey_thenIllegalArgumentNamingDottedKey() {
    RuntimePluginConfig config = new RuntimePluginConfig("login",
        section().put("enabled", true).put("answr", 1), CONFIG_FILE);

    assertThat(config.enabled()).isTrue();
    assertThatThrownBy(() -> config.bind(BindTarget.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugins.login.answr")
        .hasMessageContaining("answer")
        .hasMessageContaining(CONFIG_FILE.toString());
  }

  @Test
  void bind_whenWrongType_thenIllegalArgumentSayingExpectedType() {
    RuntimePluginConfig config = new RuntimePluginConfig("login",
        section().put("answer", "lots"), CONFIG_FILE);

    assertThatThrownBy(() -> config.bind(BindTarget.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plugins.login.answer")
        .hasMessageContaining("expected a whole number");
  }

  @Test
  void bind_whenSectionAbsent_thenDefaultsAndEnabled() {
    RuntimePluginConfig config = new RuntimePluginConfig("login", null, CONFIG_FILE);

    assertThat(config.enabled()).isTrue();
    assertThat(config.bind(BindTarget.class)).isEqualTo(new BindTarget(null, null));
  }

  @Test
  void bind_whenSectionValid_thenEnabledRemovedAndValuesBound() {
    RuntimePluginConfig config = new RuntimePluginConfig("login",
        section().put("enabled", false).put("answer", 7).put("greeting", "hi"), CONFIG_FILE);

    assertThat(config.enabled()).isFalse();
    assertThat(config.bind(BindTarget.class)).isEqualTo(new BindTarget(7, "hi"));
  }

  @Test
  void pluginSection_whenNotAMapping_thenConfigExceptionNamesKey() {
    assertThatThrownBy(() -> new RuntimePluginConfig("login",
            JsonNodeFactory.instance.textNode("on"), CONFIG_FILE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plugins.login");
  }

  @Test
  void jarWithNonGamePluginClass_whenServerStarts_thenLoggedNotStartedAndServerRuns()
      throws Exception {
    PluginJars.write(builtin(), "alien", NotAGamePlugin.class);
    PluginJars.write(builtin(), "echo", EchoPlugin.class);
    server = start(Map.of());

    assertThat(server.plugins().getPlugin("alien").getPluginState())
        .isNotEqualTo(PluginState.STARTED);
    assertThat(server.plugins().registrationCount("alien")).isEqualTo(-1);
    Connection c = connect(100_001);
    c.send(EchoPlugin.ECHO, w -> w.u8(3));
    assertThat(c.nextReply().payload().readU8()).isEqualTo(3);
  }

  @Test
  void dropInDirectory_whenItIsTheBuiltinOne_thenItsJarsAreLoadedOnce() throws Exception {
    // A distribution: plugins/ beside the jar holds the built-ins, and is extension.plugins_dir.
    PluginJars.write(work.resolve("plugins"), "echo", EchoPlugin.class);
    ServerConfig config = new ServerConfig(TestServers.general(),
        new ServerConfig.MessageDirectorConfig("", null, null),
        new ServerConfig.ExtensionConfig(null, null, 2_000, false),
        null, Map.of(), CONFIG_FILE);
    server = Server.start(config, work, List.of(work.resolve("plugins")));

    assertThat(server.plugins().getPluginsRoots()).containsExactly(work.resolve("plugins"));
    assertThat(server.plugins().getPlugin("echo").getPluginState())
        .isEqualTo(PluginState.STARTED);
  }
}
