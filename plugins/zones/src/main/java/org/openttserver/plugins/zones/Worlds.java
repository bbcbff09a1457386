package org.openttserver.plugins.zones;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.openttserver.api.dna.DnaFile;
import org.openttserver.api.dna.DnaParseException;
import org.openttserver.api.dna.DnaReader;
import org.openttserver.api.dna.DnaWorld;
import org.slf4j.Logger;

/** Loads the DNA world the zones plugin serves: the user's files, or the demo world. */
final class Worlds {
  /** The demo playground inside the jar (config/dna/ in the source tree). */
  static final String DEMO_PLAYGROUND = "demo_toontown_central_sz.dna";
  /** The demo street inside the jar. */
  static final String DEMO_STREET = "demo_toontown_central_2100.dna";

  /**
   * A loaded world and a description of it for logs.
   *
   * @param world the world
   * @param demo whether it is the demo world
   * @param description which files, for logs
   */
  record Loaded(DnaWorld world, boolean demo, String description) {}

  private Worlds() {}

  /**
   * Loads the user's DNA files from the directories, or the demo world when there are none.
   *
   * @param dirs directories, relative to the working directory
   * @param log told one line per hood, then what was loaded and how long it took
   * @return the world
   * @throws IllegalStateException with one line naming the file and line if a file is
   *     malformed, or the file if it cannot be read
   */
  static Loaded load(List<String> dirs, Logger log) {
    long t0 = System.nanoTime();
    List<Path> roots = dirs.stream().map(d -> Path.of(d).toAbsolutePath().normalize()).toList();
    DnaWorld world;
    try {
      world = DnaWorld.load(roots, line -> log.info("zones: {}", line));
    } catch (DnaParseException e) {
      throw new IllegalStateException("zones: malformed DNA file in " + roots + ": "
          + e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException("zones: cannot read the DNA files in " + roots + ": "
          + e.getMessage());
    }
    boolean demo = world.isEmpty();
    if (demo) {
      world = demo();
      log.warn("zones: no DNA files in {}; serving the demo world (Toontown Central 2000 and a"
          + " demo street 2100 without geometry: a real client needs its own DNA files, see"
          + " etc/README.md)", roots);
    }
    String description = describe(world);
    log.info("zones: {} world loaded in {} ms: {}", demo ? "demo" : "DNA",
        (System.nanoTime() - t0) / 1_000_000, description);
    return new Loaded(world, demo, description);
  }

  /** {@return the demo world inside the jar} */
  static DnaWorld demo() {
    return DnaWorld.of(Map.of(2000, demoFile(DEMO_PLAYGROUND)),
        Map.of(2100, demoFile(DEMO_STREET)));
  }

  private static DnaFile demoFile(String name) {
    try (InputStream in = Worlds.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("zones: the demo DNA file " + name
            + " is missing from the plugin jar");
      }
      return DnaReader.parse(name, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DnaParseException e) {
      throw new IllegalStateException("zones: the demo world is broken: " + e.getMessage(), e);
    }
  }

  /** {@return e.g. "playgrounds 2000; streets 2100 (8 visgroups), 2200 (36 visgroups)"} */
  static String describe(DnaWorld world) {
    StringJoiner pg = new StringJoiner(", ");
    world.playgrounds().keySet().stream().sorted().forEach(z -> pg.add(String.valueOf(z)));
    StringJoiner st = new StringJoiner(", ");
    world.streets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        st.add(e.getKey() + " (" + e.getValue().visGroups().size() + " visgroups)"));
    return "playgrounds " + (pg.length() == 0 ? "none" : pg) + "; streets "
        + (st.length() == 0 ? "none" : st);
  }
}
