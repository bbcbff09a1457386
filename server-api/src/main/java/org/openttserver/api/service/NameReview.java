package org.openttserver.api.service;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The review queue of typed toon names (CLIENT_SET_WISHNAME): provided by the built-in
 * {@code names} plugin. An admin page or a moderator command lists the names waiting for review
 * and approves or rejects them; the toon's name state changes through {@link AvatarDirectory},
 * so the next CLIENT_GET_AVATARS_RESP shows the outcome the way the 2003 client expects (an
 * approved name in the approved slot, which the client acknowledges; a rejected one in the
 * rejected slot).
 *
 * <p>Without a provider (names disabled) there is nothing to review: typed names are not
 * accepted at all.
 *
 * <pre>{@code
 * review.pending().thenAccept(list -> list.forEach(p ->
 *     log.info("{} wants to be called {}", p.avatarId(), p.wishName())));
 * review.approve(avatarId).thenAccept(done -> {
 *   if (!done) {
 *     log.info("{} no longer waits for review", avatarId);
 *   }
 * });
 * }</pre>
 *
 * @since 0.2
 */
public interface NameReview {
  /**
   * Lists the typed names waiting for review, oldest first. Entries whose toon no longer waits
   * (deleted, wish withdrawn, named another way) are left out and forgotten; a name submitted a
   * moment ago whose toon does not show it yet is left out until it does.
   *
   * @return the waiting names; fails if the avatars plugin does not answer
   */
  CompletionStage<List<PendingName>> pending();

  /**
   * Approves a waiting name: the toon's state becomes {@link AvatarDirectory.NameState#APPROVED}
   * with the wish name; the client makes it the toon's name when it acknowledges.
   *
   * @param avatarId the toon
   * @return true once stored; false, nothing written, if the toon has no name waiting for
   *     review, or stopped waiting with it while this was decided (the client picked or typed
   *     another name, or withdrew it)
   */
  CompletionStage<Boolean> approve(long avatarId);

  /**
   * Rejects a waiting name: the toon's state becomes {@link AvatarDirectory.NameState#REJECTED};
   * it keeps its temporary name and may be named again after the client acknowledges.
   *
   * @param avatarId the toon
   * @return true once stored; false, nothing written, if the toon has no name waiting for
   *     review, or stopped waiting with it while this was decided (the client picked or typed
   *     another name, or withdrew it)
   */
  CompletionStage<Boolean> reject(long avatarId);

  /**
   * A typed name waiting for review.
   *
   * @param avatarId the toon
   * @param accountId the account that submitted it
   * @param wishName the typed name
   * @param submittedAtMillis when it was submitted (epoch milliseconds)
   */
  record PendingName(long avatarId, long accountId, String wishName, long submittedAtMillis) {}
}
