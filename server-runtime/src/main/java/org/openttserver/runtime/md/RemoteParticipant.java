package org.openttserver.runtime.md;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.DatagramHandler;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.msg.AstronMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant on a message director reached over TCP, such as Astron's: the same API as an
 * in-process participant, spoken as Astron's MD wire protocol (control messages for
 * subscriptions and post-removes, framed datagrams for everything else).
 *
 * <p>Like a downstream Astron daemon, it does not survive the loss of its link: the callback
 * given at connect time is told, and the owner shuts down (the director has already routed the
 * post-removes that clean up after it).
 */
public final class RemoteParticipant implements ClusterParticipant, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemoteParticipant.class);

  private final Channel channel;
  private final LinkWriter writer;
  private final Inbox inbox;
  private volatile boolean closing;

  private RemoteParticipant(Channel channel, Inbox inbox, String name) {
    this.channel = channel;
    this.writer = new LinkWriter(channel, name);
    this.inbox = inbox;
  }

  /**
   * Connects to a message director.
   *
   * @param address the director's listener
   * @param name the connection name shown in the director's logs
   * @param group the event loops
   * @param pool lends threads to the serial executor
   * @param timers runs request timeouts
   * @param onLost told once if the link drops while not being closed
   * @return the connected participant
   * @throws InterruptedException if interrupted while connecting
   */
  public static RemoteParticipant connect(InetSocketAddress address, String name,
      EventLoopGroup group, Executor pool, ScheduledExecutorService timers,
      Consumer<String> onLost) throws InterruptedException {
    Inbox inbox = new Inbox(name, pool, timers);
    RemoteParticipant[] self = new RemoteParticipant[1];
    Channel ch = MdServer.connect(address, group, new HoldingLinkHandler() {
      @Override
      protected void frame(ChannelHandlerContext ctx, byte[] body) {
        try {
          inbox.deliver(Datagram.wrap(body));
        } catch (DatagramFormatException e) {
          log.warn("{}: dropped a malformed datagram: {}", name, e.getMessage());
        }
      }

      @Override
      protected void closed(ChannelHandlerContext ctx) {
        inbox.failAll();
        if (self[0] != null && !self[0].closing) {
          onLost.accept("lost the message director link to " + address);
        }
      }

      @Override
      protected void failed(Throwable cause) {
        log.warn("{}: {}", name, cause.toString());
      }
    });
    RemoteParticipant p = new RemoteParticipant(ch, inbox, name);
    self[0] = p;
    p.control(AstronMsg.CONTROL_SET_CON_NAME, w -> w.string(name));
    log.info("{} connected to the message director at {}", name, address);
    return p;
  }

  private void control(int type, Consumer<org.openttserver.api.datagram.DatagramWriter> payload) {
    var w = Datagram.controlHeader(type);
    payload.accept(w);
    writer.write(Datagram.of(w));
  }

  @Override
  public void send(Datagram datagram) {
    writer.write(datagram);
  }

  @Override
  public void subscribe(long ch) {
    control(AstronMsg.CONTROL_ADD_CHANNEL, w -> w.channel(ch));
  }

  @Override
  public void unsubscribe(long ch) {
    control(AstronMsg.CONTROL_REMOVE_CHANNEL, w -> w.channel(ch));
  }

  @Override
  public void subscribeRange(long low, long high) {
    control(AstronMsg.CONTROL_ADD_RANGE, w -> w.channel(low).channel(high));
  }

  @Override
  public void unsubscribeRange(long low, long high) {
    control(AstronMsg.CONTROL_REMOVE_RANGE, w -> w.channel(low).channel(high));
  }

  @Override
  public void addPostRemove(long key, Datagram datagram) {
    control(AstronMsg.CONTROL_ADD_POST_REMOVE, w -> w.channel(key).blob(datagram.body()));
  }

  @Override
  public void clearPostRemoves(long key) {
    control(AstronMsg.CONTROL_CLEAR_POST_REMOVES, w -> w.channel(key));
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
  public CompletableFuture<Datagram> request(Datagram request, int replyType, long context,
      Duration timeout) {
    return inbox.request(request, replyType, context, timeout, this::send);
  }

  @Override
  public CompletableFuture<Datagram> expect(int msgType, Predicate<Datagram> match,
      Duration timeout) {
    return inbox.expect(msgType, match, timeout);
  }

  @Override
  public Executor executor() {
    return inbox.executor();
  }

  /** Closes the link; the director then routes this participant's post-removes. */
  @Override
  public void close() {
    closing = true;
    channel.close().syncUninterruptibly();
  }
}
