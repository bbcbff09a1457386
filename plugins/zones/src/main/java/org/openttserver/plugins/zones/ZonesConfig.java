package org.openttserver.plugins.zones;

import java.util.List;

/**
 * The {@code plugins.zones} section of the configuration (keys in snake_case). Every key is
 * optional.
 *
 * @param dnaDirs directories holding the client's DNA files, relative to the working directory,
 *     searched in order: flat ({@code etc/toontown_central_2100.dna}), under {@code
 *     phase_N/dna/}, or inside {@code phase_N.mf}; without any file there the demo world inside
 *     the plugin is served (config/dna/ in the source tree)
 */
public record ZonesConfig(List<String> dnaDirs) {
  /** Fills in the default and checks the entries. */
  public ZonesConfig {
    dnaDirs = dnaDirs != null ? List.copyOf(dnaDirs) : List.of("etc");
    for (String d : dnaDirs) {
      if (d.isBlank()) {
        throw new IllegalArgumentException("plugins.zones.dna_dirs has an empty entry");
      }
    }
  }

  /** {@return the defaults} */
  public static ZonesConfig defaults() {
    return new ZonesConfig(null);
  }
}
