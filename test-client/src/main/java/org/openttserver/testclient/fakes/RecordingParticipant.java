package org.openttserver.testclient.fakes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.DatagramHandler;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.cluster.RequestTimeoutException;

/**
 * A {@link ClusterParticipant} with no cluster behind it, for unit tests of code that talks to
 * the cluster (an AI, a bridge user): what is sent, subscribed and left as post-removes is
 * recorded in order; {@link #deliver} hands a datagram to the handlers as the message director
 * would. Everything runs on the calling thread (the executor runs tasks at once). Requests and
 * expectations wait for a {@link #deliver}ed datagram that matches, or fail at once with {@link
 * RequestTimeoutException} if {@link #failRequests} is set.
 */
public final class RecordingParticipant implements ClusterParticipant {
  /** One post-remove. */
  public record PostRemove(long key, Datagram datagram) {}

  private final List<Object> log = new CopyOnWriteArrayList<>();
  private final Set<Long> subscribed = ConcurrentHashMap.newKeySet();
  private final Map<Integer, List<DatagramHandler>> handlers = new ConcurrentHashMap<>();
  private final Map<CompletableFuture<Datagram>, Predicate<Datagram>> waiting =
      new LinkedHashMap<>();
  private final AtomicLong contexts = new AtomicLong(1);
  private volatile boolean failRequests;

  /** {@return sent datagrams and post-remove changes, in order} */
  public List<Object> log() {
    return List.copyOf(log);
  }

  /** {@return the datagrams sent, in order} */
  public List<Datagram> sent() {
    List<Datagram> out = new ArrayList<>();
    for (Object o : log) {
      if (o instanceof Datagram d) {
        out.add(d);
      }
    }
    return out;
  }

  /** {@return the post-removes in place now} */
  public List<PostRemove> postRemoves() {
    List<PostRemove> out = new ArrayList<>();
    for (Object o : log) {
      if (o instanceof PostRemove p) {
        out.add(p);
      } else if (o instanceof Long cleared) {
        out.removeIf(p -> p.key() == cleared);
      }
    }
    return out;
  }

  /** Forgets what was recorded. */
  public void clear() {
    log.clear();
  }

  /** {@return the channels subscribed now} */
  public Set<Long> subscribed() {
    return Set.copyOf(subscribed);
  }

  /**
   * Makes requests and expectations fail at once (a cluster that does not answer).
   *
   * @param fail true to fail them
   */
  public void failRequests(boolean fail) {
    this.failRequests = fail;
  }

  /**
   * Delivers a datagram: to a waiting request or expectation that matches, else to the handlers
   * of its type.
   *
   * @param d the datagram
   */
  public void deliver(Datagram d) {
    synchronized (waiting) {
      for (var e : waiting.entrySet()) {
        if (e.getValue().test(d)) {
          waiting.remove(e.getKey());
          e.getKey().complete(d);
          return;
        }
      }
    }
    for (DatagramHandler h : handlers.getOrDefault(d.msgType(), List.of())) {
      h.handle(d);
    }
  }

  @Override
  public void send(Datagram datagram) {
    log.add(datagram);
  }

  @Override
  public void subscribe(long channel) {
    subscribed.add(channel);
  }

  @Override
  public void unsubscribe(long channel) {
    subscribed.remove(channel);
  }

  @Override
  public void subscribeRange(long low, long high) {
    throw new UnsupportedOperationException("ranges are not recorded");
  }

  @Override
  public void unsubscribeRange(long low, long high) {
    throw new UnsupportedOperationException("ranges are not recorded");
  }

  @Override
  public void addPostRemove(long key, Datagram datagram) {
    log.add(new PostRemove(key, datagram));
  }

  @Override
  public void clearPostRemoves(long key) {
    log.add(key);
  }

  @Override
  public Registration onMessage(int msgType, DatagramHandler handler) {
    handlers.computeIfAbsent(msgType, t -> new CopyOnWriteArrayList<>()).add(handler);
    return () -> handlers.getOrDefault(msgType, new ArrayList<>()).remove(handler);
  }

  @Override
  public long newContext() {
    return contexts.getAndIncrement();
  }

  @Override
  public CompletableFuture<Datagram> request(Datagram request, int replyType, long context,
      Duration timeout) {
    send(request);
    return expect(replyType, d -> d.payload().readU32() == context, timeout);
  }

  @Override
  public CompletableFuture<Datagram> expect(int msgType, Predicate<Datagram> match,
      Duration timeout) {
    if (failRequests) {
      return CompletableFuture.failedFuture(new RequestTimeoutException("no cluster"));
    }
    CompletableFuture<Datagram> f = new CompletableFuture<>();
    synchronized (waiting) {
      waiting.put(f, d -> d.msgType() == msgType && match.test(d));
    }
    return f;
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }
}
