package org.openttserver.api.dna;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.openttserver.api.files.ClientFiles;

/**
 * The hoods of the 2003 game whose DNA files could be found: each hood's playground file and its
 * street files, read once, with the visibility a 2003 client gets in each zone.
 *
 * <p>Files are found by the names the 2003 client uses (see {@link #HOODS}) with {@link
 * ClientFiles}: flat in a directory ({@code etc/toontown_central_2100.dna}, as a user copies them
 * out of the phase files), under {@code phase_N/dna/} inside it, or inside {@code phase_N.mf}. A hood whose files are all missing is left
 * out; a file that is present but malformed stops the load with its {@link DnaParseException}.
 *
 * <pre>{@code
 * DnaWorld world = DnaWorld.load(List.of(Path.of("etc")), log::info);
 * world.visibleZones(2101); // [2101, 2102, ..., 2100]
 * }</pre>
 *
 * @since 0.2
 */
public final class DnaWorld {
  /**
   * One hood of the July 2003 game: its zone, its files' common stem and its streets' branch
   * zones (the street files are {@code <stem>_<branch>.dna}, the playground {@code
   * <stem>_sz.dna}).
   *
   * @param zone the hood zone (its playground's zone)
   * @param name the hood's name, for logs
   * @param stem the file-name stem
   * @param phase the phase folder of the playground file (streets: see {@link #streetPhase})
   * @param streetPhase the phase folder of the street files
   * @param branches the street branch zones
   */
  public record Hood(int zone, String name, String stem, String phase, String streetPhase,
      List<Integer> branches) {}

  /** The hoods of sv1.0.6.9 (Cog HQs, estates and the tutorial are not DNA-visible hoods). */
  public static final List<Hood> HOODS = List.of(
      new Hood(2000, "Toontown Central", "toontown_central", "phase_4", "phase_5",
          List.of(2100, 2200, 2300)),
      new Hood(1000, "Donald's Dock", "donalds_dock", "phase_6", "phase_6",
          List.of(1100, 1200, 1300)),
      new Hood(4000, "Minnie's Melodyland", "minnies_melody_land", "phase_6", "phase_6",
          List.of(4100, 4200, 4300)),
      new Hood(5000, "Daisy Gardens", "daisys_garden", "phase_8", "phase_8",
          List.of(5100, 5200)),
      new Hood(3000, "The Brrrgh", "the_burrrgh", "phase_8", "phase_8", List.of(3100, 3200)),
      new Hood(9000, "Donald's Dreamland", "donalds_dreamland", "phase_8", "phase_8",
          List.of(9100)));

  private final Map<Integer, DnaFile> playgrounds;
  private final Map<Integer, DnaFile> streets;
  private final Map<Integer, Set<Integer>> visible = new TreeMap<>();
  private final Map<Integer, Integer> interiors = new TreeMap<>();

  private DnaWorld(Map<Integer, DnaFile> playgrounds, Map<Integer, DnaFile> streets) {
    this.playgrounds = Collections.unmodifiableMap(playgrounds);
    this.streets = Collections.unmodifiableMap(streets);
    for (Map.Entry<Integer, DnaFile> e : playgrounds.entrySet()) {
      for (DnaFile.VisGroup v : e.getValue().visGroups()) {
        visible.put(v.zone(), Set.of(v.zone()));
      }
      for (DnaFile.Landmark l : e.getValue().landmarks()) {
        // By the file's hood, not the landmark's visgroup (a landmark may stand outside one).
        interiors.put(Zones.interior(e.getKey(), l.block()), l.block());
      }
    }
    for (Map.Entry<Integer, DnaFile> e : streets.entrySet()) {
      int branch = e.getKey();
      for (DnaFile.VisGroup v : e.getValue().visGroups()) {
        Set<Integer> zones = new LinkedHashSet<>();
        zones.add(v.zone());
        zones.addAll(v.visibleZones());
        zones.add(branch);
        visible.put(v.zone(), Collections.unmodifiableSet(zones));
      }
      for (DnaFile.Landmark l : e.getValue().landmarks()) {
        interiors.put(Zones.interior(branch, l.block()), l.block());
      }
    }
  }

