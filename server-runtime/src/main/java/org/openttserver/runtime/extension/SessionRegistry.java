package org.openttserver.runtime.extension;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.ClientSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connected sessions, by connection channel; listeners run on the extension executor. */
public final class SessionRegistry implements ClientSessions {
  private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);

  private final Map<Long, RuntimeClientSession> byChannel = new ConcurrentHashMap<>();
  private final List<Consumer<ClientSession>> connectListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ClientSession>> disconnectListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ClientSession>> logoutListeners = new CopyOnWriteArrayList<>();

  RuntimeClientSession get(long connectionChannel) {
    return byChannel.get(connectionChannel);
  }

  RuntimeClientSession open(RuntimeClientSession s) {
    byChannel.put(s.connectionChannel(), s);
    log.debug("{} connected", s);
    notify(connectListeners, s);
    return s;
  }

  Optional<RuntimeClientSession> close(long connectionChannel) {
    RuntimeClientSession s = byChannel.remove(connectionChannel);
    if (s != null) {
      s.markDisconnected();
      notify(disconnectListeners, s);
    }
    return Optional.ofNullable(s);
  }

  /** A session's account is about to change to another one on the same connection. */
  void loggedOut(RuntimeClientSession s) {
    notify(logoutListeners, s);
  }

  private static void notify(List<Consumer<ClientSession>> listeners, ClientSession s) {
    for (Consumer<ClientSession> l : listeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        log.error("session listener failed for {}", s, e);
      }
    }
  }

  @Override
  public Optional<ClientSession> byConnection(long connectionChannel) {
    return Optional.ofNullable(byChannel.get(connectionChannel));
  }

  @Override
  public Optional<ClientSession> byAccount(long accountId) {
    return byChannel.values().stream()
        .filter(s -> s.accountId() == accountId && accountId != 0)
        .map(ClientSession.class::cast)
        .findFirst();
  }

  @Override
  public Collection<ClientSession> all() {
    return List.copyOf(byChannel.values());
  }

  @Override
  public Registration onConnect(Consumer<ClientSession> listener) {
    connectListeners.add(listener);
    return () -> connectListeners.remove(listener);
  }

  @Override
  public Registration onDisconnect(Consumer<ClientSession> listener) {
    disconnectListeners.add(listener);
    return () -> disconnectListeners.remove(listener);
  }

  @Override
  public Registration onLogout(Consumer<ClientSession> listener) {
    logoutListeners.add(listener);
    return () -> logoutListeners.remove(listener);
  }

  /** {@return how many sessions are connected} */
  public int size() {
    return byChannel.size();
  }
}
