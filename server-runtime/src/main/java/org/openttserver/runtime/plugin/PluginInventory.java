package org.openttserver.runtime.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultVersionManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.VersionManager;

/**
 * What the plugin directories hold and what start-up would do with each jar, without starting
 * anything: for {@code openttserver plugins}. The rules are {@link PluginHost}'s: disabled in the
 * configuration, refused for the server version, not started for a hard dependency that is
 * missing or disabled.
 */
public final class PluginInventory {
  /**
   * One jar.
   *
   * @param id the plugin id ({@code ?} when the jar has no readable metadata)
   * @param version its version
   * @param state {@code enabled}, {@code disabled} or {@code refused}
   * @param reason why, for the last two; empty when enabled
   * @param jar the file
   */
  public record Entry(String id, String version, String state, String reason, Path jar) {}

  private PluginInventory() {}

  /**
   * Lists the jars of the plugin directories.
   *
   * @param roots the directories (missing ones are skipped), built-in first
   * @param sections the {@code plugins} sections of the configuration, by plugin id
   * @return one entry per jar, by id; a second jar of an id already seen is refused
   */
  public static List<Entry> list(List<Path> roots, Map<String, JsonNode> sections) {
    PluginDescriptorFinder finder = new CompoundPluginDescriptorFinder()
        .add(new PropertiesPluginDescriptorFinder()).add(new ManifestPluginDescriptorFinder());
    VersionManager versions = new DefaultVersionManager();
    Map<String, PluginDescriptor> found = new LinkedHashMap<>();
    Map<String, Path> jars = new LinkedHashMap<>();
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<Entry> unreadable = new ArrayList<>();
    for (Path jar : jars(roots)) {
      PluginDescriptor d;
      try {
        d = finder.find(jar);
      } catch (RuntimeException e) {
        unreadable.add(new Entry("?", "?", "refused", "no plugin metadata: " + e.getMessage(),
            jar));
        continue;
      }
      String id = d.getPluginId();
      if (id == null || id.isBlank()) {
        unreadable.add(new Entry("?", "?", "refused", "no Plugin-Id", jar));
        continue;
      }
      if (found.containsKey(id)) {
        unreadable.add(new Entry(id, d.getVersion(), "refused", "plugin '" + id
            + "' is also " + jars.get(id).getFileName(), jar));
        continue;
      }
      found.put(id, d);
      jars.put(id, jar);
      JsonNode section = sections.get(id);
      JsonNode enabled = section != null ? section.get("enabled") : null;
      if (!versions.checkVersionConstraint(RuntimeVersion.VERSION, d.getRequires())) {
        entries.put(id, new Entry(id, d.getVersion(), "refused", "requires server version "
            + d.getRequires() + ", this is " + RuntimeVersion.VERSION, jar));
      } else if (enabled != null && enabled.isBoolean() && !enabled.booleanValue()) {
        entries.put(id, new Entry(id, d.getVersion(), "disabled", "in the configuration", jar));
      } else {
        entries.put(id, new Entry(id, d.getVersion(), "enabled", "", jar));
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Entry e : List.copyOf(entries.values())) {
        if (!e.state().equals("enabled")) {
          continue;
        }
        for (PluginDependency dep : found.get(e.id()).getDependencies()) {
          Entry target = entries.get(dep.getPluginId());
          if (dep.isOptional() || target != null && target.state().equals("enabled")) {
            continue;
          }
          entries.put(e.id(), new Entry(e.id(), e.version(), target == null ? "refused"
              : "disabled", "needs plugin '" + dep.getPluginId() + "', which is "
              + (target == null ? "not installed" : target.state()), e.jar()));
          changed = true;
          break;
        }
      }
    }
    List<Entry> all = new ArrayList<>(entries.values());
    all.addAll(unreadable);
    all.sort(java.util.Comparator.comparing(Entry::id));
    return all;
  }

  private static List<Path> jars(List<Path> roots) {
    List<Path> out = new ArrayList<>();
    for (Path root : roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct()
        .toList()) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.list(root)) {
        files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