  /**
   * Loads every hood found under the roots.
   *
   * @param roots directories to look in, in order (e.g. {@code etc/})
   * @param progress told one line per hood loaded
   * @return the world; empty if no file was found
   * @throws IOException if a file cannot be read
   * @throws DnaParseException if a file is malformed
   */
  public static DnaWorld load(List<Path> roots, Consumer<String> progress)
      throws IOException, DnaParseException {
    Map<Integer, DnaFile> playgrounds = new LinkedHashMap<>();
    Map<Integer, DnaFile> streets = new LinkedHashMap<>();
    for (Hood h : HOODS) {
      long t0 = System.nanoTime();
      List<String> found = new ArrayList<>();
      Optional<DnaFile> sz = read(roots, h.phase(), h.stem() + "_sz.dna");
      if (sz.isPresent()) {
        playgrounds.put(h.zone(), sz.get());
        found.add("playground");
      }
      for (int branch : h.branches()) {
        Optional<DnaFile> st = read(roots, h.streetPhase(), h.stem() + "_" + branch + ".dna");
        if (st.isPresent()) {
          streets.put(branch, st.get());
          found.add(String.valueOf(branch));
        }
      }
      if (!found.isEmpty()) {
        progress.accept(h.name() + " (" + h.zone() + "): " + String.join(", ", found) + " in "
            + (System.nanoTime() - t0) / 1_000_000 + " ms");
      }
    }
    return new DnaWorld(playgrounds, streets);
  }

  /**
   * A world from files already read (tests, a demo world).
   *
   * @param playgrounds playground files by hood zone
   * @param streets street files by branch zone
   * @return the world
   */
  public static DnaWorld of(Map<Integer, DnaFile> playgrounds, Map<Integer, DnaFile> streets) {
    return new DnaWorld(new LinkedHashMap<>(playgrounds), new LinkedHashMap<>(streets));
  }

  private static Optional<DnaFile> read(List<Path> roots, String phase, String file)
      throws IOException, DnaParseException {
    Optional<ClientFiles.Found> f = ClientFiles.find(roots, phase + "/dna/" + file);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(DnaReader.parse(file,
        new String(f.get().bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)));
  }

  /** {@return the playground files by hood zone} */
  public Map<Integer, DnaFile> playgrounds() {
    return playgrounds;
  }

  /** {@return the street files by branch zone} */
  public Map<Integer, DnaFile> streets() {
    return streets;
  }

  /** {@return true if no file was found} */
  public boolean isEmpty() {
    return playgrounds.isEmpty() && streets.isEmpty();
  }

  /**
   * Whether a 2003 client may be in a zone of this world: a playground or street visgroup of a
   * loaded file, or the interior of one of their landmark buildings.
   *
   * @param zone the zone
   * @return true if the zone exists in the loaded DNA
   */
  public boolean contains(int zone) {
    return visible.containsKey(zone) || interiors.containsKey(zone);
  }

  /**
   * The zones a client in a zone sees: a street visgroup sees its vis list, itself and its
   * street's branch zone (where street-wide objects live: the 2003 AI is not public, and adding
   * the branch is what the public sv1.0.6.9 server does, formats.md §4.5); a playground or an
   * interior sees itself.
   *
   * @param zone a zone {@link #contains contained} in this world
   * @return the zones, the zone's own first; empty for a zone this world does not contain
   */
  public Set<Integer> visibleZones(int zone) {
    Set<Integer> v = visible.get(zone);
    if (v != null) {
      return v;
    }
    return interiors.containsKey(zone) ? Set.of(zone) : Set.of();
  }
}
