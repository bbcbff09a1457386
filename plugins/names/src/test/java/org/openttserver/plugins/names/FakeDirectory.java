package org.openttserver.plugins.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.openttserver.api.service.AvatarDirectory;

/** An in-memory AvatarDirectory: toons by id, with their account; can be told to fail. */
final class FakeDirectory implements AvatarDirectory {
  record Toon(long accountId, AvatarInfo info) {}

  final Map<Long, Toon> toons = new ConcurrentHashMap<>();
  final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());
  volatile boolean failing;
  volatile boolean failWrites;

  /** Adds a toon named "Red Dog" in the OPEN state. */
  AvatarInfo add(long accountId, long avatarId, int slot, boolean male) {
    byte[] dna = {'t', 0, 0, 0, (byte) (male ? 1 : 0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    AvatarInfo a = new AvatarInfo(avatarId, "acct" + accountId, slot, "Red Dog", dna,
        NameState.OPEN, "");
    toons.put(avatarId, new Toon(accountId, a));
    return a;
  }

  void set(long avatarId, String name, NameState state, String wish) {
    Toon t = toons.get(avatarId);
    AvatarInfo a = t.info();
    toons.put(avatarId, new Toon(t.accountId(), new AvatarInfo(a.avatarId(), a.accountName(),
        a.slot(), name, a.dna(), state, wish)));
  }

  AvatarInfo get(long avatarId) {
    return toons.get(avatarId).info();
  }

  @Override
  public CompletionStage<Optional<AvatarInfo>> avatar(long avatarId) {
    if (failing) {
      return CompletableFuture.failedFuture(new IllegalStateException("database down"));
    }
    Toon t = toons.get(avatarId);
    return CompletableFuture.completedFuture(Optional.ofNullable(t).map(Toon::info));
  }

  @Override
  public CompletionStage<List<AvatarInfo>> avatarsOf(long accountId) {
    if (failing) {
      return CompletableFuture.failedFuture(new IllegalStateException("database down"));
    }
    return CompletableFuture.completedFuture(toons.values().stream()
        .filter(t -> t.accountId() == accountId).map(Toon::info)
        .sorted(java.util.Comparator.comparingInt(AvatarInfo::slot)).toList());
  }

  /** A name write held back until released, so a test can run another request meanwhile. */
  static final class Hold {
    /** Completes when the held write arrives. */
    final CompletableFuture<Void> reached = new CompletableFuture<>();
    private final CompletableFuture<Void> gate = new CompletableFuture<>();

    /** Lets the held write go on (on the calling thread). */
    void release() {
      gate.complete(null);
    }
  }

  private Predicate<NameChange> holdIf;
  private Hold hold;

  /** Holds the next name write (conditional or not) whose change matches. */
  synchronized Hold holdNext(Predicate<NameChange> which) {
    hold = new Hold();
    holdIf = which;
    return hold;
  }

  private synchronized Hold held(NameChange change) {
    if (hold == null || !holdIf.test(change)) {
      return null;
    }
    Hold h = hold;
    hold = null;
    return h;
  }

  @Override
  public CompletionStage<Boolean> updateNameIf(long avatarId, NameState expectedState,
      String expectedWish, NameChange change) {
    Hold h = held(change);
    if (h != null) {
      h.reached.complete(null);
      return h.gate.thenCompose(x -> applyIf(avatarId, expectedState, expectedWish, change));
    }
    return applyIf(avatarId, expectedState, expectedWish, change);
  }

  private synchronized CompletionStage<Boolean> applyIf(long avatarId, NameState expectedState,
      String expectedWish, NameChange change) {
    Toon t = toons.get(avatarId);
    if (!failing && !failWrites && t != null && (t.info().nameState() != expectedState
        || !t.info().wishName().equals(expectedWish))) {
      return CompletableFuture.completedFuture(false);
    }
    return apply(avatarId, change).thenApply(x -> true);
  }

  @Override
  public CompletionStage<Void> updateName(long avatarId, NameChange change) {
    Hold h = held(change);
    if (h != null) {
      h.reached.complete(null);
      return h.gate.thenCompose(x -> apply(avatarId, change));
    }
    return apply(avatarId, change);
  }

  private synchronized CompletionStage<Void> apply(long avatarId, NameChange change) {
    if (failing || failWrites) {
      return CompletableFuture.failedFuture(new IllegalStateException("database down"));
    }
    Toon t = toons.get(avatarId);
    if (t == null) {
      return CompletableFuture.failedFuture(new NoSuchElementException("no avatar " + avatarId));
    }
    AvatarInfo a = t.info();
    set(avatarId, change.name() != null ? change.name() : a.name(), change.nameState(),
        change.wishName());
    writes.add(avatarId + ":" + change);
    return CompletableFuture.completedFuture(null);
  }
}
