package org.openttserver.it.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.service.AvatarDirectory;

/**
 * A test-only avatars plugin (written into a plugin jar at test time): an in-memory
 * AvatarDirectory in which every account has two unnamed toons, a boy in slot 0 and a girl in
 * slot 1, created the first time the account is looked up.
 */
public final class FakeAvatarsPlugin extends GamePlugin {
  /** Creates the plugin. */
  public FakeAvatarsPlugin(PluginContext context) {
    super(context);
  }

  @Override
  public void start() {
    context().services().provide(AvatarDirectory.class, new Directory());
  }

  /** The in-memory directory. */
  static final class Directory implements AvatarDirectory {
    private final AtomicLong nextId = new AtomicLong(300_000_000);
    private final Map<Long, List<Long>> byAccount = new ConcurrentHashMap<>();
    private final Map<Long, AvatarInfo> toons = new ConcurrentHashMap<>();

    private List<Long> of(long accountId) {
      return byAccount.computeIfAbsent(accountId, a -> {
        List<Long> ids = new ArrayList<>();
        for (int slot = 0; slot < 2; slot++) {
          long id = nextId.getAndIncrement();
          byte[] dna = {'t', 0, 0, 0, (byte) (slot == 0 ? 1 : 0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
          toons.put(id, new AvatarInfo(id, "account" + a, slot, slot == 0 ? "Red Dog" : "Blue Cat",
              dna, NameState.OPEN, ""));
          ids.add(id);
        }
        return ids;
      });
    }

    @Override
    public CompletionStage<Optional<AvatarInfo>> avatar(long avatarId) {
      return CompletableFuture.completedFuture(Optional.ofNullable(toons.get(avatarId)));
    }

    @Override
    public CompletionStage<List<AvatarInfo>> avatarsOf(long accountId) {
      return CompletableFuture.completedFuture(of(accountId).stream().map(toons::get).toList());
    }

    @Override
    public synchronized CompletionStage<Boolean> updateNameIf(long avatarId,
        NameState expectedState, String expectedWish, NameChange change) {
      AvatarInfo a = toons.get(avatarId);
      if (a != null && (a.nameState() != expectedState || !a.wishName().equals(expectedWish))) {
        return CompletableFuture.completedFuture(false);
      }
      return updateName(avatarId, change).thenApply(x -> true);
    }

    @Override
    public synchronized CompletionStage<Void> updateName(long avatarId, NameChange change) {
      AvatarInfo a = toons.get(avatarId);
      if (a == null) {
        return CompletableFuture.failedFuture(new NoSuchElementException("no " + avatarId));
      }
      toons.put(avatarId, new AvatarInfo(a.avatarId(), a.accountName(), a.slot(),
          change.name() != null ? change.name() : a.name(), a.dna(), change.nameState(),
          change.wishName()));
      return CompletableFuture.completedFuture(null);
    }
  }
}
