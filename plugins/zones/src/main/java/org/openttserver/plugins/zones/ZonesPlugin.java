package org.openttserver.plugins.zones;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.service.ZoneDirectory;
import org.openttserver.api.session.Access;

/**
 * The built-in zones plugin: CLIENT_SET_ZONE with the DNA files' visibility (protocol-2003.md
 * §3.5, §3.6, §5), and the {@link ZoneDirectory} service. It reads the district each client is
 * in from the districts plugin ({@link DistrictDirectory}, an optional dependency so that it
 * starts first) and the avatar from the avatars plugin ({@link AvatarPresence}).
 */
public final class ZonesPlugin extends GamePlugin {
  private final List<Registration> listeners = new ArrayList<>();

  /**
   * Creates the plugin.
   *
   * @param context what the server gives this plugin
   */
  public ZonesPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    PluginContext ctx = context();
    ZonesConfig config = ctx.config().bind(ZonesConfig.class);
    Worlds.Loaded loaded = Worlds.load(config.dnaDirs(), ctx.logger());
    ZoneChanges zones = new ZoneChanges(loaded.world(),
        () -> ctx.services().find(DistrictDirectory.class),
        () -> ctx.services().find(AvatarPresence.class),
        (avatar, district, zone) -> ctx.bridge().objects().setLocation(avatar, district, zone),
        ctx.logger());
    ctx.clientMessages().on(SetZone.class, Access.LOGGED_IN, zones::setZone);
    Optional<DistrictDirectory> districts = ctx.services().find(DistrictDirectory.class);
    AiGrants aiGrants = ctx.dcFile().findClass("OpenTTDistrict").map(cls -> new AiGrants(zones,
        cls, () -> ctx.services().find(DistrictDirectory.class),
        () -> ctx.services().find(AvatarPresence.class), ctx.logger())).orElse(null);
    if (aiGrants != null) {
      // AIs grant their toons' dynamic zones (tutorials, estates) on the extension's channel.
      listeners.add(ctx.bridge().objects().events(ctx.extensionChannel(), aiGrants::on));
    }
    if (districts.isPresent()) {
      listeners.add(districts.get().onEnter(zones::entered));
      listeners.add(districts.get().onLeave(zones::left));
      if (aiGrants != null) {
        listeners.add(districts.get().onLeave(aiGrants::left));
      }
    } else {
      ctx.logger().warn("zones: the districts plugin is not running: no client is ever in a"
          + " district, so every CLIENT_SET_ZONE is refused with GO_GET_LOST 354");
    }
    ctx.services().provide(ZoneDirectory.class, zones);
  }

  @Override
  public void stop() {
    // The handler and the service are withdrawn by the host; the listeners are ours to end.
    listeners.forEach(Registration::close);
    listeners.clear();
  }
}
