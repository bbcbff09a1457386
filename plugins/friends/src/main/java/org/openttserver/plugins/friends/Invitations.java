package org.openttserver.plugins.friends;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.openttserver.api.service.AvatarDirectory.AvatarInfo;
import org.openttserver.api.service.FriendDirectory;
import org.openttserver.api.service.FriendDirectory.PairResult;

/**
 * The friend invitation and secret-friend logic of the FriendManager (protocol-2003.md chapter
 * 8), with no networking: the FriendManager object calls one method per field a client sends,
 * and this class decides what goes out as {@link Send} decisions ("send field X with these
 * arguments to avatar Y"). Every method returns what it made of the input ({@link Outcome}) once
 * its decisions are emitted; {@link Outcome#FORGED} is input an honest client cannot send (the
 * caller ejects), {@link Outcome#STALE} is input that lost a race (a context already over) and
 * is ignored.
 *
 * <h2>Invitations</h2>
 * An inviter has at most one open query, an invitee is asked at most one at a time. A query
 * goes ASKED (inviteeFriendQuery sent) → CONSIDERING (the invitee's client opened its dialog,
 * friendConsidering(1) sent) → over (friendResponse sent); a cancel by the inviter, or the
 * inviter leaving the world, moves it to CANCELLING until the invitee acknowledges. The invitee
 * cancels by answering 0 or 2. Friends are made only on an invitee's "yes" to a query in
 * CONSIDERING, through {@link FriendDirectory#addPair} (atomic on both sides).
 *
 * <h2>Secrets</h2>
 * requestSecret hands out a code of two three-letter words that is valid for {@link
 * Settings#secretLifetime}, at most {@link Settings#secretsPerDay} per avatar in any 24 hours;
 * submitSecret uses it once: the two become friends with the {@link FriendDirectory#SECRET} flag
 * on both sides (or get the flag if already friends). Both need an account whose chat setting
 * allows secret friends (paid and chat permission 1 or more, {@link Facts#secretsAllowed}).
 * Secrets live in memory: a restart forgets unused ones (their submit is then answered 0,
 * "unknown or expired").
 */
final class Invitations {
  // friendConsidering codes (to the inviter)
  static final int BUSY = 0;
  static final int ASKING = 1;
  static final int ALREADY_FRIENDS = 2;
  static final int YOURSELF = 3;
  static final int IGNORED = 4;
  /**
   * Not one of the client's codes, so it shows "unable to answer": the invitee is not in the
   * world (or is no toon), or the answer could not be stored.
   */
  static final int UNABLE = 5;
  static final int NOT_ACCEPTING = 6;
  static final int SAID_NO = 10;
  static final int TOO_MANY = 13;
  // inviteeFriendResponse / friendResponse codes
  static final int NO = 0;
  static final int YES = 1;
  static final int NO_ANSWER = 2;
  static final int LIST_FULL = 3;
  // requestSecretResponse / submitSecretResponse codes
  static final int SECRET_REFUSED = 0;
  static final int SECRET_OK = 1;
  static final int SECRET_FULL = 2;
  static final int SECRET_OWN = 3;

  private static final String LETTERS = "abcdefghijkmnoprstuvwxyz"; // no l, q
  private static final long DAY_MS = 24 * 3600 * 1000L;

  /** What this class needs to know of the world. */
  interface Facts {
    /** {@return whether the avatar is in the world now} */
    boolean inWorld(long avatarId);

    /** {@return the avatar's name and DNA, empty if it is no toon} */
    CompletionStage<Optional<AvatarInfo>> avatar(long avatarId);

    /** {@return whether the account may have secret friends (paid, chat permission >= 1)} */
    CompletionStage<Boolean> secretsAllowed(long accountId);
  }

  /**
   * The tunables.
   *
   * @param secretLifetime how long a secret is valid (one day by default)
   * @param secretsPerDay secrets one avatar may ask for in any 24 hours
   * @param declinedFor how long an invitee's "no" makes the same inviter's next query answer
   *     {@link #SAID_NO} at once
   */
  record Settings(Duration secretLifetime, int secretsPerDay, Duration declinedFor) {
    static Settings defaults() {
      return new Settings(Duration.ofDays(1), 20, Duration.ofMinutes(1));
    }
  }

