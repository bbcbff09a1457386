package org.openttserver.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import org.openttserver.runtime.config.ServerConfig;
import org.openttserver.runtime.plugin.fixtures.EchoPlugin;
import org.openttserver.runtime.plugin.fixtures.GreeterProviderPlugin;
import org.openttserver.runtime.plugin.fixtures.GreeterUserPlugin;
import org.openttserver.runtime.plugin.fixtures.NeedsEchoPlugin;
import org.openttserver.testclient.PluginJars;
import org.openttserver.runtime.testing.TestServers;
import org.pf4j.PluginState;

/** Services between plugins (a test provider of AccountDirectory), and PF4J dependencies whose target is disabled or missing. */
class PluginServicesTest {
  @TempDir Path work;
  private Server server;
  private FakeClientAgent ca;
  private long nextChannel = 200_001;

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

  private Server start(Map<String, JsonNode> plugins) throws InterruptedException {
    ServerConfig config = new ServerConfig(TestServers.general(),
        new ServerConfig.MessageDirectorConfig("", null, null),
        new ServerConfig.ExtensionConfig(null, null, 2_000, false),
        null, plugins, Path.of("test.yml"));
    return Server.start(config, work, List.of(builtin()));
  }

  private static Map<String, JsonNode> disabled(String id) {
    return Map.of(id, JsonNodeFactory.instance.objectNode().put("enabled", false));
  }

  private Connection connect() {
    if (ca == null) {
      ca = new FakeClientAgent(server.newParticipant("client-agent"));
    }
    return ca.connect(nextChannel++);
  }

  private String greet(long accountId) {
    Connection c = connect();
    c.send(GreeterUserPlugin.GREET, w -> w.u32(accountId));
    FakeClientAgent.Reply reply = c.nextReply();
    assertThat(reply.type()).isEqualTo(GreeterUserPlugin.GREET_RESP);
    return reply.payload().readString();
  }

  @Test
  void service_whenProviderRuns_thenUserFindsIt() throws Exception {
    PluginJars.write(builtin(), "greeter", GreeterProviderPlugin.class);
    PluginJars.write(builtin(), "greetuser", GreeterUserPlugin.class);
    server = start(Map.of());

    assertThat(greet(7)).isEqualTo("acct-7");
  }

  @Test
  void service_whenProviderDisabled_thenServerStartsAndUserGetsEmptyResult() throws Exception {
    PluginJars.write(builtin(), "greeter", GreeterProviderPlugin.class);
    PluginJars.write(builtin(), "greetuser", GreeterUserPlugin.class);
    server = start(disabled("greeter"));

    assertThat(server.plugins().getPlugin("greetuser").getPluginState())
        .isEqualTo(PluginState.STARTED);
    assertThat(greet(7)).isEqualTo(GreeterUserPlugin.NOBODY);
  }

  @Test
  void service_whenProviderNotInstalled_thenUserGetsEmptyResult() throws Exception {
    PluginJars.write(builtin(), "greetuser", GreeterUserPlugin.class);
    server = start(Map.of());

    assertThat(greet(7)).isEqualTo(GreeterUserPlugin.NOBODY);
  }

  @Test
  void service_whenProviderStops_thenWithdrawnAndFoundAgainAfterRestart() throws Exception {
    PluginJars.write(builtin(), "greeter", GreeterProviderPlugin.class);
    PluginJars.write(builtin(), "greetuser", GreeterUserPlugin.class);
    server = start(Map.of());
    assertThat(greet(1)).isEqualTo("acct-1");

    server.plugins().stopPlugin("greeter");
    assertThat(greet(2)).isEqualTo(GreeterUserPlugin.NOBODY);

    server.plugins().startPlugin("greeter");
    assertThat(greet(3)).isEqualTo("acct-3");
  }

  @Test
  void service_whenTwoPluginsProvideIt_thenStartFailsNamingBoth() throws Exception {
    PluginJars.write(builtin(), "greeter", GreeterProviderPlugin.class);
    // Same class under another id: the second provide() must be refused.
    PluginJars.write(builtin(), "greeter2", GreeterProviderPlugin.class);

    assertThatThrownBy(() -> start(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'greeter'")
        .hasMessageContaining("'greeter2'")
        .hasMessageContaining("AccountDirectory");
  }

  @Test
  void hardDependency_whenTargetDisabled_thenDependentNotStartedAndServerRuns() throws Exception {
    PluginJars.write(builtin(), "echo", EchoPlugin.class);
    PluginJars.write(builtin(), "needsecho", "echo", NeedsEchoPlugin.class);
    PluginJars.write(builtin(), "greetuser", GreeterUserPlugin.class);
    server = start(disabled("echo"));

    assertThat(server.plugins().getPlugin("echo").getPluginState())
        .isEqualTo(PluginState.DISABLED);
    assertThat(server.plugins().getPlugin("needsecho").getPluginState())
        .isNotEqualTo(PluginState.STARTED);
    assertThat(server.plugins().registrationCount("needsecho")).isLessThanOrEqualTo(0);
    Connection c = connect();
    c.send(NeedsEchoPlugin.PING, w -> { });
    assertThat(c.nextEject().code()).isEqualTo(BootCode.INVALID_MSGTYPE);
    assertThat(greet(4)).isEqualTo(GreeterUserPlugin.NOBODY);
  }

  @Test
  void hardDependency_whenTargetNotInstalled_thenDependentNotStartedAndServerRuns()
      throws Exception {
    PluginJars.write(builtin(), "needsecho", "echo", NeedsEchoPlugin.class);
    PluginJars.write(builtin(), "greetuser", GreeterUserPlugin.class);
    server = start(Map.of());

    assertThat(server.plugins().getPlugin("needsecho")).satisfiesAnyOf(
        w -> assertThat(w).isNull(),
        w -> assertThat(w.getPluginState()).isNotEqualTo(PluginState.STARTED));
    Connection c = connect();
    c.send(NeedsEchoPlugin.PING, w -> { });
    assertThat(c.nextEject().code()).isEqualTo(BootCode.INVALID_MSGTYPE);
    assertThat(greet(5)).isEqualTo(GreeterUserPlugin.NOBODY);
  }

  @Test
  void hardDependency_whenTargetEnabled_thenBothStart() throws Exception {
    PluginJars.write(builtin(), "echo", EchoPlugin.class);
    PluginJars.write(builtin(), "needsecho", "echo", NeedsEchoPlugin.class);
    server = start(Map.of());

    Connection c = connect();
    c.send(NeedsEchoPlugin.PING, w -> { });
    assertThat(c.nextReply().type()).isEqualTo(NeedsEchoPlugin.PONG);
    assertThat(server.plugins().getPlugin("echo").getPluginState())
        .isEqualTo(PluginState.STARTED);
  }

  @Test
  void optionalDependency_whenTargetDisabled_thenDependentStartsWithoutIt() throws Exception {
    PluginJars.write(builtin(), "echo", EchoPlugin.class);
    PluginJars.write(builtin(), "needsecho", "echo?", NeedsEchoPlugin.class);
    server = start(disabled("echo"));

    assertThat(server.plugins().getPlugin("echo").getPluginState())
        .isEqualTo(PluginState.DISABLED);
    assertThat(server.plugins().getPlugin("needsecho").getPluginState())
        .isEqualTo(PluginState.STARTED);
    Connection c = connect();
    c.send(NeedsEchoPlugin.PING, w -> { });
    assertThat(c.nextReply().type()).isEqualTo(NeedsEchoPlugin.PONG);
  }
}
