package org.openttserver.api.dna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openttserver.api.dna.DnaFile.BattleCell;
import org.openttserver.api.dna.DnaFile.Landmark;
import org.openttserver.api.dna.DnaFile.Position;
import org.openttserver.api.dna.DnaFile.SuitEdge;
import org.openttserver.api.dna.DnaFile.SuitPoint;
import org.openttserver.api.dna.DnaFile.SuitPointType;

class DnaReaderTest {
  /** The reference copies of the real files; tests using them skip when they are absent. */
  static final Path REFERENCE = Path.of("../../shared/reference/dna").toAbsolutePath().normalize();

  private static DnaFile fixture(String name) throws Exception {
    try (InputStream in = DnaReaderTest.class.getResourceAsStream(name)) {
      return DnaReader.parse(name, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void street_whenRead_thenVisGroupsVisListsEdgesAndCellsAsWritten() throws Exception {
    DnaFile f = fixture("street_2100.dna");

    assertThat(f.visGroups()).extracting(DnaFile.VisGroup::zone).containsExactly(2101, 2102, 2103);
    assertThat(f.visGroup(2101).orElseThrow().visibleZones()).containsExactly(2101, 2102);
    assertThat(f.visGroup(2102).orElseThrow().visibleZones()).containsExactly(2102, 2101, 2103);
    assertThat(f.visGroup(2103).orElseThrow().visibleZones()).as("asymmetric, as written")
        .containsExactly(2103);
    assertThat(f.visGroup(2103).orElseThrow().name()).isEqualTo("2103:extra");
    assertThat(f.visGroup(2101).orElseThrow().suitEdges())
        .containsExactly(new SuitEdge(0, 1, 2101), new SuitEdge(1, 0, 2101));
    assertThat(f.visGroup(2103).orElseThrow().suitEdges()).containsExactly(new SuitEdge(2, 3, 2103));
    assertThat(f.visGroup(2101).orElseThrow().battleCells())
        .containsExactly(new BattleCell(20, 20, new Position(15, -20, -0.5)));
    assertThat(f.visGroup(2102).orElseThrow().battleCells()).isEmpty();
    assertThat(f.visGroup(2103).orElseThrow().battleCells()).hasSize(2)
        .first().isEqualTo(new BattleCell(10, 10, new Position(1, 2, 3)));
  }

  @Test
  void street_whenRead_thenSuitPointsOfEveryKindWithDoorBlocks() throws Exception {
    DnaFile f = fixture("street_2100.dna");

    assertThat(f.suitPoints()).hasSize(4);
    assertThat(f.suitPoints().get(0)).isEqualTo(new SuitPoint(0, SuitPointType.STREET_POINT,
        new Position(10, -20.5, -0.5), -1));
    assertThat(f.suitPoints().get(2)).isEqualTo(new SuitPoint(2,
        SuitPointType.FRONT_DOOR_POINT, new Position(30, -40, 0), 7));
    assertThat(f.suitPoints().get(3).type()).isEqualTo(SuitPointType.SIDE_DOOR_POINT);
    assertThat(f.suitPoints().get(3).position()).isEqualTo(new Position(-5.25, 12, 0));
  }

  @Test
  void street_whenRead_thenLandmarkInItsVisGroupsZoneAndScenerySkipped() throws Exception {
    DnaFile f = fixture("street_2100.dna");

    assertThat(f.landmarks()).containsExactly(new Landmark(7, 2102, "Fixture Fun Shop", "gagshop",
        new Position(40, -50.5, 0), 90));
    assertThat(Zones.interior(Zones.branch(f.landmarks().get(0).zone()), 7)).isEqualTo(2607);
  }

  @Test
  void playground_whenRead_thenOneZoneAndItsBuildingsInteriorZone() throws Exception {
    DnaFile f = fixture("playground_2000.dna");

    assertThat(f.visGroups()).singleElement().satisfies(v -> {
      assertThat(v.zone()).isEqualTo(2000);
      assertThat(v.visibleZones()).containsExactly(2000);
    });
    Landmark hq = f.landmarks().get(0);
    assertThat(hq.block()).isEqualTo(20);
    assertThat(hq.zone()).isEqualTo(2000);
    assertThat(Zones.interior(Zones.hood(hq.zone()), hq.block())).isEqualTo(2520);
  }

  @Test
  void malformed_whenUnbalancedClose_thenOneErrorWithFileAndLine() {
    assertThatThrownBy(() -> DnaReader.parse("bad.dna",
        "group \"g\" [\n  visgroup \"2101\" [\n    vis [ \"2101\" ]\n  ]\n]\n]\n"))
        .isInstanceOf(DnaParseException.class).hasMessage("bad.dna:6: unbalanced ']'");
  }

  @Test
  void malformed_whenBlockNeverClosed_thenErrorNamesWhereItOpened() {
    assertThatThrownBy(() -> DnaReader.parse("open.dna", "group \"g\" [\n\n visgroup \"2101\" [\n"))
        .isInstanceOf(DnaParseException.class)
        .hasMessage("open.dna:3: 'visgroup' opened here has no closing ']'");
  }

  @Test
  void malformed_whenOtherMistakes_thenEachIsOneLineWithItsLine() {
    assertThatThrownBy(() -> DnaReader.parse("a.dna", "\n\nvisgroup \"street\" [ ]"))
        .hasMessage("a.dna:3: visgroup name 'street' does not start with a zone number (0-65535)");
    assertThatThrownBy(() -> DnaReader.parse("b.dna", "store_suit_point [ 1, WALK_POINT, 0 0 0 ]"))
        .hasMessage("b.dna:1: unknown suit point type 'WALK_POINT'");
    assertThatThrownBy(() -> DnaReader.parse("c.dna", "visgroup \"2101\" [\n suit_edge [ 1 x ] ]"))
        .hasMessage("c.dna:2: expected a number, got 'x'");
    assertThatThrownBy(() -> DnaReader.parse("d.dna", "group \"g\" [ [ ] ]"))
        .hasMessage("d.dna:1: '[' without a keyword before it");
    assertThatThrownBy(() -> DnaReader.parse("e.dna", "landmark_building \"shop\" [ ]"))
        .hasMessageContaining("e.dna:1: landmark_building 'shop' has no block number");
    assertThatThrownBy(() -> DnaReader.parse("f.dna", "visgroup \"2101\" [ ]\nvisgroup \"2101\" [ ]"))
        .hasMessage("f.dna:2: a second visgroup for zone 2101");
    assertThatThrownBy(() -> DnaReader.parse("i.dna", "visgroup \"2101\" [ battle_cell [ 1 1 NaN 0 0 ] ]"))
        .hasMessage("i.dna:1: expected a number, got 'NaN'");
    assertThatThrownBy(() -> DnaReader.parse("j.dna", "visgroup \"2101\" [ suit_edge [ 1 1e99 ] ]"))
        .hasMessageStartingWith("j.dna:1: expected a whole number from 0");
    assertThatThrownBy(() -> DnaReader.parse("k.dna", "store_suit_point [ 0x1p3, STREET_POINT, 0 0 0 ]"))
        .hasMessage("k.dna:1: expected a number, got '0x1p3'");
    assertThatThrownBy(() -> DnaReader.parse("g.dna", "/* never closed\n"))
        .hasMessage("g.dna:1: unterminated /* comment");
    assertThatThrownBy(() -> DnaReader.parse("h.dna", "title [ \"never closed ]"))
        .hasMessage("h.dna:1: unterminated string");
  }

  @Test
  void malformed_whenNestedFarTooDeep_thenOneErrorNotAStackOverflow() {
    String deep = "group \"g\" [\n".repeat(100_000);
    assertThatThrownBy(() -> DnaReader.parse("deep.dna", deep))
        .isInstanceOf(DnaParseException.class)
        .hasMessageContaining("deep.dna:" + DnaReader.MAX_DEPTH + ": elements nested more than");
  }

  @Test
  void zones_whenComputed_thenAsTheGamesZoneArithmetic() {
    assertThat(Zones.hood(2135)).isEqualTo(2000);
    assertThat(Zones.branch(2135)).isEqualTo(2100);
    assertThat(Zones.branch(2612)).isEqualTo(2100);
    assertThat(Zones.isStreet(2135)).isTrue();
    assertThat(Zones.isStreet(2100)).isTrue();
    assertThat(Zones.isPlayground(2000)).isTrue();
    assertThat(Zones.isInterior(2520)).isTrue();
    assertThat(Zones.isPlayground(Zones.QUIET_ZONE)).isFalse();
    assertThat(Zones.isStreet(Zones.QUIET_ZONE)).isFalse();
  }

  // ---- the real Toontown Central files, when ../shared/reference is there ----------------

  private static DnaFile reference(String name) throws Exception {
    Path file = REFERENCE.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(file), "reference DNA absent: " + file);
    return DnaReader.read(file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"toontown_central_2100.dna", "toontown_central_2200.dna",
      "toontown_central_2300.dna", "toontown_central_sz.dna", "tutorial_street.dna"})
  void reference_whenRead_thenEveryVisGroupSeesItselfAndEdgesUseStoredPoints(String name)
      throws Exception {
    DnaFile f = reference(name);

    assertThat(f.visGroups()).isNotEmpty();
    for (DnaFile.VisGroup v : f.visGroups()) {
      assertThat(v.visibleZones()).as("%s visgroup %d", name, v.zone()).contains(v.zone());
      for (SuitEdge e : v.suitEdges()) {
        assertThat(f.suitPoints()).as("%s edge %s", name, e).containsKeys(e.start(), e.end());
      }
    }
    for (Landmark l : f.landmarks()) {
      assertThat(f.visGroup(l.zone())).as("%s block %d", name, l.block()).isPresent();
    }
  }

  @Test
  void reference_sillyStreet_thenFiftySixVisGroupsOfBranch2100() throws Exception {
    DnaFile f = reference("toontown_central_2100.dna");

    assertThat(f.visGroups()).hasSize(56);
    assertThat(f.visGroups()).allSatisfy(v -> assertThat(Zones.branch(v.zone())).isEqualTo(2100));
    assertThat(f.visGroup(2101).orElseThrow().visibleZones())
        .containsExactly(2101, 2102, 2103, 2104, 2105, 2106, 2107, 2132, 2144, 2155);
    assertThat(f.visGroup(2101).orElseThrow().battleCells()).hasSize(1);
    assertThat(f.landmarks()).extracting(Landmark::block).contains(1, 2);
    assertThat(f.landmarks().get(0).title()).isEqualTo("All Smiles Tooth Repair");
    assertThat(f.landmarks().get(0).zone()).isEqualTo(2102);
  }

  @Test
  void reference_otherFiles_thenTheirVisGroupCounts() throws Exception {
    assertThat(reference("toontown_central_2200.dna").visGroups()).hasSize(36);
    assertThat(reference("toontown_central_2300.dna").visGroups()).hasSize(37);
    DnaFile sz = reference("toontown_central_sz.dna");
    assertThat(sz.visGroups()).extracting(DnaFile.VisGroup::zone).containsExactly(2000);
    assertThat(sz.landmarks()).isNotEmpty().allSatisfy(l -> assertThat(l.zone()).isEqualTo(2000));
  }

  @Test
  void reference_allFiles_whenReadTogether_thenWellUnderASecond() throws Exception {
    List<String> names = List.of("toontown_central_2100.dna", "toontown_central_2200.dna",
        "toontown_central_2300.dna", "toontown_central_sz.dna", "tutorial_street.dna");
    Set<Integer> zones = new java.util.HashSet<>();
    long t0 = System.nanoTime();
    for (String n : names) {
      reference(n).visGroups().forEach(v -> zones.add(v.zone()));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("read 5 reference DNA files in " + ms + " ms (" + zones.size()
        + " zones)");
    assertThat(zones).hasSizeGreaterThan(56 + 36 + 37);
  }
}