  /** Where a decision is addressed. */
  enum Target {
    /** A field of the FriendManager object, sent to the avatar's client. */
    FRIEND_MANAGER,
    /** A field of the avatar's own DistributedToon, sent to its owner. */
    AVATAR
  }

  /**
   * One decision: send {@code field(args)} to {@code avatarId}'s client.
   *
   * @param avatarId whose client gets it
   * @param target the object the field belongs to
   * @param field the DC field name
   * @param args its arguments
   */
  record Send(long avatarId, Target target, String field, List<Object> args) {}

  /** What an input was. */
  enum Outcome {
    /** Handled. */
    OK,
    /** A context that is over (cancelled, answered, expired): ignored. */
    STALE,
    /** Input an honest client cannot send (someone else's context, an unknown code). */
    FORGED,
    /** The account may not do this (secret friends not allowed): answered with a refusal. */
    NOT_ALLOWED
  }

  private enum State { ASKED, CONSIDERING, CANCELLING }

  private static final class Query {
    final int context;
    final long inviter;
    final long invitee;
    State state = State.ASKED;
    /** Whether the invitee's client got its inviteeFriendQuery. */
    boolean asked;

    Query(int context, long inviter, long invitee) {
      this.context = context;
      this.inviter = inviter;
      this.invitee = invitee;
    }
  }

  private record Secret(long owner, long expiresAt) {}

  private final FriendDirectory friends;
  private final Facts facts;
  private final Settings settings;
  private final LongSupplier clock;
  private final RandomGenerator random;
  private final Consumer<Send> out;
  private final Map<Integer, Query> queries = new HashMap<>();
  private final Map<Long, Query> byInviter = new HashMap<>();
  private final Map<Long, Query> byInvitee = new HashMap<>();
  /** (inviter, invitee) → until when a new query is answered {@link #SAID_NO}. */
  private final Map<List<Long>, Long> declined = new HashMap<>();
  private final Map<String, Secret> secrets = new HashMap<>();
  private final Map<String, Secret> submitting = new HashMap<>();
  private final Map<Long, Deque<Long>> handedOut = new HashMap<>();
  private int nextContext;

  Invitations(FriendDirectory friends, Facts facts, Settings settings, LongSupplier clockMillis,
      RandomGenerator random, Consumer<Send> out) {
    this.friends = friends;
    this.facts = facts;
    this.settings = settings;
    this.clock = clockMillis;
    this.random = random;
    this.out = out;
    this.nextContext = 1 + random.nextInt(1 << 20);
  }

  private void send(long avatarId, String field, Object... args) {
    out.accept(new Send(avatarId, Target.FRIEND_MANAGER, field, List.of(args)));
  }

  private static CompletableFuture<Outcome> done(Outcome o) {
    return CompletableFuture.completedFuture(o);
  }

  // ------------------------------------------------------------------------------ queries

