package org.openttserver.runtime.extension;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the client agent's extension messages (1300 connected, 1301 message, 1302
 * disconnected) into sessions and dispatches each 2003 message to the plugin that claimed its
 * type. Messages of one session are handled one at a time; a type nobody claims, a message sent
 * before login to a logged-in-only handler, bad bytes or a handler failure eject the client with
 * a specific code and one log line.
 *
 * <p>Everything runs on the extension participant's serial executor.
 */
public final class ExtensionCore {
  private static final Logger log = LoggerFactory.getLogger(ExtensionCore.class);

  /** Messages one session may have waiting behind a busy handler before it is ejected. */
  static final int MAX_QUEUED = 64;

  private final ClusterParticipant cluster;
  private final long channel;
  private final SessionRegistry sessions;
  private final ClientMessageRegistry messages = new ClientMessageRegistry();
  private final ScheduledExecutorService timers;
  private final Duration handlerTimeout;
  /** Connections ejected here whose 1302 has not arrived; their in-flight messages are dropped. */
  private final Set<Long> ejected = ConcurrentHashMap.newKeySet();
  private volatile Duration replyTimeout = Duration.ofSeconds(5);

  /**
   * Creates the core; call {@link #start} to subscribe.
   *
   * @param cluster the extension's participant
   * @param channel the extension channel (5536 by default)
   * @param timers runs handler watchdogs
   * @param handlerTimeout how long a handler's stage may stay incomplete
   */
  public ExtensionCore(ClusterParticipant cluster, long channel, ScheduledExecutorService timers,
      Duration handlerTimeout) {
    this.cluster = cluster;
    this.channel = channel;
    this.timers = timers;
    this.handlerTimeout = handlerTimeout;
    this.sessions = new SessionRegistry();
  }

  /**
   * Subscribes the extension channel and starts handling client-agent messages.
   *
   * @param ejectClientsOnLoss if true, a post-remove ejects every client (code 154) should this
   *     participant leave the cluster
   */
  public void start(boolean ejectClientsOnLoss) {
    cluster.onMessage(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED, this::onConnected);
    cluster.onMessage(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE, this::onMessage);
    cluster.onMessage(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, this::onDisconnected);
    cluster.subscribe(channel);
    if (ejectClientsOnLoss) {
      cluster.addPostRemove(channel, Datagram.of(
          Datagram.header(Channels.ALL_CLIENTS, channel, AstronMsg.CLIENTAGENT_EJECT)
              .u16(BootCode.SERVER_MAINTENANCE).string("the game server is down for maintenance")));
    }
    log.info("extension listening on channel {}", channel);
  }

  /**
   * Sets how long a session's interest commands wait for the client agent's answer.
   *
   * @param timeout the timeout (5 s unless set)
   */
  public void replyTimeout(Duration timeout) {
    this.replyTimeout = timeout;
  }

  /** {@return the connected sessions} */
  public SessionRegistry sessions() {
    return sessions;
  }

  /** {@return the claimed 2003 message types} */
  public ClientMessageRegistry messages() {
    return messages;
  }

  /** {@return the extension's participant} */
  public ClusterParticipant cluster() {
    return cluster;
  }

  /** {@return the extension channel} */
  public long channel() {
    return channel;
  }

  private void onConnected(Datagram d) {
    DatagramReader in = d.payload();
    long conn = in.readChannel();
    String ip = in.readString();
    int port = in.readU16();
    in.readString();
    in.readU16();
    ejected.remove(conn);
    if (sessions.byConnection(conn).isPresent()) {
      log.warn("client {} announced twice; keeping the first session", conn);
      return;
    }
    sessions.open(newSession(conn, ip, port));
  }

  private void onDisconnected(Datagram d) {
    DatagramReader in = d.payload();
    long conn = in.readChannel();
    in.readChannel();
    int code = in.readU16();
    String reason = in.readString();
    ejected.remove(conn);
    sessions.close(conn).ifPresent(s -> log.info("{} left ({}{})", s,
        code == 0 ? "closed" : "code " + code, reason.isEmpty() ? "" : ": " + reason));
  }

  private void onMessage(Datagram d) {
    DatagramReader in = d.payload();
    long conn = in.readChannel();
    byte[] raw = in.readRemaining();
    if (ejected.contains(conn)) {
      return;
    }
    RuntimeClientSession s = sessions.get(conn);
    if (s == null) {
      // The client agent may not announce connections (notify_connect off): start one now.
      s = sessions.open(newSession(conn, "", 0));
    }
    if (!s.isConnected()) {
      return;
    }
    if (s.inbox.size() >= MAX_QUEUED) {
      fail(s, -1, BootCode.RATE_LIMITED, "more than " + MAX_QUEUED
          + " messages waiting for the server");
      return;
    }
    s.inbox.add(raw);
    if (!s.busy) {
      drain(s);
    }
  }

