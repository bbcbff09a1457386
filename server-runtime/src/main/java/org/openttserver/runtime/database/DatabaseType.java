package org.openttserver.runtime.database;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.roles.Role;
import org.openttserver.runtime.roles.RoleChecks;
import org.openttserver.runtime.roles.RoleContext;
import org.openttserver.runtime.roles.RoleType;

/** {@code type: database}: validates the entry and starts a {@link DatabaseServer}. */
public final class DatabaseType implements RoleType {
  @Override
  public String name() {
    return "database";
  }

  @Override
  public Role start(ObjectNode entry, String key, RoleContext ctx) {
    DatabaseConfig cfg = config(entry, key, ctx.configFile());
    String file = ctx.configFile().toString();
    Path db = ctx.dataDir().resolve(cfg.backend().path()).normalize();
    ClusterDc dc = new ClusterDc(ctx.dc());
    SqliteStore store;
    try {
      store = SqliteStore.open(db, dc);
    } catch (StoreException e) {
      throw new ConfigException(file + ": key '" + key + ".backend': " + e.getMessage());
    }
    try {
      return new DatabaseServer(ctx.md(), cfg, store, dc);
    } catch (StoreException e) {
      throw new ConfigException(file + ": key '" + key + ".backend': " + e.getMessage());
    }
  }

  @Override
  public void check(ObjectNode entry, String key, Path configFile) {
    config(entry.deepCopy(), key, configFile);
  }

  private static DatabaseConfig config(ObjectNode entry, String key, Path path) {
    String file = path.toString();
    // Before binding: an Astron backend's own keys (filename, directory, ...) would otherwise be
    // reported as unknown keys rather than as the backend this server lacks.
    String type = entry.path("backend").path("type").asText("sqlite");
    if (!"sqlite".equals(type)) {
      throw new ConfigException(file + ": key '" + key + ".backend.type': value '" + type
          + "' not supported: this server stores objects in 'sqlite' only (Astron's yaml, "
          + "mongodb, soci and bdb backends are not implemented)");
    }
    DatabaseConfig cfg = ConfigLoader.bind(entry, DatabaseConfig.class, path, key);
    RoleChecks.channel(cfg.control(), path, key + ".control",
        "a channel of 1000 or more, e.g. 402001");
    DatabaseConfig.Generate g = cfg.generate();
    if (g == null || g.min() == null || g.min() < 1000 || g.max() < g.min()
        || g.max() > 0xFFFF_FFFFL) {
      throw new ConfigException(file + ": key '" + key + ".generate': expected {min, max} with "
          + "1000 <= min <= max <= 4294967295 (max defaults to 4294967295), e.g. "
          + "{min: 100000000, max: 399999999}");
    }
    if (cfg.backend().maxBatch() < 1) {
      throw new ConfigException(file + ": key '" + key + ".backend.max_batch': expected 1 or more");
    }
    return cfg;
  }
}