  /** C→S friendQuery(inviteeId) from {@code inviter}. */
  synchronized CompletableFuture<Outcome> friendQuery(long inviter, long invitee) {
    int ctx = newContext();
    if (invitee == inviter) {
      send(inviter, "friendConsidering", YOURSELF, ctx);
      return done(Outcome.OK);
    }
    Query old = byInviter.get(inviter);
    if (old != null) { // a new query replaces the inviter's open one
      cancel(old);
    }
    if (!facts.inWorld(invitee)) {
      send(inviter, "friendConsidering", UNABLE, ctx);
      return done(Outcome.OK);
    }
    Long until = declined.get(List.of(inviter, invitee));
    if (until != null && until > clock.getAsLong()) {
      send(inviter, "friendConsidering", SAID_NO, ctx);
      return done(Outcome.OK);
    }
    if (byInvitee.containsKey(invitee) || byInviter.containsKey(invitee)) {
      send(inviter, "friendConsidering", BUSY, ctx);
      return done(Outcome.OK);
    }
    // Reserve both now: a second query racing this one's look-ups is answered busy.
    Query q = new Query(ctx, inviter, invitee);
    open(q);
    CompletableFuture<OptionalInt> already = friends.flags(inviter, invitee)
        .toCompletableFuture();
    CompletableFuture<List<FriendDirectory.Friend>> theirs = friends.friendsOf(invitee)
        .toCompletableFuture();
    CompletableFuture<List<FriendDirectory.Friend>> mine = friends.friendsOf(inviter)
        .toCompletableFuture();
    CompletableFuture<Optional<AvatarInfo>> me = facts.avatar(inviter).toCompletableFuture();
    return CompletableFuture.allOf(already, theirs, mine, me).handle((x, e) -> {
      synchronized (this) {
        if (queries.get(ctx) != q || q.state != State.ASKED) {
          return Outcome.OK; // cancelled or replaced meanwhile; already answered
        }
        int refusal = e != null || me.join().isEmpty() ? UNABLE
            : already.join().isPresent() ? ALREADY_FRIENDS
            : theirs.join().size() >= FriendDirectory.MAX_FRIENDS ? TOO_MANY
            : mine.join().size() >= FriendDirectory.MAX_FRIENDS ? UNABLE
            : -1;
        if (refusal >= 0) {
          close(q);
          send(inviter, "friendConsidering", refusal, ctx);
          return Outcome.OK;
        }
        AvatarInfo info = me.join().get();
        q.asked = true;
        send(invitee, "inviteeFriendQuery", inviter, info.name(), info.dna(), ctx);
        return Outcome.OK;
      }
    });
  }

  /** C→S inviteeFriendConsidering(code, context) from {@code invitee}. */
  synchronized CompletableFuture<Outcome> inviteeFriendConsidering(long invitee, int code,
      int context) {
    Query q = queries.get(context);
    if (q == null) {
      return done(Outcome.STALE);
    }
    if (q.invitee != invitee) {
      return done(Outcome.FORGED);
    }
    if (q.state != State.ASKED) {
      return done(q.state == State.CANCELLING ? Outcome.STALE : Outcome.FORGED);
    }
    switch (code) {
      case 1 -> {
        q.state = State.CONSIDERING;
        send(q.inviter, "friendConsidering", ASKING, context);
        return done(Outcome.OK);
      }
      case 0, 4, 6 -> {
        close(q);
        send(q.inviter, "friendConsidering", code == 0 ? BUSY : code, context);
        return done(Outcome.OK);
      }
      default -> {
        close(q);
        send(q.inviter, "friendConsidering", UNABLE, context);
        return done(Outcome.FORGED);
      }
    }
  }

  /** C→S inviteeFriendResponse(code, context) from {@code invitee}. */
  synchronized CompletableFuture<Outcome> inviteeFriendResponse(long invitee, int code,
      int context) {
    Query q = queries.get(context);
    if (q == null) {
      return done(Outcome.STALE);
    }
    if (q.invitee != invitee) {
      return done(Outcome.FORGED);
    }
    if (q.state == State.CANCELLING) {
      return done(Outcome.STALE);
    }
    if (q.state != State.CONSIDERING) { // a dialog it never opened
      return done(Outcome.FORGED);
    }
    close(q);
    switch (code) {
      case NO -> {
        declined.put(List.of(q.inviter, q.invitee),
            clock.getAsLong() + settings.declinedFor().toMillis());
        send(q.inviter, "friendResponse", NO, context);
        return done(Outcome.OK);
      }
      case NO_ANSWER, LIST_FULL -> {
        send(q.inviter, "friendResponse", code, context);
        return done(Outcome.OK);
      }
      case YES -> {
        return friends.addPair(q.inviter, q.invitee, 0).toCompletableFuture()
            .handle((r, e) -> {
              int answer = e != null ? UNABLE
                  : r == PairResult.DONE || r == PairResult.ALREADY_FRIENDS ? YES
                  : r == PairResult.SECOND_FULL ? LIST_FULL
                  : UNABLE;
              send(q.inviter, "friendResponse", answer, context);
              return Outcome.OK;
            });
      }
      default -> {
        send(q.inviter, "friendResponse", UNABLE, context);
        return done(Outcome.FORGED);
      }
    }
  }

