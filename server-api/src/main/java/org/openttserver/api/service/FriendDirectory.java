package org.openttserver.api.service;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;

/**
 * Friendships between avatars: provided by the built-in {@code friends} plugin, which owns every
 * change of the DistributedToon field {@code setFriendsList} (a list of (friendId, flags) pairs,
 * protocol-2003.md chapter 8).
 *
 * <p>A friendship is a <em>pair</em>: each avatar's list holds the other. The pair operations
 * ({@link #addPair}, {@link #removePair}, {@link #setFlags}) change both lists so that after any
 * crash, kill -9 included, either both lists hold the pair or neither does; a stage that
 * completes normally means both lists are durably stored. An avatar in the world is changed
 * through its live object (its client sees the new list at once), an avatar out of the world in
 * the database. Pair operations on the same avatar run one after another, in call order.
 *
 * <p>A pair operation whose stage fails (the database or the state server not answering in time)
 * may have changed one list and not yet the other. The provider finishes it, to the state it was
 * asked for (or, for an addition that can no longer be honoured, to neither list holding the
 * pair), before the next pair operation on the same two avatars decides anything (that operation
 * fails instead if it cannot), retries it in the background meanwhile, and otherwise at the next
 * start. A later operation's result is therefore never undone by an earlier failed one.
 *
 * <p>Reads ({@link #flags}, {@link #friendsOf}, {@link #onlineFriends}) return the avatar's own
 * list as stored now: the live object's while it is in the world, the database's otherwise. After
 * a restart they wait until the provider has finished the pair changes a crash interrupted, so
 * such a change is never seen half-done; if that cannot be done (the database not answering),
 * reads and pair operations fail until it can. A read can see one side of a pair operation still
 * in progress, or of a failed one not finished yet (see above).
 *
 * <p>Without a provider (friends disabled) nobody has friends: a dependent plugin treats every
 * {@link #flags} as empty and every avatar as having no online friends, and refuses what would
 * create a friendship.
 *
 * <pre>{@code
 * services.find(FriendDirectory.class).ifPresent(friends ->
 *     friends.addPair(inviterId, inviteeId, 0).thenAccept(r -> {
 *       if (r == FriendDirectory.PairResult.DONE) {
 *         log.info("{} and {} are friends", inviterId, inviteeId);
 *       }
 *     }));
 * }</pre>
 *
 * @since 0.3
 */
public interface FriendDirectory {
  /** Friends an avatar may have (ToontownGlobals.MaxFriends of the 2003 client). */
  int MAX_FRIENDS = 50;

  /** Flag bit: a "secret friend", keyboard chat between the two works. */
  int SECRET = 0x01;

  /**
   * Is {@code friendId} on the list of {@code avatarId}, and with which flags.
   *
   * @param avatarId whose list is read
   * @param friendId the avatar looked for
   * @return the flags (0 for a plain friend, {@link #SECRET} bit for a secret friend), or empty if
   *     {@code friendId} is not on the list or {@code avatarId} does not exist; fails with the
   *     bridge's exceptions if neither the state server nor the database answers
   */
  CompletionStage<OptionalInt> flags(long avatarId, long friendId);

  /**
   * An avatar's whole list, in stored order.
   *
   * @param avatarId whose list is read
   * @return the entries (empty if the avatar does not exist); fails as {@link #flags}
   */
  CompletionStage<List<Friend>> friendsOf(long avatarId);

  /**
   * The friends of an avatar who are in the world now (on any district; the clients of this
   * extension, which in a cluster of one extension are all of them): its list
   * (as {@link #friendsOf} reads it) filtered by who has entered the world and not left.
   *
   * @param avatarId whose friends are asked about
   * @return their ids, in list order; fails as {@link #flags}
   */
  CompletionStage<List<Long>> onlineFriends(long avatarId);

  /**
   * Makes two avatars friends with the given flags on both sides. Nothing is changed unless the
   * result is {@link PairResult#DONE}. A pair that only one list holds (left by an older server)
   * is completed.
   *
   * @param a one avatar
   * @param b the other
   * @param flags the flags both entries get (0 or {@link #SECRET})
   * @return {@link PairResult#DONE} once both lists are stored; {@link
   *     PairResult#ALREADY_FRIENDS} if both lists hold the pair already (flags left as they are,
   *     see {@link #setFlags}); {@link PairResult#SAME_AVATAR}; {@link PairResult#NO_SUCH_AVATAR}
   *     if either is not a toon; {@link PairResult#FIRST_FULL} or {@link PairResult#SECOND_FULL}
   *     if that side already has {@link #MAX_FRIENDS} friends
   * @throws IllegalArgumentException if {@code flags} is outside 0–255
   */
  CompletionStage<PairResult> addPair(long a, long b, int flags);

  /**
   * Ends a friendship on both sides (also when only one list holds it).
   *
   * @param a one avatar
   * @param b the other
   * @return {@link PairResult#DONE} once neither list holds the other (a missing avatar's side
   *     counts as empty); {@link PairResult#NOT_FRIENDS} if neither list held the other (nothing
   *     written); {@link PairResult#SAME_AVATAR}
   */
  CompletionStage<PairResult> removePair(long a, long b);

  /**
   * Sets the flags of an existing friendship on both sides.
   *
   * @param a one avatar
   * @param b the other
   * @param flags the new flags of both entries
   * @return {@link PairResult#DONE} once both lists are stored; {@link PairResult#NOT_FRIENDS}
   *     unless both lists hold the pair (nothing written); {@link PairResult#SAME_AVATAR}
   * @throws IllegalArgumentException if {@code flags} is outside 0–255
   */
  CompletionStage<PairResult> setFlags(long a, long b, int flags);

  /**
   * One entry of an avatar's list.
   *
   * @param friendId the friend's avatar id
   * @param flags its flags ({@link #SECRET} bit)
   */
  record Friend(long friendId, int flags) {
    /** {@return true if the {@link #SECRET} bit is set} */
    public boolean secret() {
      return (flags & SECRET) != 0;
    }
  }

  /** What a pair operation did. */
  enum PairResult {
    /** Both lists now hold the requested state. */
    DONE,
    /** {@link #addPair}: both lists already held the pair; nothing changed. */
    ALREADY_FRIENDS,
    /** {@link #removePair}, {@link #setFlags}: the two are not friends; nothing changed. */
    NOT_FRIENDS,
    /** The two ids are the same; nothing changed. */
    SAME_AVATAR,
    /** {@link #addPair}: one of the ids is not a toon; nothing changed. */
    NO_SUCH_AVATAR,
    /** {@link #addPair}: the first avatar's list is full; nothing changed. */
    FIRST_FULL,
    /** {@link #addPair}: the second avatar's list is full; nothing changed. */
    SECOND_FULL
  }
}
