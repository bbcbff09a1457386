package org.openttserver.plugins.friends;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.openttserver.api.service.AccountDirectory;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.DistrictDirectory;
import java.time.Duration;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.GetFriendList;
import org.openttserver.api.protocol.RemoveFriend;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.api.session.Access;

/**
 * The built-in friends plugin: GET_FRIEND_LIST, FRIEND_ONLINE / FRIEND_OFFLINE, REMOVE_FRIEND,
 * pair changes that are atomic across a crash ({@link FriendLists}, {@link PairJournal}), and
 * the {@link FriendDirectory} service.
 *
 * <p>It needs the avatars plugin's {@link AvatarPresence} (who is in the world) at start; without
 * it nobody is ever in the world, so nothing here could be used and the plugin only logs that.
 */
public final class FriendsPlugin extends GamePlugin {
  /** The pair journal, in the plugin's data directory. */
  static final String JOURNAL_FILE = "friends.journal";

  /** How long {@link #stop} waits for pair changes in flight. */
  static final Duration STOP_WAIT = Duration.ofSeconds(15);

  private PairJournal journal;
  private FriendLists lists;
  private Registration enter;
  private Registration leave;
  private Registration managerLeave;
  private FriendManagers managers;

  /**
   * Creates the plugin.
   *
   * @param context what the server gives this plugin
   */
  public FriendsPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    PluginContext ctx = context();
    FriendsConfig config = ctx.config().bind(FriendsConfig.class);
    DcClass toon = ctx.dcFile().findClass("DistributedToon").orElseThrow(() ->
        new IllegalStateException("friends: the DC files have no DistributedToon class"));
    if (toon.findField(FriendLists.FIELD).isEmpty() || toon.findField("friendsNotify").isEmpty()) {
      throw new IllegalStateException("friends: DistributedToon has no setFriendsList or no "
          + "friendsNotify field");
    }
    AstronBridge bridge = ctx.bridge();
    journal = new PairJournal(ctx.dataDirectory().resolve(JOURNAL_FILE));
    Friends[] self = new Friends[1];
    lists = new FriendLists(bridge.database(), bridge.objects(), toon, journal,
        id -> self[0].inWorld(id), ctx.cluster().executor(),
        Duration.ofMillis(config.writeThroughTimeoutMs()), ctx.logger());
    Friends friends = new Friends(lists, () -> ctx.services().find(AvatarDirectory.class), toon,
        ctx.cluster().executor(), ctx.extensionChannel(), ctx.logger());
    self[0] = friends;
    lists.ready(); // finishes interrupted pair changes; changes wait for it
    ctx.clientMessages().on(GetFriendList.class, Access.LOGGED_IN, friends::getFriendList);
    ctx.clientMessages().on(RemoveFriend.class, Access.LOGGED_IN, friends::removeFriend);
    AvatarPresence presence = ctx.services().find(AvatarPresence.class).orElse(null);
    if (presence == null) {
      ctx.logger().warn("friends: no AvatarPresence provider (avatars plugin disabled?): no toon "
          + "is ever in the world, friend lists are answered with an error");
    } else {
      enter = presence.onEnter(friends::entered);
      leave = presence.onLeave(friends::left);
    }
    ctx.services().provide(FriendDirectory.class, friends);
    startFriendManagers(ctx, config, bridge, friends, toon);
  }

  /** The FriendManager requests: invitations and secret friends ({@link FriendManagers}). */
  private void startFriendManagers(PluginContext ctx, FriendsConfig config, AstronBridge bridge,
      Friends friends, DcClass toon) {
    var fmClass = ctx.dcFile().findClass(FriendManagers.CLASS);
    if (fmClass.isEmpty()) {
      ctx.logger().warn("friends: the DC files have no FriendManager class: no invitations or"
          + " secret friends");
      return;
    }
    Supplier<Optional<AvatarPresence>> presence =
        () -> ctx.services().find(AvatarPresence.class);
    managers = new FriendManagers(bridge.objects(), fmClass.get(), toon, presence,
        () -> ctx.services().find(DistrictDirectory.class), ctx.cluster().executor(),
        ctx.logger());
    Invitations invitations = new Invitations(friends, new Invitations.Facts() {
      @Override
      public boolean inWorld(long avatarId) {
        return presence.get().flatMap(p -> p.sessionOf(avatarId)).isPresent();
      }

      @Override
      public CompletionStage<Optional<AvatarInfo>> avatar(long avatarId) {
        return ctx.services().find(AvatarDirectory.class).map(d -> d.avatar(avatarId))
            .orElse(CompletableFuture.completedFuture(Optional.empty()));
      }

      @Override
      public CompletionStage<Boolean> secretsAllowed(long accountId) {
        // Secret friends need an account that may chat (the account server's setting).
        return ctx.services().find(AccountDirectory.class).map(d -> d.account(accountId)
            .thenApply(a -> a.map(x -> x.paid() && x.chatPermission() >= 1).orElse(false)))
            .orElse(CompletableFuture.completedFuture(false));
      }
    }, config.invitations(), System::currentTimeMillis, new SecureRandom(), managers::deliver);
    managers.start(invitations, ctx.extensionChannel());
    presence.get().ifPresent(p -> managerLeave = p.onLeave(managers::left));
  }

  @Override
  public void stop() {
    if (enter != null) {
      enter.close();
    }
    if (leave != null) {
      leave.close();
    }
    if (managerLeave != null) {
      managerLeave.close();
    }
    if (managers != null) {
      managers.stop();
    }
    // Turns in flight finish (their journal lines written) before the journal closes, so a new
    // instance's recovery never runs while this one still writes.
    if (lists != null && !lists.close(STOP_WAIT)) {
      context().logger().warn("friends: pair changes still running after {}; stopping anyway "
          + "(they are finished from the journal at the next start)", STOP_WAIT);
    }
    if (journal != null) {
      journal.close();
      if (!journal.awaitClosed(STOP_WAIT)) {
        context().logger().warn("friends: the journal writer did not stop within {}", STOP_WAIT);
      }
    }
  }
}
