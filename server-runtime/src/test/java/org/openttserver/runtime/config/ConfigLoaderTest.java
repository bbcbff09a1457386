package org.openttserver.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.testing.TestServers;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    return Files.writeString(dir.resolve("openttserver.yml"), yaml);
  }

  private ConfigException loadFails(String yaml) throws Exception {
    Path f = file(yaml);
    ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
        () -> ConfigLoader.load(f));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith(f.toString()).doesNotContain("\n");
    return e;
  }

  @Test
  void load_whenFileEmpty_thenDefaults() throws Exception {
    ServerConfig c = ConfigLoader.load(file(""));

    assertThat(c.general().dataDir()).isEqualTo("data");
    assertThat(c.general().dcFiles()).containsExactly("etc/toon.dc", "config/dc/openttserver.dc");
    assertThat(c.general().dcFallback()).isEqualTo("config/dc/demo-toon.dc");
    assertThat(c.general().clientDcHash()).isZero();
    assertThat(c.messagedirector().bind()).isEqualTo("127.0.0.1:7199");
    assertThat(c.extension().channel()).isEqualTo(5536L);
    assertThat(c.extension().pluginsDir()).isEqualTo("plugins");
    assertThat(c.extension().handlerTimeoutMs()).isEqualTo(30_000);
    assertThat(c.extension().ejectClientsOnLoss()).isTrue();
    assertThat(c.roles()).isEmpty();
    assertThat(c.plugins()).isEmpty();
    assertThat(c.source()).isEqualTo(dir.resolve("openttserver.yml"));
  }

  @Test
  void load_whenValuesGiven_thenBoundWithSnakeCaseKeys() throws Exception {
    ServerConfig c = ConfigLoader.load(file("""
        general:
          dc_files: [etc/toon.dc, config/extra.dc]
          data_dir: state
        messagedirector:
          bind: 127.0.0.1:7200
        extension:
          handler_timeout_ms: 500
        plugins:
          login:
            enabled: false
            secret: x
        """));

    assertThat(c.general().dcFiles()).containsExactly("etc/toon.dc", "config/extra.dc");
    assertThat(c.general().dataDir()).isEqualTo("state");
    assertThat(c.messagedirector().bind()).isEqualTo("127.0.0.1:7200");
    assertThat(c.extension().handlerTimeoutMs()).isEqualTo(500);
    assertThat(c.plugins().get("login").path("secret").asText()).isEqualTo("x");
  }

  @Test
  void bridgeSettings_whenKeysAbsent_thenDefaultChannelsAndTimeout() throws Exception {
    ServerConfig c = ConfigLoader.load(file(""));

    var b = c.extension().bridgeSettings(c.source());

    assertThat(b.databaseChannel()).isEqualTo(402001L);
    assertThat(b.stateServerChannel()).isEqualTo(402000L);
    assertThat(b.timeout()).isEqualTo(java.time.Duration.ofSeconds(5));
  }

  @Test
  void bridgeSettings_whenKeysGiven_thenUsed() throws Exception {
    ServerConfig c = ConfigLoader.load(file("""
        extension:
          database_channel: 4003
          stateserver_channel: 4002
          bridge_timeout_ms: 750
        """));

    var b = c.extension().bridgeSettings(c.source());

    assertThat(b.databaseChannel()).isEqualTo(4003L);
    assertThat(b.stateServerChannel()).isEqualTo(4002L);
    assertThat(b.timeout()).isEqualTo(java.time.Duration.ofMillis(750));
  }

  @Test
  void bridgeSettings_whenBadValue_thenOneLineNamingTheKey() throws Exception {
    ServerConfig zero = ConfigLoader.load(file("extension:\n  database_channel: 0\n"));
    assertThatThrownBy(() -> zero.extension().bridgeSettings(zero.source()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'extension.database_channel'").hasMessageNotContaining("\n");
    ServerConfig control = ConfigLoader.load(file("extension:\n  stateserver_channel: 1\n"));
    assertThatThrownBy(() -> control.extension().bridgeSettings(control.source()))
        .hasMessageContaining("'extension.stateserver_channel'");
    ServerConfig timeout = ConfigLoader.load(file("extension:\n  bridge_timeout_ms: 0\n"));
    assertThatThrownBy(() -> timeout.extension().bridgeSettings(timeout.source()))
        .hasMessageContaining("'extension.bridge_timeout_ms'");
    ConfigException text = loadFails("extension:\n  database_channel: db\n");
    assertThat(text.getMessage()).contains("'extension.database_channel'")
        .contains("a whole number");
  }

  @Test
  void load_whenUnknownKey_thenNamesFileDottedKeyAndExpectedKeys() throws Exception {
    ConfigException e = loadFails("""
        messagedirector:
          bnd: 127.0.0.1:7199
        """);

    assertThat(e.getMessage()).contains("'messagedirector.bnd'").contains("unknown key")
        .contains("bind").contains("threaded");
  }

  @Test
  void load_whenUnknownTopLevelKey_thenListsSections() throws Exception {
    ConfigException e = loadFails("generl: {}\n");

    assertThat(e.getMessage()).contains("'generl'").contains("general")
        .contains("messagedirector").contains("plugins");
  }

  @Test
  void load_whenWrongType_thenSaysExpectedWholeNumber() throws Exception {
    ConfigException e = loadFails("""
        extension:
          handler_timeout_ms: soon
        """);

    assertThat(e.getMessage()).contains("'extension.handler_timeout_ms'")
        .contains("expected a whole number");
  }

  @Test
  void load_whenListExpected_thenSaysSo() throws Exception {
    ConfigException e = loadFails("""
        general:
          dc_files:
            a: b
        """);

    assertThat(e.getMessage()).contains("general.dc_files").contains("expected a list");
  }

  @Test
  void load_whenYamlSyntaxError_thenOneLineWithFileLineAndColumn() throws Exception {
    ConfigException e = loadFails("""
        general:
          data_dir: "unclosed
        extension: {}
        """);

    assertThat(e.getMessage()).matches(java.util.regex.Pattern.quote(dir.resolve(
        "openttserver.yml").toString()) + ":\\d+:\\d+: YAML syntax error: .+");
  }

  @Test
  void load_whenTopLevelIsList_thenAsksForMapping() throws Exception {
    ConfigException e = loadFails("- a\n- b\n");

    assertThat(e.getMessage()).contains("expected a mapping");
  }

  @Test
  void load_whenFileMissing_thenOneLine() {
    Path missing = dir.resolve("nope.yml");

    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(missing.toString())
        .hasMessageContaining("not found")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void serverStart_whenRoleTypeUnknown_thenConfigExceptionNamesRolesIndexType() throws Exception {
    ServerConfig c = ConfigLoader.load(file("""
        messagedirector:
          bind: ""
        roles:
          - type: nosuchrole
            control: 402000
        """));

    assertThatThrownBy(() -> Server.start(c, TestServers.REPO, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("roles[0].type")
        .hasMessageContaining("nosuchrole");
  }

  @Test
  void hostPort_whenNotAnAddress_thenNamesKey() {
    assertThatThrownBy(() -> HostPort.parse("localhost:http", 7199, Path.of("a.yml"),
            "messagedirector.bind"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("messagedirector.bind").hasMessageContaining("localhost:http");
    assertThat(HostPort.parse("127.0.0.1", 7199, Path.of("a.yml"), "k").getPort()).isEqualTo(7199);
    assertThat(HostPort.parse(":0", 7199, Path.of("a.yml"), "k").getPort()).isZero();
  }
}
