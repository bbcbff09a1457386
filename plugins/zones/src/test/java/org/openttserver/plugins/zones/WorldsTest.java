package org.openttserver.plugins.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dna.DnaWorld;
import org.slf4j.LoggerFactory;

/** Which world the plugin serves: the user's DNA files, the demo world, or a refusal. */
class WorldsTest {
  @TempDir Path dir;

  @Test
  void noDnaFiles_servesTheDemoWorld() {
    Worlds.Loaded w = Worlds.load(List.of(dir.toString()), LoggerFactory.getLogger("t"));
    assertThat(w.demo()).isTrue();
    assertThat(w.description()).isEqualTo("playgrounds 2000; streets 2100 (8 visgroups)");
    DnaWorld world = w.world();
    for (int z = 2101; z <= 2108; z++) {
      assertThat(world.contains(z)).as("zone %d", z).isTrue();
    }
    assertThat(world.contains(2109)).isFalse();
    assertThat(world.contains(2000)).isTrue();
    assertThat(List.of(2603, 2607, 2609, 2513, 2520)).allMatch(world::contains);
    assertThat(world.visibleZones(2101)).containsExactly(2101, 2102, 2103, 2100);
  }

  @Test
  void usersFlatFile_isServedInsteadOfTheDemo() throws Exception {
    Files.writeString(dir.resolve("toontown_central_2200.dna"), """
        group "street" [
          visgroup "2201" [ vis [ "2201" "2202" ] ]
          visgroup "2202" [ vis [ "2202" ] ]
        ]
        """);
    Worlds.Loaded w = Worlds.load(List.of(dir.toString()), LoggerFactory.getLogger("t"));
    assertThat(w.demo()).isFalse();
    assertThat(w.description()).isEqualTo("playgrounds none; streets 2200 (2 visgroups)");
    assertThat(w.world().contains(2101)).isFalse();
    assertThat(w.world().visibleZones(2201)).containsExactly(2201, 2202, 2200);
  }

  @Test
  void malformedFile_isOneLineWithFileAndLine() throws Exception {
    Files.writeString(dir.resolve("toontown_central_2100.dna"),
        "group \"street\" [\n  visgroup \"2101\" [\n    vis [ \"2101\" ]\n  ]\n]\n]\n");
    assertThatThrownBy(() -> Worlds.load(List.of(dir.toString()), LoggerFactory.getLogger("t")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("toontown_central_2100.dna:6:")
        .hasMessageStartingWith("zones: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void config_defaultsToEtc_andRefusesEmptyEntries() {
    assertThat(ZonesConfig.defaults().dnaDirs()).containsExactly("etc");
    assertThatThrownBy(() -> new ZonesConfig(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dna_dirs");
  }
}
