package org.openttserver.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.session.ClientSession;

/**
 * The avatars plugin's {@link AvatarPresence} for unit tests: the test says when a toon
 * {@linkplain #enter enters} and {@linkplain #leave leaves}; listeners run on the test's thread.
 */
public final class FakeAvatarPresence implements AvatarPresence {
  private final Map<ClientSession, Long> playing = new ConcurrentHashMap<>();
  private final List<AvatarListener> entering = new CopyOnWriteArrayList<>();
  private final List<AvatarListener> leaving = new CopyOnWriteArrayList<>();

  /**
   * A toon enters the world.
   *
   * @param session its client
   * @param avatarId the toon
   */
  public void enter(ClientSession session, long avatarId) {
    playing.put(session, avatarId);
    entering.forEach(l -> l.on(session, avatarId));
  }

  /**
   * The toon of a session leaves the world.
   *
   * @param session its client
   */
  public void leave(ClientSession session) {
    Long avatarId = playing.remove(session);
    if (avatarId != null) {
      leaving.forEach(l -> l.on(session, avatarId));
    }
  }

  /** {@return how many enter listeners are registered} */
  public int enterListeners() {
    return entering.size();
  }

  @Override
  public OptionalLong activeAvatar(ClientSession session) {
    Long id = playing.get(session);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  @Override
  public Optional<ClientSession> sessionOf(long avatarId) {
    return playing.entrySet().stream().filter(e -> e.getValue() == avatarId)
        .map(Map.Entry::getKey).findFirst();
  }

  @Override
  public Registration onEnter(AvatarListener listener) {
    entering.add(listener);
    return () -> entering.remove(listener);
  }

  @Override
  public Registration onLeave(AvatarListener listener) {
    leaving.add(listener);
    return () -> leaving.remove(listener);
  }
}
