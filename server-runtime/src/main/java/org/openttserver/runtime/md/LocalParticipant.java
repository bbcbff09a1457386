package org.openttserver.runtime.md;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.DatagramHandler;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.cluster.RequestTimeoutException;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.msg.AstronMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant living in this process, attached to the embedded {@link MessageDirector}.
 * Deliveries are queued on its serial executor; there, pending requests and expectations see a
 * datagram first, then the handlers registered for its message type.
 */
public final class LocalParticipant extends MdParticipant implements ClusterParticipant, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalParticipant.class);

  private final MessageDirector md;
  private final SerialExecutor executor;
  private final ScheduledExecutorService timers;
  private final Map<Integer, List<DatagramHandler>> handlers = new ConcurrentHashMap<>();
  /** Requests waiting for a reply, by (reply type, context). */
  private final Map<Long, CompletableFuture<Datagram>> requests = new ConcurrentHashMap<>();
  /** Other expectations, checked in order. */
  private final List<Pending> pending = new CopyOnWriteArrayList<>();
  private final AtomicLong contexts = new AtomicLong(1);
  private volatile boolean closed;

  /**
   * Attaches a new participant.
   *
   * @param md the director
   * @param name for logs
   * @param pool lends threads to the participant's serial executor
   * @param timers runs request timeouts
   */
  public LocalParticipant(MessageDirector md, String name, Executor pool,
      ScheduledExecutorService timers) {
    super(name);
    this.md = md;
    this.executor = new SerialExecutor(pool, name);
    this.timers = timers;
    md.add(this);
  }

  @Override
  protected void deliver(Datagram datagram) {
    if (!closed) {
      executor.execute(() -> dispatch(datagram));
    }
  }

  private void dispatch(Datagram d) {
    if (!d.hasHeader()) {
      log.debug("{}: dropped {}", name(), d);
      return;
    }
    int type = d.msgType();
    if (!requests.isEmpty() && d.payloadSize() >= 4) {
      CompletableFuture<Datagram> f = requests.remove(requestKey(type, d.payload().readU32()));
      if (f != null) {
        f.complete(d);
        return;
      }
    }
    for (Pending p : pending) {
      if (p.type == type && p.matches(d) && pending.remove(p)) {
        p.future.complete(d);
        return;
      }
    }
    List<DatagramHandler> list = handlers.get(type);
    if (list == null || list.isEmpty()) {
      log.debug("{}: no handler for {}", name(), d);
      return;
    }
    for (DatagramHandler h : list) {
      try {
        h.handle(d);
      } catch (DatagramFormatException e) {
        log.warn("{}: malformed {}: {}", name(), AstronMsg.nameOf(type), e.getMessage());
      } catch (RuntimeException e) {
        // Plugins share this participant: one failing handler must not hide it from the rest.
        log.error("{}: handler for {} failed", name(), AstronMsg.nameOf(type), e);
      }
    }
  }

  @Override
  public void send(Datagram datagram) {
    if (!closed) {
      md.route(datagram, this);
    }
  }

  @Override
  public void subscribe(long channel) {
    md.subscribe(this, channel);
  }

  @Override
  public void unsubscribe(long channel) {
    md.unsubscribe(this, channel);
  }

  @Override
  public void subscribeRange(long low, long high) {
    md.subscribeRange(this, low, high);
  }

  @Override
  public void unsubscribeRange(long low, long high) {
    md.unsubscribeRange(this, low, high);
  }

  @Override
  public Registration onMessage(int msgType, DatagramHandler handler) {
    List<DatagramHandler> list =
        handlers.computeIfAbsent(msgType, t -> new CopyOnWriteArrayList<>());
    list.add(handler);
    return () -> list.remove(handler);
  }

  @Override
  public long newContext() {
    return contexts.getAndIncrement() & 0xFFFF_FFFFL;
  }

  @Override
  public CompletableFuture<Datagram> request(
      Datagram request, int replyType, long context, Duration timeout) {
    CompletableFuture<Datagram> f = new CompletableFuture<>();
    long key = requestKey(replyType, context);
    if (requests.putIfAbsent(key, f) != null) {
      f.completeExceptionally(new IllegalStateException(
          "context " + context + " is already waiting for " + AstronMsg.nameOf(replyType)));
      return f;
    }
    timers.schedule(() -> executor.execute(() -> {
      if (requests.remove(key, f)) {
        f.completeExceptionally(new RequestTimeoutException(name() + ": no "
            + AstronMsg.nameOf(replyType) + " for context " + context + " within "
            + timeout.toMillis() + " ms"));
      }
    }), timeout.toMillis(), TimeUnit.MILLISECONDS);
    send(request);
    return f;
  }

  private static long requestKey(int replyType, long context) {
    return (long) replyType << 32 | (context & 0xFFFF_FFFFL);
  }

  @Override
  public CompletableFuture<Datagram> expect(
      int msgType, Predicate<Datagram> match, Duration timeout) {
    CompletableFuture<Datagram> f = new CompletableFuture<>();
    Pending p = new Pending(msgType, match, f);
    pending.add(p);
    timers.schedule(() -> executor.execute(() -> {
      if (pending.remove(p)) {
        f.completeExceptionally(new RequestTimeoutException(
            name() + ": no " + AstronMsg.nameOf(msgType) + " within " + timeout.toMillis() + " ms"));
      }
    }), timeout.toMillis(), TimeUnit.MILLISECONDS);
    return f;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  @Override
  public void addPostRemove(long key, Datagram datagram) {
    super.addPostRemove(key, datagram);
  }

  @Override
  public void clearPostRemoves(long key) {
    super.clearPostRemoves(key);
  }

  /** Detaches from the director, which then routes the post-removes; pending requests fail. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    md.remove(this);
    for (Pending p : pending) {
      pending.remove(p);
      executor.execute(() -> p.future.completeExceptionally(
          new RequestTimeoutException(name() + " closed")));
    }
    for (Long key : requests.keySet()) {
      CompletableFuture<Datagram> f = requests.remove(key);
      if (f != null) {
        executor.execute(() -> f.completeExceptionally(
            new RequestTimeoutException(name() + " closed")));
      }
    }
  }

  private record Pending(int type, Predicate<Datagram> match, CompletableFuture<Datagram> future) {
    boolean matches(Datagram d) {
      try {
        return match.test(d);
      } catch (DatagramFormatException e) {
        return false;
      }
    }
  }
}
