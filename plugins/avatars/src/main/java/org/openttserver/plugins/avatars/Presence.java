package org.openttserver.plugins.avatars;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.session.ClientSession;
import org.slf4j.Logger;

/**
 * Which toon each session plays, and the listeners told when toons enter and leave the world.
 * Changed on the extension's executor (the handlers and session listeners run there); read from
 * any thread (a concurrent map).
 */
final class Presence implements AvatarPresence {
  private final Map<Long, ClientSession> playing = new ConcurrentHashMap<>();
  private final List<AvatarListener> enterListeners = new CopyOnWriteArrayList<>();
  private final List<AvatarListener> leaveListeners = new CopyOnWriteArrayList<>();
  private final Logger log;

  Presence(Logger log) {
    this.log = log;
  }

  /** The toon is in the world and its owner has its details. */
  void entered(ClientSession s, long avatarId) {
    playing.put(avatarId, s);
    fire(enterListeners, s, avatarId, "enter");
  }

  /** The toon leaves the world; listeners are told only if it had entered. */
  void left(ClientSession s, long avatarId) {
    if (playing.remove(avatarId, s)) {
      fire(leaveListeners, s, avatarId, "leave");
    }
  }

  private void fire(List<AvatarListener> listeners, ClientSession s, long avatarId, String what) {
    for (AvatarListener l : listeners) {
      try {
        l.on(s, avatarId);
      } catch (RuntimeException e) {
        log.error("avatars: a listener failed on the {} of toon {}", what, avatarId, e);
      }
    }
  }

  @Override
  public OptionalLong activeAvatar(ClientSession session) {
    Long id = session.get(AvatarHandlers.ACTIVE).orElse(null);
    return id != null && playing.get(id) == session ? OptionalLong.of(id) : OptionalLong.empty();
  }

  @Override
  public Optional<ClientSession> sessionOf(long avatarId) {
    return Optional.ofNullable(playing.get(avatarId));
  }

  @Override
  public Registration onEnter(AvatarListener listener) {
    return add(enterListeners, listener);
  }

  @Override
  public Registration onLeave(AvatarListener listener) {
    return add(leaveListeners, listener);
  }

  private static Registration add(List<AvatarListener> list, AvatarListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    list.add(listener);
    return () -> list.remove(listener);
  }
}
