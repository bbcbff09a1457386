package org.openttserver.runtime.md;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The message director's TCP listener, speaking Astron's MD wire protocol. */
public final class MdServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MdServer.class);
  private final Channel serverChannel;
  private final ChannelGroup links;

  private MdServer(Channel serverChannel, ChannelGroup links) {
    this.serverChannel = serverChannel;
    this.links = links;
  }

  /**
   * Binds the listener.
   *
   * @param md the director links attach to
   * @param bind address and port (port 0 picks a free one)
   * @param group the event loops
   * @return the bound server
   * @throws InterruptedException if interrupted while binding
   */
  public static MdServer bind(MessageDirector md, InetSocketAddress bind, EventLoopGroup group)
      throws InterruptedException {
    ChannelGroup links = new DefaultChannelGroup("md-links", GlobalEventExecutor.INSTANCE);
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            links.add(ch);
            initPipeline(ch, md);
          }
        });
    Channel ch = b.bind(bind).sync().channel();
    log.info("message director listening on {}", ch.localAddress());
    return new MdServer(ch, links);
  }

  /**
   * Sets up one link's pipeline: frame decoder (u16 LE length, at most 65535), frame encoder,
   * and the participant that routes and applies control messages.
   *
   * @param ch the link
   * @param md the director
   */
  static void initPipeline(Channel ch, MessageDirector md) {
    NetworkParticipant p = new NetworkParticipant(md, ch);
    addFraming(ch.pipeline()).addLast("participant", p.new Inbound());
  }

  /**
   * Adds the MD wire framing every link uses, ours or a connection to another director: flush
   * consolidation and the u16 LE frame decoder (at most 65535 bytes), which passes each
   * datagram body on as a {@code byte[]}. Outbound frames are built by the link's {@link
   * LinkWriter}.
   *
   * @param pipeline the link's pipeline
   * @return the pipeline, for the participant's handler
   */
  static ChannelPipeline addFraming(ChannelPipeline pipeline) {
    return pipeline
        .addLast("flush", new FlushConsolidationHandler(256, true))
        .addLast("frame-decoder", new MdFrameDecoder());
  }

  /**
   * Opens a link to a message director (Astron's or ours) with the MD wire framing and the
   * given handler after it.
   *
   * @param address the director's listener
   * @param group the event loops
   * @param handler the inbound end of the link
   * @return the connected channel
   * @throws InterruptedException if interrupted while connecting
   */
  static Channel connect(InetSocketAddress address, EventLoopGroup group,
      HoldingLinkHandler handler) throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            addFraming(ch.pipeline()).addLast("link", handler);
          }
        })
        .connect(address).sync().channel();
  }

  /** {@return the bound address} */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Stops listening and closes every link (their participants leave; post-removes fire). */
  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    java.util.Set<io.netty.channel.EventLoop> loops = new java.util.HashSet<>();
    links.forEach(l -> loops.add(l.eventLoop()));
    links.close().awaitUninterruptibly();
    // A closed link's participant leaves in a task its event loop runs after the close: wait
    // for those, so that its post-removes have been routed when this returns (a downstream
    // director sends them up before its upstream link closes).
    for (io.netty.channel.EventLoop loop : loops) {
      if (!loop.inEventLoop() && !loop.isShuttingDown()) {
        try {
          loop.submit(() -> { }).awaitUninterruptibly();
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // shutting down meanwhile: nothing more to wait for
        }
      }
    }
  }
}
