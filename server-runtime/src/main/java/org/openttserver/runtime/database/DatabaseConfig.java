package org.openttserver.runtime.database;

/**
 * A {@code type: database} role entry; keys as Astron's database role.
 *
 * @param control the control channel requests are sent to (also subscribed: 13)
 * @param generate the doid range new objects are given ids from
 * @param backend the store
 * @param broadcast whether changes are announced on (2 &lt;&lt; 32) | doid (default true)
 */
public record DatabaseConfig(Long control, Generate generate, Backend backend, Boolean broadcast) {
  /** Fills in defaults. */
  public DatabaseConfig {
    backend = backend != null ? backend : new Backend(null, null, null);
    broadcast = broadcast != null ? broadcast : Boolean.TRUE;
  }

  /**
   * The doid range.
   *
   * @param min first doid
   * @param max last doid; absent means 4294967295, as Astron's default
   */
  public record Generate(Long min, Long max) {
    /** Fills in the default maximum. */
    public Generate {
      max = max != null ? max : 0xFFFF_FFFFL;
    }
  }

  /**
   * The store.
   *
   * @param type only {@code sqlite}
   * @param path the database file, relative to the data directory
   * @param maxBatch how many queued requests at most share one commit
   */
  public record Backend(String type, String path, Integer maxBatch) {
    /** Fills in defaults. */
    public Backend {
      type = type != null ? type : "sqlite";
      path = path != null ? path : "database/objects.sqlite";
      maxBatch = maxBatch != null ? maxBatch : 512;
    }
  }
}
