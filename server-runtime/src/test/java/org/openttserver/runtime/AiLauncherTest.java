package org.openttserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.ai.AiSettings;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.config.ServerConfig;

/** The {@code ai} section: defaults, and one line naming the key for each bad value. */
class AiLauncherTest {
  @TempDir Path dir;

  private ServerConfig load(String yaml) throws Exception {
    Path f = dir.resolve("c.yml");
    Files.writeString(f, yaml);
    return ConfigLoader.load(f);
  }

  private AiSettings settings(String yaml) throws Exception {
    ServerConfig c = load(yaml);
    return AiLauncher.settings(c.ai(), c.roles(), c.source());
  }

  @Test
  void noSection_runsNoAi_anEmptySection_runsTheDefaults() throws Exception {
    assertThat(load("general: {}\n").ai().enabled()).isFalse();
    ServerConfig c = load("ai: {}\n");
    assertThat(c.ai().enabled()).isTrue();
    assertThat(AiLauncher.settings(c.ai(), c.roles(), c.source())).isEqualTo(new AiSettings(
        "Toon Valley", 401000, 400_000_000L, 400_999_999L, AiSettings.Tutorial.SKIP));
    assertThat(settings("ai:\n  tutorial: Offer\n").tutorial())
        .isEqualTo(AiSettings.Tutorial.OFFER);
  }

  @Test
  void theShippedConfiguration_runsAnAiOutsideItsDatabaseRanges() throws Exception {
    ServerConfig c = ConfigLoader.load(org.openttserver.runtime.testing.TestServers.REPO.resolve("config/openttserver.yml"));
    assertThat(c.ai().enabled()).isTrue();
    assertThat(AiLauncher.settings(c.ai(), c.roles(), c.source()).districtName())
        .isEqualTo("Toon Valley");
  }

  @Test
  void doIdsOverlappingADatabaseRange_areRefusedNamingBothKeys() {
    assertThatThrownBy(() -> settings("ai:\n  do_ids: {min: 150000000, max: 150999999}\n"
        + "roles:\n  - type: database\n    generate: {min: 100000000, max: 199999999}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'ai.do_ids'").hasMessageContaining("roles[0].generate");
    assertThatThrownBy(() -> settings("ai:\n  do_ids: {min: 150000000, max: 150999999}\n"
        + "roles:\n  - type: dbss\n    ranges:\n      - {min: 1, max: 2}\n"
        + "      - {min: 150000000, max: 150000001}\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("roles[0].ranges[1]");
  }

  @Test
  void aChannelSomethingElseUses_isRefusedNamingIt() {
    assertThatThrownBy(() -> settings("ai:\n  channel: 5536\n"))
        .hasMessageContaining("key 'ai.channel'").hasMessageContaining("extension.channel");
    assertThatThrownBy(() -> settings("ai:\n  channel: 402000\n"
        + "roles:\n  - type: stateserver\n    control: 402000\n"))
        .hasMessageContaining("key 'ai.channel'").hasMessageContaining("roles[0].control");
    assertThatThrownBy(() -> settings("ai:\n  channel: 1000000005\n"
        + "roles:\n  - type: clientagent\n    channels: {min: 1000000000, max: 1009999999}\n"))
        .hasMessageContaining("roles[0].channels");
    assertThatThrownBy(() -> settings("ai:\n  channel: 400000005\n"))
        .hasMessageContaining("its own ai.do_ids");
    assertThatThrownBy(() -> settings("ai:\n  do_ids: {min: 1000000000, max: 1000099999}\n"
        + "roles:\n  - type: clientagent\n    channels: {min: 1000000000, max: 1009999999}\n"))
        .hasMessageContaining("key 'ai.do_ids'").hasMessageContaining("roles[0].channels");
  }

  @Test
  void badValues_areOneLineNamingTheKey() {
    assertThatThrownBy(() -> settings("ai:\n  district_name: ''\n"))
        .hasMessageContaining("key 'ai.district_name'");
    assertThatThrownBy(() -> settings("ai:\n  tutorial: always\n"))
        .hasMessageContaining("key 'ai.tutorial'").hasMessageContaining("skip, offer");
    assertThatThrownBy(() -> settings("ai:\n  channel: 10\n"))
        .hasMessageContaining("key 'ai.channel'").hasMessageContaining("reserved");
    assertThatThrownBy(() -> settings("ai:\n  do_ids: {min: 5, max: 6}\n"))
        .hasMessageContaining("key 'ai.do_ids'");
    assertThatThrownBy(() -> {
      ServerConfig c = load("ai: {}\n");
      AiLauncher.settings(c.ai(), c.roles(), c.source(), 10);
    }).isInstanceOf(ConfigException.class).hasMessageContaining("key 'extension.channel'")
        .hasMessageContaining("10 is reserved").hasMessageNotContaining("ai.channel");
    assertThatThrownBy(() -> settings("ai:\n  district: x\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("district");
  }
}
