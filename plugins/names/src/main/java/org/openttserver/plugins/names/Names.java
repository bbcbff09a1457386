package org.openttserver.plugins.names;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.api.service.AvatarDirectory;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.AvatarDirectory.NameChange;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.session.ClientSession;
import org.slf4j.Logger;

/**
 * The names plugin's work: CLIENT_SET_NAME_PATTERN (67 → 68), CLIENT_SET_WISHNAME (70 → 71) and
 * the {@link NameReview} service. Every name change goes through {@link AvatarDirectory}, found
 * anew for each request (without it the client gets code {@link #UNAVAILABLE}).
 *
 * <p>Answer codes (the 2003 client shows the same name-error dialog for every non-zero code and
 * lets the user choose again): {@link #REFUSED} when the avatar is not the account's, its name
 * is final already, the pattern cannot come from the client's name shop or the typed name breaks
 * the client's own rules; {@link #UNAVAILABLE} when the avatars plugin is not running, fails or
 * does not answer a read in time. Writes are never timed out here: a write given up on may still
 * land, and the client would have been told it failed (a request that hangs is ended by the
 * runtime's handler watchdog instead). A typed name that passes the rules but that the server
 * will not allow (a blocked word, a reserved name, another toon's name) is answered with code 0
 * and the name in the "rejected" string, which the client shows as a rejection. Nothing is
 * stored for a refused or rejected name.
 *
 * <p>Every name write is conditional on the state the request read ({@link
 * AvatarDirectory#updateNameIf}): when another change landed in between, a client's request is
 * decided again on the new state and a review decision is dropped (approve/reject answer false).
 */
final class Names implements NameReview {
  /** The request cannot be granted (see the class description). */
  static final int REFUSED = 1;
  /** The avatars plugin is missing or failed. */
  static final int UNAVAILABLE = 2;

  private final Supplier<Optional<AvatarDirectory>> directory;
  private final NameMaster master;
  private final NameRules rules;
  private final NamePolicy policy;
  private final ReviewStore store;
  private final NamesConfig config;
  private final Executor work;
  private final Logger log;
  private final LongSupplier clock;

  Names(Supplier<Optional<AvatarDirectory>> directory, NameMaster master, ReviewStore store,
      NamesConfig config, Executor work, Logger log, LongSupplier clock) {
    this.directory = directory;
    this.master = master;
    this.rules = new NameRules(config.maxLength(), config.allowNonAscii());
    this.policy = new NamePolicy(config.blockedWords(), config.blockedFragments(),
        config.reservedNames());
    this.store = store;
    this.config = config;
    this.work = work;
    this.log = log;
    this.clock = clock;
  }

