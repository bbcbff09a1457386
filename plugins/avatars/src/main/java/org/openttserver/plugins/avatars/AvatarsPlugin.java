package org.openttserver.plugins.avatars;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.NoSuchObjectException;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcKeyword;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.protocol.CreateAvatar;
import org.openttserver.api.protocol.DeleteAvatar;
import org.openttserver.api.protocol.GetAvatarDetails;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.protocol.SetWishNameClear;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientMessages;

/**
 * The built-in avatars plugin: the 2003 avatar chooser and Make-A-Toon (GET_AVATARS,
 * CREATE_AVATAR, DELETE_AVATAR, SET_AVATAR, GET_AVATAR_DETAILS, SET_WISHNAME_CLEAR), toons as
 * DistributedToon objects of the database, and the {@link AvatarDirectory} service.
 */
public final class AvatarsPlugin extends GamePlugin {
  /** The create/delete intent journal, in the plugin's data directory. */
  static final String JOURNAL_FILE = "avatars.journal";

  private Toons toons;
  private Journal journal;
  private AvatarsConfig config;
  /** Writes the name-state file (reference-DC mode), off the bridge's thread. */
  private ExecutorService nameFileWriter;

  /**
   * Creates the plugin.
   *
   * @param context what the server gives this plugin
   */
  public AvatarsPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    PluginContext ctx = context();
    config = ctx.config().bind(AvatarsConfig.class);
    Toons.checkDc(ctx.dcFile());
    DcClass toon = ctx.dcFile().dclass("DistributedToon");
    boolean stored = toon.findField("WishName").map(f -> f.has(DcKeyword.DB)).orElse(false)
        && toon.findField("WishNameState").map(f -> f.has(DcKeyword.DB)).orElse(false);
    NameStore names;
    if (stored) {
      names = new NameStore.ToonFields();
    } else {
      nameFileWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "avatars-name-states");
        t.setDaemon(true);
        return t;
      });
      names = new NameStore.FileStore(ctx.dataDirectory().resolve(config.nameStateFile()),
          nameFileWriter);
      ctx.logger().info("avatars: the DC does not store DistributedToon.WishName/WishNameState;"
          + " name review states are kept in {}",
          ctx.dataDirectory().resolve(config.nameStateFile()));
    }
    AstronBridge bridge = ctx.bridge();
    journal = new Journal(ctx.dataDirectory().resolve(JOURNAL_FILE));
    toons = new Toons(bridge.database(), bridge.objects(), ctx.dcFile(), names, journal,
        ctx.logger());
    toons.ready(); // start-up recovery of interrupted creates and deletes
    Presence presence = new Presence(ctx.logger());
    AvatarHandlers h = new AvatarHandlers(toons, bridge.objects(), config.strict(),
        ctx.logger(), presence);
    ClientMessages messages = ctx.clientMessages();
    messages.on(GetAvatars.class, Access.LOGGED_IN, h::getAvatars);
    messages.on(CreateAvatar.class, Access.LOGGED_IN, h::createAvatar);
    messages.on(DeleteAvatar.class, Access.LOGGED_IN, h::deleteAvatar);
    messages.on(SetAvatar.class, Access.LOGGED_IN, h::setAvatar);
    messages.on(GetAvatarDetails.class, Access.LOGGED_IN, h::getAvatarDetails);
    messages.on(SetWishNameClear.class, Access.LOGGED_IN, h::wishNameClear);
    NamesFallback.register(messages);
    // The toon leaves the world with its session, and with its account on a re-login.
    ctx.sessions().onDisconnect(h::leave);
    ctx.sessions().onLogout(h::loggedOut);
    ctx.services().provide(AvatarDirectory.class, new Directory(toons));
    ctx.services().provide(AvatarPresence.class, presence);
  }

  /**
   * Creates a toon in an account's slot, as CREATE_AVATAR does (for tools and tests: the slot
   * race of several writers at once).
   *
   * @param accountId the account
   * @param accountName its name
   * @param dna a DNA string, checked as configured
   * @param slot 0–5
   * @return the new toon's id, or 0 if the slot is taken
   * @throws IllegalArgumentException if the DNA or slot is refused
   */
  public CompletableFuture<Long> createInSlot(long accountId, String accountName, byte[] dna,
      int slot) {
    if (slot < 0 || slot >= Toons.SLOTS) {
      throw new IllegalArgumentException("slot " + slot);
    }
    ToonDna.problem(dna, config.strict()).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return toons.create(accountId, accountName, dna.clone(), slot);
  }

  @Override
  public void stop() {
    // Handlers, listeners and the service are withdrawn by the host.
    if (nameFileWriter != null) {
      nameFileWriter.shutdown(); // a save under way finishes
    }
    if (journal != null) {
      journal.close();
    }
  }

  /** {@link AvatarDirectory} over the stored toons. */
  static final class Directory implements AvatarDirectory {
    private final Toons toons;

    Directory(Toons toons) {
      this.toons = toons;
    }

    @Override
    public CompletionStage<Optional<AvatarInfo>> avatar(long avatarId) {
      return toons.load(avatarId).thenApply(t -> t.map(x -> info(x, -1)));
    }

    @Override
    public CompletionStage<List<AvatarInfo>> avatarsOf(long accountId) {
      return toons.list(accountId).handle((list, e) -> {
        if (e != null) {
          if (Toons.cause(e) instanceof NoSuchObjectException) {
            return List.<AvatarInfo>of();
          }
          throw new CompletionException(Toons.cause(e));
        }
        return list.stream().map(p -> info(p.toon(), p.slot())).toList();
      });
    }

    @Override
    public CompletionStage<Void> updateName(long avatarId, NameChange change) {
      return toons.writeName(avatarId, change.name(), wish(change));
    }

    @Override
    public CompletionStage<Boolean> updateNameIf(long avatarId, NameState expectedState,
        String expectedWish, NameChange change) {
      return toons.writeNameIf(avatarId, new NameStore.Wish(
          Objects.requireNonNull(expectedState, "expectedState"),
          expectedWish == null ? "" : expectedWish), change.name(), wish(change));
    }

    private static NameStore.Wish wish(NameChange change) {
      return new NameStore.Wish(Objects.requireNonNull(change.nameState(), "nameState"),
          change.wishName() == null ? "" : change.wishName());
    }

    private static AvatarInfo info(Toons.Toon t, int slot) {
      return new AvatarInfo(t.id(), t.accountName(), slot, t.name(), t.dna(), t.wish().state(),
          t.wish().wishName());
    }
  }
}