  /** C→S cancelFriendQuery(context) from {@code inviter}. */
  synchronized CompletableFuture<Outcome> cancelFriendQuery(long inviter, int context) {
    Query q = queries.get(context);
    if (q == null) {
      return done(Outcome.STALE);
    }
    if (q.inviter != inviter) {
      return done(Outcome.FORGED);
    }
    if (q.state == State.CANCELLING) {
      return done(Outcome.STALE);
    }
    cancel(q);
    return done(Outcome.OK);
  }

  /** C→S inviteeAcknowledgeCancel(context) from {@code invitee}. */
  synchronized CompletableFuture<Outcome> inviteeAcknowledgeCancel(long invitee, int context) {
    Query q = queries.get(context);
    if (q == null) {
      return done(Outcome.STALE);
    }
    if (q.invitee != invitee || q.state != State.CANCELLING) {
      return done(Outcome.FORGED);
    }
    queries.remove(context);
    byInvitee.remove(q.invitee, q);
    return done(Outcome.OK);
  }

  /**
   * An avatar left the world: its queries end. The other side of each is told (an invitee
   * gets inviteeCancelFriendQuery, an inviter friendConsidering or friendResponse "unable").
   */
  synchronized void left(long avatarId) {
    Query asInviter = byInviter.get(avatarId);
    if (asInviter != null) {
      cancel(asInviter);
    }
    Query asInvitee = byInvitee.get(avatarId);
    if (asInvitee != null) {
      close(asInvitee);
      if (asInvitee.state == State.ASKED) {
        send(asInvitee.inviter, "friendConsidering", UNABLE, asInvitee.context);
      } else if (asInvitee.state == State.CONSIDERING) {
        send(asInvitee.inviter, "friendResponse", UNABLE, asInvitee.context);
      }
    }
  }

  private void cancel(Query q) {
    byInviter.remove(q.inviter, q);
    q.state = State.CANCELLING;
    if (q.asked && facts.inWorld(q.invitee)) {
      send(q.invitee, "inviteeCancelFriendQuery", q.context);
    } else {
      close(q);
    }
  }

  private void open(Query q) {
    queries.put(q.context, q);
    byInviter.put(q.inviter, q);
    byInvitee.put(q.invitee, q);
  }

  private void close(Query q) {
    queries.remove(q.context, q);
    byInviter.remove(q.inviter, q);
    byInvitee.remove(q.invitee, q);
  }

  private int newContext() {
    nextContext = nextContext == Integer.MAX_VALUE ? 1 : nextContext + 1;
    return nextContext;
  }

  /** {@return how many queries are open (for tests and metrics)} */
  synchronized int openQueries() {
    return queries.size();
  }

  // ------------------------------------------------------------------------------ secrets

  /** C→S requestSecret() from {@code avatarId} of {@code accountId}. */
  CompletableFuture<Outcome> requestSecret(long avatarId, long accountId) {
    return facts.secretsAllowed(accountId).toCompletableFuture().handle((ok, e) -> {
      synchronized (this) {
        if (e != null || !ok) {
          send(avatarId, "requestSecretResponse", SECRET_REFUSED, "");
          return e != null ? Outcome.OK : Outcome.NOT_ALLOWED;
        }
        long now = clock.getAsLong();
        purgeExpired(now);
        Deque<Long> times = handedOut.computeIfAbsent(avatarId, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - DAY_MS) {
          times.pollFirst();
        }
        if (times.size() >= settings.secretsPerDay()) {
          send(avatarId, "requestSecretResponse", SECRET_REFUSED, "");
          return Outcome.OK;
        }
        String code;
        do {
          code = word() + " " + word();
        } while (secrets.containsKey(code) || submitting.containsKey(code));
        secrets.put(code, new Secret(avatarId, now + settings.secretLifetime().toMillis()));
        times.addLast(now);
        send(avatarId, "requestSecretResponse", SECRET_OK, code);
        return Outcome.OK;
      }
    });
  }

