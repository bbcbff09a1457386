package org.openttserver.api.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.DatagramHandler;
import org.openttserver.api.cluster.Registration;

/**
 * A participant with no cluster behind it: it records what is sent and subscribed, runs its
 * executor inline, and lets a test deliver datagrams to the handlers and answer requests.
 */
final class FakeParticipant implements ClusterParticipant {
  final List<Datagram> sent = new CopyOnWriteArrayList<>();
  final Set<Long> subscribed = new LinkedHashSet<>();
  /** Requests waiting for an answer, by context. */
  final Map<Long, CompletableFuture<Datagram>> requests = new HashMap<>();
  private final Map<Integer, List<DatagramHandler>> handlers = new HashMap<>();
  private final AtomicLong contexts = new AtomicLong(1);

  @Override
  public void send(Datagram datagram) {
    sent.add(datagram);
  }

  @Override
  public synchronized void subscribe(long channel) {
    subscribed.add(channel);
  }

  @Override
  public synchronized void unsubscribe(long channel) {
    subscribed.remove(channel);
  }

  @Override
  public void subscribeRange(long low, long high) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void unsubscribeRange(long low, long high) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void addPostRemove(long key, Datagram datagram) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void clearPostRemoves(long key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized Registration onMessage(int msgType, DatagramHandler handler) {
    handlers.computeIfAbsent(msgType, t -> new CopyOnWriteArrayList<>()).add(handler);
    return () -> {
      synchronized (this) {
        handlers.get(msgType).remove(handler);
      }
    };
  }

  /** Hands a datagram to the handlers of its type, as the link would. */
  void deliver(Datagram d) {
    List<DatagramHandler> list;
    synchronized (this) {
      list = new ArrayList<>(handlers.getOrDefault(d.msgType(), List.of()));
    }
    for (DatagramHandler h : list) {
      h.handle(d);
    }
  }

  synchronized int handlerCount() {
    return handlers.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public long newContext() {
    return contexts.getAndIncrement();
  }

  @Override
  public synchronized CompletableFuture<Datagram> request(Datagram request, int replyType,
      long context, Duration timeout) {
    sent.add(request);
    CompletableFuture<Datagram> f = new CompletableFuture<>();
    requests.put(context, f);
    return f;
  }

  /** Answers the only request waiting. */
  synchronized void answer(Datagram reply) {
    if (requests.size() != 1) {
      throw new IllegalStateException(requests.size() + " requests waiting");
    }
    CompletableFuture<Datagram> f = requests.values().iterator().next();
    requests.clear();
    f.complete(reply);
  }

  @Override
  public CompletableFuture<Datagram> expect(int msgType, Predicate<Datagram> match,
      Duration timeout) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }

  Datagram last() {
    return sent.get(sent.size() - 1);
  }
}
