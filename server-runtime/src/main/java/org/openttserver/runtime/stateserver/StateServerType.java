package org.openttserver.runtime.stateserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openttserver.runtime.config.ConfigLoader;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.roles.Role;
import org.openttserver.runtime.roles.RoleChecks;
import org.openttserver.runtime.roles.RoleContext;
import org.openttserver.runtime.roles.RoleType;

/** {@code type: stateserver}: validates the entry and starts a {@link StateServer}. */
public final class StateServerType implements RoleType {
  @Override
  public String name() {
    return "stateserver";
  }

  @Override
  public Role start(ObjectNode entry, String key, RoleContext ctx) {
    long c = control(entry, key, ctx.configFile());
    return new StateServer(ctx.md(), c, ctx.pool(), new ClusterDc(ctx.dc()));
  }

  @Override
  public void check(ObjectNode entry, String key, java.nio.file.Path configFile) {
    control(entry.deepCopy(), key, configFile);
  }

  private static long control(ObjectNode entry, String key, java.nio.file.Path file) {
    StateServerConfig cfg = ConfigLoader.bind(entry, StateServerConfig.class, file, key);
    return RoleChecks.channel(cfg.control(), file, key + ".control",
        "a channel of 1000 or more, e.g. 402000");
  }
}
