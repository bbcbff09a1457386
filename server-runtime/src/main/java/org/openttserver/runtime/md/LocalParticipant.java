package org.openttserver.runtime.md;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.DatagramHandler;
import org.openttserver.api.cluster.Registration;

/**
 * A participant living in this process, attached to the embedded {@link MessageDirector}.
 * Deliveries are queued on its serial executor; there, pending requests and expectations see a
 * datagram first, then the handlers registered for its message type.
 */
public final class LocalParticipant extends MdParticipant implements ClusterParticipant, AutoCloseable {
  private final MessageDirector md;
  private final Inbox inbox;
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
    this.inbox = new Inbox(name, pool, timers);
    md.add(this);
  }

  /** Deliveries go to the inbox's serial executor. */
  @Override
  protected boolean deliversToSerialExecutor() {
    return true;
  }

  @Override
  protected void deliver(Datagram datagram) {
    if (!closed) {
      inbox.deliver(datagram);
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
    return inbox.onMessage(msgType, handler);
  }

  @Override
  public long newContext() {
    return inbox.newContext();
  }

  @Override
  public CompletableFuture<Datagram> request(
      Datagram request, int replyType, long context, Duration timeout) {
    return inbox.request(request, replyType, context, timeout, this::send);
  }

  @Override
  public CompletableFuture<Datagram> expect(
      int msgType, Predicate<Datagram> match, Duration timeout) {
    return inbox.expect(msgType, match, timeout);
  }

  @Override
  public Executor executor() {
    return inbox.executor();
  }

  /** Detaches from the director, which then routes the post-removes; pending requests fail. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    md.remove(this);
    inbox.failAll();
  }
}
