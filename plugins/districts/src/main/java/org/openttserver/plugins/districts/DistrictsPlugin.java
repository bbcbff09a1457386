package org.openttserver.plugins.districts;

import org.openttserver.api.cluster.Registration;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.SetShard;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.session.Access;

/**
 * The built-in districts plugin: CLIENT_GET_SHARD_LIST (8), CLIENT_SET_SHARD (31), SERVER_UP and
 * SERVER_DOWN (57/58) pushed as districts come and go, and the {@link DistrictDirectory}
 * service. Districts are objects an AI creates (see {@link DistrictDirectory}); this plugin
 * creates none.
 */
public final class DistrictsPlugin extends GamePlugin {
  private Districts districts;
  private Registration presenceWatch;

  /**
   * Creates the plugin.
   *
   * @param context what the server gives this plugin
   */
  public DistrictsPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    PluginContext ctx = context();
    districts = new Districts(ctx.bridge().objects(), ctx.dcFile(), ctx.sessions(),
        () -> ctx.services().find(AvatarPresence.class), ctx.cluster().executor(),
        ctx.scheduler(), ctx.logger());
    ctx.clientMessages().on(GetShardList.class, Access.LOGGED_IN, districts::shardList);
    ctx.clientMessages().on(SetShard.class, Access.LOGGED_IN, districts::setShard);
    ctx.services().find(AvatarPresence.class).ifPresentOrElse(
        p -> presenceWatch = p.onLeave(districts::avatarLeft),
        () -> ctx.logger().warn("districts: the avatars plugin is not running: no avatar can"
            + " enter a district (SET_SHARD ends the session with code 354)"));
    ctx.services().provide(DistrictDirectory.class, districts);
    ctx.cluster().executor().execute(districts::start);
  }

  @Override
  public void stop() {
    // Handlers and the service are withdrawn by the host.
    if (presenceWatch != null) {
      presenceWatch.close();
    }
    if (districts != null) {
      ctx().cluster().executor().execute(districts::stop);
    }
  }

  private PluginContext ctx() {
    return context();
  }
}
