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
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.DatagramHandler;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.cluster.RequestTimeoutException;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.msg.AstronMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side every {@link org.openttserver.api.cluster.ClusterParticipant} shares,
 * wherever its datagrams come from: a serial executor, pending requests by (reply type,
 * context), other expectations, then the handlers registered per message type.
 */
final class Inbox {
  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final String name;
  private final SerialExecutor executor;
  private final ScheduledExecutorService timers;
  private final Map<Integer, List<DatagramHandler>> handlers = new ConcurrentHashMap<>();
  /** Requests waiting for a reply, by (reply type, context). */
  private final Map<Long, CompletableFuture<Datagram>> requests = new ConcurrentHashMap<>();
  /** Other expectations, checked in order. */
  private final List<Pending> pending = new CopyOnWriteArrayList<>();
  private final AtomicLong contexts = new AtomicLong(1);

  Inbox(String name, Executor pool, ScheduledExecutorService timers) {
    this.name = name;
    this.executor = new SerialExecutor(pool, name);
    this.timers = timers;
  }

  SerialExecutor executor() {
    return executor;
  }

  /** Queues a received datagram for dispatch. */
  void deliver(Datagram d) {
    executor.execute(() -> dispatch(d));
  }

  private void dispatch(Datagram d) {
    if (!d.hasHeader()) {
      log.debug("{}: dropped {}", name, d);
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
      log.debug("{}: no handler for {}", name, d);
      return;
    }
    for (DatagramHandler h : list) {
      try {
        h.handle(d);
      } catch (DatagramFormatException e) {
        log.warn("{}: malformed {}: {}", name, AstronMsg.nameOf(type), e.getMessage());
      } catch (RuntimeException e) {
        // Plugins share one participant: one failing handler must not hide it from the rest.
        log.error("{}: handler for {} failed", name, AstronMsg.nameOf(type), e);
      }
    }
  }

  Registration onMessage(int msgType, DatagramHandler handler) {
    List<DatagramHandler> list =
        handlers.computeIfAbsent(msgType, t -> new CopyOnWriteArrayList<>());
    list.add(handler);
    return () -> list.remove(handler);
  }

  long newContext() {
    return contexts.getAndIncrement() & 0xFFFF_FFFFL;
  }

  CompletableFuture<Datagram> request(Datagram request, int replyType, long context,
      Duration timeout, Consumer<Datagram> send) {
    CompletableFuture<Datagram> f = new CompletableFuture<>();
    long key = requestKey(replyType, context);
    if (requests.putIfAbsent(key, f) != null) {
      f.completeExceptionally(new IllegalStateException(
          "context " + context + " is already waiting for " + AstronMsg.nameOf(replyType)));
      return f;
    }
    timers.schedule(() -> executor.execute(() -> {
      if (requests.remove(key, f)) {
        f.completeExceptionally(new RequestTimeoutException(name + ": no "
            + AstronMsg.nameOf(replyType) + " for context " + context + " within "
            + timeout.toMillis() + " ms"));
      }
    }), timeout.toMillis(), TimeUnit.MILLISECONDS);
    send.accept(request);
    return f;
  }

  private static long requestKey(int replyType, long context) {
    return (long) replyType << 32 | (context & 0xFFFF_FFFFL);
  }

  CompletableFuture<Datagram> expect(int msgType, Predicate<Datagram> match, Duration timeout) {
    CompletableFuture<Datagram> f = new CompletableFuture<>();
    Pending p = new Pending(msgType, match, f);
    pending.add(p);
    timers.schedule(() -> executor.execute(() -> {
      if (pending.remove(p)) {
        f.completeExceptionally(new RequestTimeoutException(
            name + ": no " + AstronMsg.nameOf(msgType) + " within " + timeout.toMillis() + " ms"));
      }
    }), timeout.toMillis(), TimeUnit.MILLISECONDS);
    return f;
  }

  /** Fails every pending request and expectation: the participant is gone. */
  void failAll() {
    for (Pending p : pending) {
      pending.remove(p);
      executor.execute(() -> p.future.completeExceptionally(
          new RequestTimeoutException(name + " closed")));
    }
    for (Long key : requests.keySet()) {
      CompletableFuture<Datagram> f = requests.remove(key);
      if (f != null) {
        executor.execute(() -> f.completeExceptionally(
            new RequestTimeoutException(name + " closed")));
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
