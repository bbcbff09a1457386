package org.openttserver.runtime.stateserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.roles.Role;
import org.openttserver.runtime.roles.RoleChecks;
import org.openttserver.runtime.roles.RoleContext;
import org.openttserver.runtime.roles.RoleType;

/** {@code type: dbss}: validates the entry and starts a {@link Dbss}. */
public final class DbssType implements RoleType {
  @Override
  public String name() {
    return "dbss";
  }

  @Override
  public Role start(ObjectNode entry, String key, RoleContext ctx) {
    DbssConfig cfg = config(entry, key, ctx.configFile());
    return new Dbss(ctx.md(), cfg, ctx.pool(), new ClusterDc(ctx.dc()));
  }

  @Override
  public void check(ObjectNode entry, String key, java.nio.file.Path configFile) {
    config(entry.deepCopy(), key, configFile);
  }

  private static DbssConfig config(ObjectNode entry, String key, java.nio.file.Path path) {
    DbssConfig cfg = ConfigLoader.bind(entry, DbssConfig.class, path, key);
    String file = path.toString();
    RoleChecks.channel(cfg.database(), path, key + ".database",
        "the database role's control channel, e.g. 402001");
    if (cfg.ranges().isEmpty()) {
      throw new ConfigException(file + ": key '" + key + ".ranges': expected a list of "
          + "{min, max}, e.g. [{min: 100000000, max: 399999999}]");
    }
    for (int i = 0; i < cfg.ranges().size(); i++) {
      DbssConfig.Range r = cfg.ranges().get(i);
      if (r == null || r.min() == null || r.min() < 1000 || r.max() < r.min()
          || r.max() > 0xFFFF_FFFFL) {
        throw new ConfigException(file + ": key '" + key + ".ranges[" + i + "]': expected "
            + "{min, max} with 1000 <= min <= max <= 4294967295 (max defaults to 4294967295)");
      }
    }
    return cfg;
  }
}
