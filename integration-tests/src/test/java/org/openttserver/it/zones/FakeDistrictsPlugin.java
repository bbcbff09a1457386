package org.openttserver.it.zones;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.api.protocol.SetShard;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientProtocolException;
import org.openttserver.api.session.ClientSession;

/**
 * A test-only stand-in for the districts plugin, loaded as a drop-in jar under the id {@code
 * districts} while the built-in one is absent: SET_SHARD moves the avatar to (district, 1),
 * fires the enter listeners and answers 47, as the built-in plugin's design says; the avatar
 * leaves on a shard switch and when it leaves the world. No shard list, no checks that the
 * district exists.
 */
public final class FakeDistrictsPlugin extends GamePlugin {
  public FakeDistrictsPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    PluginContext ctx = context();
    Directory dir = new Directory();
    AvatarPresence presence = ctx.services().find(AvatarPresence.class).orElseThrow();
    ctx.clientMessages().on(SetShard.class, Access.LOGGED_IN, (session, msg) -> {
      OptionalLong avatar = presence.activeAvatar(session);
      if (avatar.isEmpty()) {
        throw new ClientProtocolException(BootCode.NOT_IN_GAME, "SET_SHARD without an avatar");
      }
      dir.leave(session);
      return ctx.bridge().objects().setLocation(avatar.getAsLong(), msg.shardId(), 1)
          .thenRun(() -> {
            dir.in.put(session, new long[] {avatar.getAsLong(), msg.shardId()});
            dir.enter.forEach(l -> l.on(session, avatar.getAsLong(), msg.shardId()));
            session.send(GetStateResp.of(0));
          });
    });
    presence.onLeave((session, avatar) -> dir.leave(session));
    ctx.services().provide(DistrictDirectory.class, dir);
  }

  static final class Directory implements DistrictDirectory {
    final Map<ClientSession, long[]> in = new HashMap<>();
    final List<DistrictListener> enter = new CopyOnWriteArrayList<>();
    final List<DistrictListener> leave = new CopyOnWriteArrayList<>();

    void leave(ClientSession session) {
      long[] was = in.remove(session);
      if (was != null) {
        leave.forEach(l -> l.on(session, was[0], was[1]));
      }
    }

    @Override
    public List<District> districts() {
      return List.of();
    }

    @Override
    public Optional<District> district(long districtId) {
      return Optional.empty();
    }

    @Override
    public OptionalLong districtOf(ClientSession session) {
      long[] was = in.get(session);
      return was == null ? OptionalLong.empty() : OptionalLong.of(was[1]);
    }

    @Override
    public Registration onEnter(DistrictListener listener) {
      enter.add(listener);
      return () -> enter.remove(listener);
    }

    @Override
    public Registration onLeave(DistrictListener listener) {
      leave.add(listener);
      return () -> leave.remove(listener);
    }
  }
}
