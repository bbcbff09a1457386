package org.openttserver.api.service;

import java.util.Optional;
import java.util.OptionalLong;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.session.ClientSession;

/**
 * Which avatar each client plays now: provided by the built-in {@code avatars} plugin, which
 * puts a toon into the world on CLIENT_SET_AVATAR and takes it out again.
 *
 * <p>An avatar <em>enters</em> once it is active in the state server, owned by its client's
 * connection and a session object of it, right after its CLIENT_GET_AVATAR_DETAILS_RESP (15) is
 * sent. It <em>leaves</em> on SET_AVATAR(0), on SET_AVATAR of another toon, when it is deleted,
 * when its client disconnects for any reason, and when the connection logs in again as another
 * account. Leave listeners run before the avatar is removed from the state server, while the
 * session may already be disconnected ({@link ClientSession#isConnected()} false): they undo
 * what they did on enter and must not send to a disconnected session.
 *
 * <p>Listeners run on the extension's executor, in registration order, one event at a time; an
 * exception in one is logged and does not stop the others. Every enter of an avatar is followed
 * by exactly one leave. A plugin that registers listeners closes the registrations in its {@code
 * stop()}; they also end when the provider stops.
 *
 * <p>Without a provider (avatars disabled) no client is ever in the world: the districts plugin
 * refuses SET_SHARD with {@link org.openttserver.api.msg.BootCode#NOT_IN_GAME}.
 *
 * <pre>{@code
 * presence.onEnter((session, avatarId) -> log.info("{} plays {}", session.accountName(), avatarId));
 * presence.activeAvatar(session).ifPresent(id -> ...);
 * }</pre>
 *
 * @since 0.3
 */
public interface AvatarPresence {
  /**
   * The avatar a session plays.
   *
   * @param session a client session
   * @return the avatar's doId, or empty while the client is at the avatar chooser (or before)
   */
  OptionalLong activeAvatar(ClientSession session);

  /**
   * The session playing an avatar.
   *
   * @param avatarId a toon's doId
   * @return the session, or empty if nobody plays that toon now
   */
  Optional<ClientSession> sessionOf(long avatarId);

  /**
   * Listens for avatars entering the world.
   *
   * @param listener told the session and the avatar
   * @return ends the listening
   */
  Registration onEnter(AvatarListener listener);

  /**
   * Listens for avatars leaving the world.
   *
   * @param listener told the session and the avatar
   * @return ends the listening
   */
  Registration onLeave(AvatarListener listener);

  /** Told of one avatar entering or leaving. */
  @FunctionalInterface
  interface AvatarListener {
    /**
     * One event.
     *
     * @param session the client's session
     * @param avatarId the toon's doId
     */
    void on(ClientSession session, long avatarId);
  }
}
