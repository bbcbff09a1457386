package org.openttserver.runtime.stateserver;

import java.util.List;

/**
 * A {@code type: dbss} role entry; keys as Astron's.
 *
 * @param database the database role's control channel
 * @param ranges the doid ranges this role serves
 */
public record DbssConfig(Long database, List<Range> ranges) {
  /** Fills in defaults. */
  public DbssConfig {
    ranges = ranges != null ? List.copyOf(ranges) : List.of();
  }

  /**
   * A doid range.
   *
   * @param min first doid
   * @param max last doid; absent means 4294967295, as Astron's DOID_MAX
   */
  public record Range(Long min, Long max) {
    /** Fills in the default maximum. */
    public Range {
      max = max != null ? max : 0xFFFF_FFFFL;
    }
  }
}
