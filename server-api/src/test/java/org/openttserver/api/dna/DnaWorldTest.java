package org.openttserver.api.dna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnaWorldTest {
  @TempDir Path etc;

  private void copyFixture(String fixture, Path to) throws Exception {
    Files.createDirectories(to.getParent());
    try (InputStream in = DnaWorldTest.class.getResourceAsStream(fixture)) {
      Files.copy(in, to);
    }
  }

  @Test
  void load_whenFilesFlatAndInPhaseFolders_thenBothFoundAndVisibilityComputed() throws Exception {
    copyFixture("playground_2000.dna", etc.resolve("toontown_central_sz.dna"));
    copyFixture("street_2100.dna", etc.resolve("phase_5/dna/toontown_central_2100.dna"));
    List<String> progress = new ArrayList<>();

    DnaWorld world = DnaWorld.load(List.of(etc), progress::add);

    assertThat(progress).singleElement().asString()
        .startsWith("Toontown Central (2000): playground, 2100 in ");
    assertThat(world.visibleZones(2101)).containsExactly(2101, 2102, 2100);
    assertThat(world.visibleZones(2103)).as("as written, plus the branch")
        .containsExactly(2103, 2100);
    assertThat(world.visibleZones(2000)).containsExactly(2000);
    assertThat(world.visibleZones(2607)).as("interior of block 7").containsExactly(2607);
    assertThat(world.visibleZones(2520)).as("interior of playground block 20")
        .containsExactly(2520);
    assertThat(world.contains(2102)).isTrue();
    assertThat(world.contains(2104)).isFalse();
    assertThat(world.contains(2608)).as("no block 8").isFalse();
    assertThat(world.contains(1000)).as("Donald's Dock not loaded").isFalse();
    assertThat(world.visibleZones(2199)).isEmpty();
  }

  @Test
  void of_whenAPlaygroundLandmarkStandsOutsideAnyVisGroup_thenItsInteriorIsOfThatHood()
      throws Exception {
    DnaFile sz = DnaReader.parse("sz.dna", "visgroup \"2000:safe_zone\" [ vis [ \"2000\" ] ]\n"
        + "landmark_building \"sz5:hq_DNARoot\" [ title [ \"Outside\" ] ]\n");

    DnaWorld world = DnaWorld.of(java.util.Map.of(2000, sz), java.util.Map.of());

    assertThat(world.contains(2505)).isTrue();
    assertThat(world.contains(505)).isFalse();
  }

  @Test
  void read_whenABlockNumberIsOver99_thenOneErrorWithItsLine() {
    assertThatThrownBy(() -> DnaReader.parse("b.dna", "visgroup \"2101\" [\n"
        + "  landmark_building \"tb100:x_DNARoot\" [ ]\n]\n"))
        .isInstanceOf(DnaParseException.class)
        .hasMessage("b.dna:2: landmark_building 'tb100:x_DNARoot' has block 100; blocks are 0 to 99");
  }

  @Test
  void load_whenNothingThere_thenEmptyWorldAndNoProgress() throws Exception {
    List<String> progress = new ArrayList<>();
    DnaWorld world = DnaWorld.load(List.of(etc), progress::add);

    assertThat(world.isEmpty()).isTrue();
    assertThat(progress).isEmpty();
  }

  @Test
  void load_whenAFileIsMalformed_thenItsErrorWithFileAndLine() throws Exception {
    Files.writeString(etc.resolve("toontown_central_2200.dna"), "group \"g\" [\n]\n]\n");

    assertThatThrownBy(() -> DnaWorld.load(List.of(etc), s -> { }))
        .isInstanceOf(DnaParseException.class)
        .hasMessage("toontown_central_2200.dna:3: unbalanced ']'");
  }

  @Test
  void load_whenReferenceToontownCentralFlat_thenHoodWithThreeStreets() throws Exception {
    Path ref = DnaReaderTest.REFERENCE;
    Assumptions.assumeTrue(Files.isRegularFile(ref.resolve("toontown_central_2100.dna")),
        "reference DNA absent");
    List<String> progress = new ArrayList<>();

    long t0 = System.nanoTime();
    DnaWorld world = DnaWorld.load(List.of(ref), progress::add);
    long ms = (System.nanoTime() - t0) / 1_000_000;

    System.out.println("loaded the reference Toontown Central in " + ms + " ms: " + progress);
    assertThat(world.playgrounds()).containsOnlyKeys(2000);
    assertThat(world.streets()).containsOnlyKeys(2100, 2200, 2300);
    assertThat(world.visibleZones(2101)).startsWith(2101).contains(2102, 2155, 2100);
    assertThat(world.contains(2000)).isTrue();
    assertThat(world.contains(2520)).as("a playground building's interior").isTrue();
  }
}