  /** Thrown inside a stage to answer with a code. */
  private static class Answer extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Answer(int code, String reason) {
      super(reason, null, false, false);
      this.code = code;
    }
  }

  /**
   * Thrown inside a stage when the toon's name state changed between reading it and writing
   * (an admin's review, the client's other request): the request is decided again on the new
   * state, up to {@link #CHANGE_ATTEMPTS} times.
   */
  private static final class Changed extends Answer {
    private static final long serialVersionUID = 1L;

    Changed(long avatarId) {
      super(REFUSED, "the name of avatar " + avatarId + " kept changing meanwhile");
    }
  }

  /** How often a request is decided again when the toon's name changed meanwhile. */
  static final int CHANGE_ATTEMPTS = 3;

  // ---------------------------------------------------------------- SET_NAME_PATTERN

  /** Handles CLIENT_SET_NAME_PATTERN: answers 68, code 0 once the name is stored. */
  CompletionStage<?> pattern(ClientSession session, SetNamePattern msg) {
    long avatarId = msg.avatarId();
    return retrying(() -> own(session, avatarId).thenCompose(av -> {
      PatternNames.Result r = PatternNames.build(master, av.isMale(), msg.parts());
      if (!r.accepted()) {
        throw new Answer(REFUSED, "pattern " + msg.parts() + ": " + r.problem());
      }
      // Stored only on the state just read: a review decided meanwhile is decided again on.
      return dir().updateNameIf(avatarId, av.nameState(), av.wishName(),
          new NameChange(r.name(), NameState.LOCKED, ""))
          .thenCompose(done -> {
            if (!done) {
              throw new Changed(avatarId);
            }
            return av.nameState() == NameState.PENDING
                ? blocking(() -> forget(avatarId)) : CompletableFuture.completedFuture(null);
          })
          .thenApply(v -> r.name());
    })).handle((name, failure) -> {
      if (failure == null) {
        log.info("names: avatar {} of account {} is now '{}' (pattern)", avatarId,
            session.accountId(), name);
        session.send(new SetNamePatternAnswer(avatarId, 0));
      } else {
        session.send(new SetNamePatternAnswer(avatarId, code(session, avatarId, failure)));
      }
      return null;
    });
  }

  // ---------------------------------------------------------------- SET_WISHNAME

  /** Handles CLIENT_SET_WISHNAME: answers 71 with pending, approved or rejected. */
  CompletionStage<?> wish(ClientSession session, SetWishName msg) {
    long avatarId = msg.avatarId();
    String name = msg.typedName();
    Optional<NameRules.Problem> problem = rules.check(name);
    if (problem.isPresent()) {
      log.info("names: account {} typed a name for {} that {}", session.accountId(), avatarId,
          problem.get().description());
      session.send(SetWishNameResp.refused(avatarId, REFUSED));
      return null;
    }
    return retrying(() -> own(session, avatarId).thenCompose(av -> decide(session, av, name)))
        .handle((resp, failure) -> {
          session.send(failure == null ? resp
              : SetWishNameResp.refused(avatarId, code(session, avatarId, failure)));
          return null;
        });
  }

  private CompletionStage<SetWishNameResp> decide(ClientSession session, AvatarInfo av,
      String name) {
    long avatarId = av.avatarId();
    String why = policy.refusal(name);
    if (why != null) {
      return rejected(session, avatarId, name, why);
    }
    return timed(dir().avatarsOf(session.accountId())).thenCompose(mine -> {
      String key = NamePolicy.key(name);
      for (AvatarInfo other : mine) {
        if (other.avatarId() != avatarId && (NamePolicy.key(other.name()).equals(key)
            || !other.wishName().isEmpty() && NamePolicy.key(other.wishName()).equals(key))) {
          return rejected(session, avatarId, name, "is the name of the account's toon "
              + other.avatarId());
        }
      }
      if (config.allowDuplicateNames()) {
        return store(session, av, name);
      }
      return claim(avatarId, key).thenCompose(claimed -> {
        if (!claimed) {
          return rejected(session, avatarId, name, "is another toon's name");
        }
        // If storing fails, the client was told nothing succeeded: free the name again (this
        // name only: a retry or a later wish of the toon may hold another by then).
        return store(session, av, name).handle((r, failure) -> failure == null
            ? CompletableFuture.completedFuture(r)
            : blocking(() -> {
              store.release(avatarId, key);
              return null;
            }).<SetWishNameResp>thenApply(x -> {
              throw relay(failure);
            })).thenCompose(x -> x);
      });
    });
  }

  private CompletionStage<SetWishNameResp> rejected(ClientSession session, long avatarId,
      String name, String why) {
    log.info("names: rejected '{}' for avatar {} of account {}: {}", name, avatarId,
        session.accountId(), why);
    return CompletableFuture.completedFuture(SetWishNameResp.rejected(avatarId, name));
  }

  private CompletionStage<SetWishNameResp> store(ClientSession session, AvatarInfo av,
      String name) {
    long avatarId = av.avatarId();
    if (config.autoApprove()) {
      return dir().updateNameIf(avatarId, av.nameState(), av.wishName(),
          new NameChange(name, NameState.LOCKED, ""))
          .thenCompose(done -> {
            if (!done) {
              throw new Changed(avatarId);
            }
            return av.nameState() == NameState.PENDING
                ? blocking(() -> store.removeWish(avatarId))
                : CompletableFuture.completedFuture(null);
          })
          .thenApply(v -> {
            log.info("names: avatar {} of account {} is now '{}' (typed, approved at once)",
                avatarId, session.accountId(), name);
            return SetWishNameResp.approved(avatarId, name);
          });
    }
    // Queue first: a crash before the toon's state is written leaves a queue entry that
    // pending() finds stale and drops, never a waiting toon nobody can review.
    PendingName wish = new PendingName(avatarId, session.accountId(), name, clock.getAsLong());
    return blocking(() -> {
      store.putWish(wish);
      return null;
    }).thenCompose(v -> dir().updateNameIf(avatarId, av.nameState(), av.wishName(),
        new NameChange(null, NameState.PENDING, name))).thenCompose(done -> {
          if (!done) {
            // The toon's name changed since it was read: take back the wish queued above.
            return blocking(() -> store.removeWish(wish)).<SetWishNameResp>thenApply(x -> {
              throw new Changed(avatarId);
            });
          }
          log.info("names: avatar {} of account {} asks for '{}'; waiting for review", avatarId,
              session.accountId(), name);
          return CompletableFuture.completedFuture(SetWishNameResp.pending(avatarId, name));
        });
  }

  /**
   * Reserves a typed name for an avatar, taking it over from a toon that no longer has it. A
   * claim younger than twice the request timeout is never taken over: its submission may still
   * be on its way to the avatars plugin, which then does not show the name yet.
   */
  private CompletionStage<Boolean> claim(long avatarId, String key) {
    return blocking(() -> store.holder(key)).thenCompose(holder -> {
      long now = clock.getAsLong();
      if (holder.isEmpty() || holder.get().avatarId() == avatarId) {
        return blocking(() -> store.claim(key, avatarId, holder, now));
      }
      if (now - holder.get().claimedAtMillis() < 2L * config.requestTimeoutMs()) {
        return CompletableFuture.completedFuture(false);
      }
      return timed(dir().avatar(holder.get().avatarId())).thenCompose(found -> {
        boolean stillHeld = found.map(h -> NamePolicy.key(h.name()).equals(key)
            || h.nameState() != NameState.REJECTED && NamePolicy.key(h.wishName()).equals(key))
            .orElse(false);
        return stillHeld ? CompletableFuture.completedFuture(false)
            : blocking(() -> store.claim(key, avatarId, holder, now));
      });
    });
  }

  // ---------------------------------------------------------------- NameReview

  @Override
  public CompletionStage<List<PendingName>> pending() {
    return blocking(store::wishes).thenCompose(wishes -> {
      List<CompletableFuture<Optional<PendingName>>> checks = new ArrayList<>();
      for (PendingName w : wishes) {
        checks.add(stillWaiting(w).toCompletableFuture());
      }
      return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
          .thenApply(v -> checks.stream().map(CompletableFuture::join)
              .flatMap(Optional::stream).toList());
    });
  }

  private CompletionStage<Optional<PendingName>> stillWaiting(PendingName w) {
    return timed(dir().avatar(w.avatarId())).thenCompose(found -> {
      boolean waiting = found.map(a -> a.nameState() == NameState.PENDING
          && a.wishName().equals(w.wishName())).orElse(false);
      if (waiting) {
        return CompletableFuture.completedFuture(Optional.of(w));
      }
      if (clock.getAsLong() - w.submittedAtMillis() < 2L * config.requestTimeoutMs()) {
        // Queued a moment ago: its toon's PENDING state may still be on its way (the wish is
        // queued first). Not listed, not forgotten.
        return CompletableFuture.completedFuture(Optional.empty());
      }
      // Forget this entry only (not a wish queued after it), and its name unless the toon
      // carries it (approved or final).
      String key = NamePolicy.key(w.wishName());
      boolean carried = found.map(a -> NamePolicy.key(a.name()).equals(key)
          || a.nameState() != NameState.REJECTED && NamePolicy.key(a.wishName()).equals(key))
          .orElse(false);
      return blocking(() -> {
        store.removeWish(w);
        if (!carried) {
          store.release(w.avatarId(), key);
        }
        return Optional.<PendingName>empty();
      });
    });
  }

  @Override
  public CompletionStage<Boolean> approve(long avatarId) {
    return decideReview(avatarId, NameState.APPROVED);
  }

  @Override
  public CompletionStage<Boolean> reject(long avatarId) {
    return decideReview(avatarId, NameState.REJECTED);
  }

  private CompletionStage<Boolean> decideReview(long avatarId, NameState outcome) {
    return blocking(() -> store.wish(avatarId)).thenCompose(queued -> {
      if (queued.isEmpty()) {
        return CompletableFuture.completedFuture(false);
      }
      return stillWaiting(queued.get()).thenCompose(w -> {
        if (w.isEmpty()) {
          return CompletableFuture.completedFuture(false);
        }
        PendingName decided = w.get();
        String name = decided.wishName();
        // Stored only while the toon still waits with this name: a name the client picked or
        // typed meanwhile, or a withdrawal, is never overwritten by this decision.
        return dir().updateNameIf(avatarId, NameState.PENDING, name,
            new NameChange(null, outcome, name)).thenCompose(done -> {
              if (!done) {
                log.info("names: '{}' for avatar {} not {}: its name changed meanwhile", name,
                    avatarId, outcome == NameState.APPROVED ? "approved" : "rejected");
                return CompletableFuture.completedFuture(false);
              }
              return blocking(() -> {
                store.removeWish(decided);
                if (outcome == NameState.REJECTED) {
                  store.release(avatarId, NamePolicy.key(name));
                }
                log.info("names: '{}' for avatar {} {}", name, avatarId,
                    outcome == NameState.APPROVED ? "approved" : "rejected");
                return true;
              });
            });
      });
    });
  }

  // ---------------------------------------------------------------- helpers

  /** The avatar, if the session's account owns it and it may still be named. */
  private CompletionStage<AvatarInfo> own(ClientSession session, long avatarId) {
    AvatarDirectory dir;
    try {
      dir = dir();
    } catch (Answer a) {
      return CompletableFuture.failedFuture(a);
    }
    return timed(dir.avatarsOf(session.accountId())).thenApply(list -> {
      AvatarInfo av = list.stream().filter(a -> a.avatarId() == avatarId).findFirst()
          .orElseThrow(() -> new Answer(REFUSED, "avatar " + avatarId + " is not the account's"));
      if (!av.nameState().mayName()) {
        throw new Answer(REFUSED, "avatar " + avatarId + " cannot be named (its name is "
            + av.nameState() + ")");
      }
      return av;
    });
  }

  private AvatarDirectory dir() {
    return directory.get().orElseThrow(() -> new Answer(UNAVAILABLE,
        "the avatars plugin (AvatarDirectory) is not running"));
  }

  /** Forgets an avatar's queued wish and the name it reserved. */
  private Void forget(long avatarId) throws SQLException {
    store.removeWish(avatarId);
    store.release(avatarId);
    return null;
  }

  /**
   * Runs a request's attempt, and again (up to {@link #CHANGE_ATTEMPTS} in all) while it fails
   * with {@link Changed}.
   */
  private <T> CompletionStage<T> retrying(Supplier<CompletionStage<T>> attempt) {
    return retrying(attempt, CHANGE_ATTEMPTS);
  }

  private <T> CompletionStage<T> retrying(Supplier<CompletionStage<T>> attempt, int left) {
    CompletionStage<T> first;
    try {
      first = attempt.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return first.<CompletionStage<T>>handle((v, e) -> {
      if (e == null) {
        return CompletableFuture.completedFuture(v);
      }
      if (unwrap(e) instanceof Changed && left > 1) {
        return retrying(attempt, left - 1);
      }
      return CompletableFuture.failedFuture(e);
    }).thenCompose(x -> x);
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static CompletionException relay(Throwable e) {
    return e instanceof CompletionException c ? c : new CompletionException(e);
  }

  private int code(ClientSession session, long avatarId, Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof Answer a) {
      log.info("names: refused account {} for avatar {}: {}", session.accountId(), avatarId,
          a.getMessage());
      return a.code;
    }
    log.warn("names: request of account {} for avatar {} failed: {}", session.accountId(),
        avatarId, t.toString());
    return UNAVAILABLE;
  }

  /** A read of the avatars plugin, failed after {@code request_timeout_ms}; never a write. */
  private <T> CompletionStage<T> timed(CompletionStage<T> stage) {
    return stage.toCompletableFuture().copy()
        .orTimeout(config.requestTimeoutMs(), TimeUnit.MILLISECONDS);
  }

  /** Work that blocks (the H2 store), run on the plugin's worker threads. */
  interface Blocking<T> {
    T run() throws SQLException;
  }

  private <T> CompletionStage<T> blocking(Blocking<T> task) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return task.run();
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    }, work);
  }
}