  private String word() {
    char[] w = new char[3];
    for (int i = 0; i < 3; i++) {
      w[i] = LETTERS.charAt(random.nextInt(LETTERS.length()));
    }
    return new String(w);
  }

  private void purgeExpired(long now) {
    for (Iterator<Secret> it = secrets.values().iterator(); it.hasNext(); ) {
      if (it.next().expiresAt() <= now) {
        it.remove();
      }
    }
    handedOut.values().removeIf(d -> d.isEmpty() || d.peekLast() <= now - DAY_MS);
  }

  static String normalise(String secret) {
    return secret == null ? "" : secret.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  /** C→S submitSecret(secret) from {@code avatarId} of {@code accountId}. */
  CompletableFuture<Outcome> submitSecret(long avatarId, long accountId, String secret) {
    String code = normalise(secret);
    return facts.secretsAllowed(accountId).toCompletableFuture().handle((ok, e) -> ok != null
        && ok).thenCompose(allowed -> {
          Secret s;
          synchronized (this) {
            if (!allowed) {
              send(avatarId, "submitSecretResponse", SECRET_REFUSED, 0L);
              return done(Outcome.NOT_ALLOWED);
            }
            s = secrets.get(code);
            if (s == null || s.expiresAt() <= clock.getAsLong()) {
              if (s != null) {
                secrets.remove(code);
              }
              send(avatarId, "submitSecretResponse", SECRET_REFUSED, 0L);
              return done(Outcome.OK);
            }
            if (s.owner() == avatarId) {
              send(avatarId, "submitSecretResponse", SECRET_OWN, 0L);
              return done(Outcome.OK);
            }
            secrets.remove(code); // single use; put back if the pair could not be stored
            submitting.put(code, s);
          }
          return makeSecretFriends(avatarId, s.owner()).handle((r, err) -> {
            synchronized (this) {
              submitting.remove(code);
              if (err != null || r == PairResult.NO_SUCH_AVATAR) {
                if (err != null) {
                  secrets.put(code, s);
                }
                send(avatarId, "submitSecretResponse", SECRET_REFUSED, 0L);
              } else if (r == PairResult.FIRST_FULL) {
                secrets.put(code, s);
                send(avatarId, "submitSecretResponse", SECRET_FULL, avatarId);
              } else if (r == PairResult.SECOND_FULL) {
                secrets.put(code, s);
                send(avatarId, "submitSecretResponse", SECRET_FULL, s.owner());
              } else {
                send(avatarId, "submitSecretResponse", SECRET_OK, s.owner());
                out.accept(new Send(s.owner(), Target.AVATAR, "friendsNotify",
                    List.of(avatarId, Friends.NOTIFY_SECRET)));
              }
              return Outcome.OK;
            }
          });
        });
  }

  /** Sets the secret flag on an existing pair, or makes a new pair with it. */
  private CompletableFuture<PairResult> makeSecretFriends(long a, long b) {
    return friends.flags(a, b).toCompletableFuture().thenCompose(f -> f.isPresent()
        ? friends.setFlags(a, b, f.getAsInt() | FriendDirectory.SECRET).toCompletableFuture()
            .thenCompose(r -> r == PairResult.NOT_FRIENDS // one-sided: complete it
                ? friends.addPair(a, b, FriendDirectory.SECRET).toCompletableFuture()
                : CompletableFuture.completedFuture(r))
        : friends.addPair(a, b, FriendDirectory.SECRET).toCompletableFuture()
            .thenCompose(r -> r == PairResult.ALREADY_FRIENDS // made friends meanwhile
                ? friends.setFlags(a, b, FriendDirectory.SECRET).toCompletableFuture()
                : CompletableFuture.completedFuture(r)));
  }
}