  private void drain(RuntimeClientSession s) {
    while (!s.busy && s.isConnected()) {
      byte[] raw = s.inbox.poll();
      if (raw == null) {
        return;
      }
      int type = raw.length >= 2 ? (raw[0] & 0xFF) | (raw[1] & 0xFF) << 8 : -1;
      CompletionStage<?> stage = dispatch(s, type, raw);
      if (stage == null) {
        continue;
      }
      CompletableFuture<?> f = stage.toCompletableFuture();
      if (f.isDone()) {
        if (f.isCompletedExceptionally()) {
          f.whenComplete((ok, err) -> failed(s, type, ownerOf(type), err));
        }
        continue;
      }
      s.busy = true;
      String owner = ownerOf(type);
      ScheduledFuture<?> watchdog = timers.schedule(() -> cluster.executor().execute(() -> {
        if (s.isConnected()) {
          log.warn("plugin '{}' did not answer {} within {} ms", owner,
              RuntimeClientSession.describe(type), handlerTimeout.toMillis());
        }
        fail(s, type, BootCode.GENERIC, "the server did not answer in time");
      }), handlerTimeout.toMillis(), TimeUnit.MILLISECONDS);
      f.whenCompleteAsync((ok, err) -> {
        watchdog.cancel(false);
        if (err != null) {
          failed(s, type, owner, err);
        }
        s.busy = false;
        drain(s);
      }, cluster.executor());
    }
  }

  /** Runs the handler's synchronous part; returns its stage, or null when it is done. */
  private CompletionStage<?> dispatch(RuntimeClientSession s, int type, byte[] raw) {
    if (type < 0) {
      fail(s, -1, BootCode.TRUNCATED_DATAGRAM, "message shorter than its type");
      return null;
    }
    DatagramReader in = new DatagramReader(raw, 2, raw.length - 2);
    ClientMessageRegistry.Entry entry = messages.lookup(type);
    if (entry == null) {
      fail(s, type, BootCode.INVALID_MSGTYPE, "unknown message type " + type);
      return null;
    }
    if (entry.access() == Access.LOGGED_IN && !s.isAuthenticated()) {
      fail(s, type, BootCode.ANONYMOUS_VIOLATION,
          "message type " + type + " is not allowed before login");
      return null;
    }
    CompletionStage<?> stage;
    long start = System.nanoTime();
    try {
      stage = entry.handler().handle(s, in);
    } catch (DatagramFormatException e) {
      fail(s, type, BootCode.TRUNCATED_DATAGRAM, "malformed message type " + type + ": "
          + e.getMessage());
      return null;
    } catch (Exception e) {
      failed(s, type, entry.owner(), e);
      return null;
    }
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    if (tookMs > handlerTimeout.toMillis()) {
      // Found only afterwards: the handler held the extension's event loop all that time.
      log.error("plugin '{}' blocked the extension's event loop for {} ms in its handler for {} "
          + "(handlers must not block: return a stage instead)", entry.owner(), tookMs,
          RuntimeClientSession.describe(type));
      fail(s, type, BootCode.GENERIC, "the server did not answer in time");
      return null;
    }
    if (in.remaining() > 0) {
      fail(s, type, BootCode.OVERSIZED_DATAGRAM,
          in.remaining() + " unexpected trailing byte(s) in message type " + type);
      return null;
    }
    return stage;
  }

  /** The plugin handling a type now, for log lines. */
  private String ownerOf(int type) {
    ClientMessageRegistry.Entry e = messages.lookup(type);
    return e != null ? e.owner() : "?";
  }

  private void failed(RuntimeClientSession s, int type, String owner, Throwable err) {
    Throwable cause = err instanceof CompletionException && err.getCause() != null
        ? err.getCause() : err;
    if (cause instanceof ClientProtocolException p) {
      fail(s, type, p.code(), p.getMessage());
    } else if (cause instanceof DatagramFormatException f) {
      fail(s, type, BootCode.TRUNCATED_DATAGRAM, "malformed message type " + type + ": "
          + f.getMessage());
    } else {
      log.error("{}: plugin '{}': its handler for {} failed", s, owner,
          RuntimeClientSession.describe(type), cause);
      fail(s, type, BootCode.GENERIC, "internal error");
    }
  }

  private void fail(RuntimeClientSession s, int type, int code, String reason) {
    if (!s.isConnected()) {
      return;
    }
    log.info("{}: ejected with code {} after {}: {}", s, code,
        type < 0 ? "a short message" : RuntimeClientSession.describe(type), reason);
    s.eject(code, reason);
    closeEjected(s);
  }

  /** Forgets an ejected session; its in-flight messages are dropped until the 1302. */
  private void closeEjected(RuntimeClientSession s) {
    if (!s.isConnected()) {
      return;
    }
    s.inbox.clear();
    ejected.add(s.connectionChannel());
    sessions.close(s.connectionChannel());
  }

  private RuntimeClientSession newSession(long conn, String ip, int port) {
    RuntimeClientSession s = new RuntimeClientSession(cluster, channel, conn, ip, port);
    s.replyTimeout(replyTimeout);
    s.onEject(() -> cluster.executor().execute(() -> closeEjected(s)));
    s.onLogout(() -> sessions.loggedOut(s));
    return s;
  }
}
