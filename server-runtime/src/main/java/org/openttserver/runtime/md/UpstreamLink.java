package org.openttserver.runtime.md;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.msg.AstronMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP link of a downstream {@link MessageDirector} to its upstream director (Astron's or
 * ours), in Astron's MD wire protocol: what the {@link UpstreamRelay} sends goes out in order,
 * and what arrives is routed to local subscribers only.
 *
 * <p>Like a downstream Astron daemon, the node does not survive the loss of this link: the
 * callback given at connect time is told once, and the owner shuts down. The upstream director
 * has then unsubscribed this node and fired the post-removes its participants registered.
 */
public final class UpstreamLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpstreamLink.class);

  private final Channel channel;
  private final LinkWriter writer;
  private volatile boolean closing;

  private UpstreamLink(Channel channel, String name) {
    this.channel = channel;
    this.writer = new LinkWriter(channel, name);
  }

  /**
   * Connects a director to its upstream director, names the link there and makes the director
   * relay to it. Call before any participant attaches to the director.
   *
   * @param md the director that becomes downstream
   * @param address the upstream director's listener
   * @param name the connection name shown in the upstream director's logs
   * @param group the event loops
   * @param onLost told once if the link drops while not being closed
   * @return the connected link
   * @throws InterruptedException if interrupted while connecting
   */
  public static UpstreamLink connect(MessageDirector md, InetSocketAddress address, String name,
      EventLoopGroup group, Consumer<String> onLost) throws InterruptedException {
    UpstreamLink[] self = new UpstreamLink[1];
    java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();
    String lost = "lost the link to the upstream message director at " + address;
    Channel ch = MdServer.connect(address, group, new HoldingLinkHandler() {
      @Override
      protected void frame(ChannelHandlerContext ctx, byte[] body) {
        try {
          md.routeFromUpstream(Datagram.wrap(body));
        } catch (DatagramFormatException e) {
          log.warn("{}: dropped a malformed datagram from upstream: {}", name,
              e.getMessage());
        }
      }

      @Override
      protected void closed(ChannelHandlerContext ctx) {
        UpstreamLink link = self[0];
        if (link != null && !link.closing && told.compareAndSet(false, true)) {
          onLost.accept(lost);
        }
      }

      @Override
      protected void failed(Throwable cause) {
        log.warn("{}: {}", name, cause.toString());
      }
    });
    UpstreamLink link = new UpstreamLink(ch, name);
    self[0] = link;
    link.writer.write(Datagram.of(Datagram.controlHeader(AstronMsg.CONTROL_SET_CON_NAME)
        .string(name)));
    md.connectUpstream(new UpstreamRelay(link.writer::write));
    if (!ch.isActive() && told.compareAndSet(false, true)) {
      // Dropped before self[0] was set: channelInactive may not have told.
      onLost.accept(lost);
    }
    log.info("message director running downstream of {} (as '{}')", address, name);
    return link;
  }

  /** {@return the local address of the link} */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /**
   * Closes the link once what was queued has been written (at most 5 s if upstream stops
   * reading). Close it after the participants have left, so that their unsubscriptions and
   * post-removes reach upstream first.
   */
  @Override
  public void close() {
    closing = true;
    writer.closeWhenWritten(java.time.Duration.ofSeconds(5));
  }
}
