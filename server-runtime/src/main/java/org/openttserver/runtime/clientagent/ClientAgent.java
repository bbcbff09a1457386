package org.openttserver.runtime.clientagent;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.BootCode;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.roles.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client agent role for 2003 clients ({@code client.type: toontown2003}): a TCP listener
 * whose every connection becomes a {@link ClientConnection} on its own connection channel.
 */
public final class ClientAgent implements Role {
  private static final Logger log = LoggerFactory.getLogger(ClientAgent.class);

  private final MessageDirector md;
  private final ClientAgentConfig config;
  private final DcFile dc;
  private final ChannelAllocator channels;
  private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
  private final Map<EventLoop, LoopFlusher> flushers = new ConcurrentHashMap<>();
  private final ConnectionLimits limits;
  private final SenderIdFields senderIdFields;
  private final Object evictionLock = new Object();
  private long evictions;
  private long lastEvictionReport;
  private volatile BooleanSupplier lowOnMemory = MemoryHeadroom::low;
  private long lastMemoryReport;
  private long memoryRefusals;
  private Channel server;
  private final ClientTraffic traffic = new ClientTraffic();

  ClientAgent(MessageDirector md, ClientAgentConfig config, DcFile dc) {
    this.md = md;
    this.config = config;
    this.dc = dc;
    this.channels = new ChannelAllocator(config.channels().min(), config.channels().max());
    this.senderIdFields = SenderIdFields.resolve(dc, config.client().senderIdFields(), log);
    int fdCap = FileDescriptors.connectionCap(config.limits().reservedFileDescriptors());
    this.limits = new ConnectionLimits(config.limits(), fdCap, System::nanoTime);
    if (fdCap < config.limits().maxConnections()) {
      log.info("client agent: at most {} connections at once ({}; limits.max_connections is {}):"
          + " raise the open-file limit for more (see README)", limits.maxConnections(),
          FileDescriptors.describe(config.limits().reservedFileDescriptors()),
          config.limits().maxConnections());
    }
  }

  void bind(InetSocketAddress address, io.netty.channel.EventLoopGroup group)
      throws InterruptedException {
    // write_buffer_size 0 means no limit (Astron's meaning): the channel never turns unwritable.
    int high = config.client().writeBufferSize() == 0 ? Integer.MAX_VALUE
        : config.client().writeBufferSize();
    server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .handler(new AcceptGuard(System::nanoTime))
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(Math.max(1, high / 2), high))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            initPipeline(ch);
          }
        })
        .bind(address).sync().channel();
    log.info("client agent (toontown2003) listening on {}", server.localAddress());
  }

  /** Sets up one client's pipeline: u16 LE framing with the configured maximum, then the connection. */
  void initPipeline(Channel ch) {
    ch.pipeline()
        .addLast("frame-decoder", new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN,
            config.client().maxMessageSize() + 2, 0, 2, 0, 2, true))
        .addLast("client", new Inbound());
  }

  /** {@return the bound address} */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) server.localAddress();
  }

  /** {@return how many clients are connected} */
  public int connectionCount() {
    return connections.size();
  }

  /** {@return messages and ejects counted for metrics} */
  public ClientTraffic traffic() {
    return traffic;
  }

  MessageDirector md() {
    return md;
  }

  ClientAgentConfig config() {
    return config;
  }

  DcFile dc() {
    return dc;
  }

  /** {@return the client-sent fields whose first argument must be the sender's avatar} */
  SenderIdFields senderIdFields() {
    return senderIdFields;
  }

  /** {@return the flusher of the connections of one event loop} */
  LoopFlusher flusherFor(EventLoop loop) {
    return flushers.computeIfAbsent(loop, LoopFlusher::new);
  }

  ConnectionLimits limits() {
    return limits;
  }

  void release(ClientConnection c) {
    if (connections.remove(c)) {
      channels.release(c.allocated);
      limits.closed(c.address, c.anonymous);
    }
  }

  /**
   * Makes room on a full server: the connection that has waited longest without logging in,
   * among those of the address with the most such connections, is told 351 and closed. An
   * anonymous connection costs its owner nothing, so a flood of them would otherwise lock out
   * every player arriving after it; this way newcomers (players about to log in) take the
   * flood's places, the address holding the most loses first, and a player who already logged
   * in is never evicted.
   *
   * @return true if a connection was chosen (it still counts until it has closed)
   */
  private boolean evictOne() {
    ClientConnection victim = null;
    synchronized (evictionLock) {
      int most = 0;
      for (ClientConnection c : connections) {
        if (!c.anonymous || c.evicted) {
          continue;
        }
        int n = c.address == null ? 1 : limits.anonymousFrom(c.address);
        if (n > most || (n == most && victim != null && c.openedNanos < victim.openedNanos)) {
          most = n;
          victim = c;
        }
      }
      if (victim == null) {
        return false;
      }
      victim.evicted = true;
    }
    ClientConnection v = victim;
    v.ch.eventLoop().execute(() -> {
      if (v.anonymous) {
        v.eject(BootCode.TOO_MANY_CONNECTIONS, "the server is full; a newer connection took the"
            + " place of this one, which had not logged in");
      }
    });
    reportEviction(v);
    return true;
  }

  private void reportEviction(ClientConnection v) {
    long now = System.nanoTime();
    synchronized (evictionLock) {
      evictions++;
      if (lastEvictionReport != 0
          && now - lastEvictionReport < ConnectionLimits.LOG_INTERVAL_NANOS) {
        return;
      }
      log.warn("client agent full ({} connections): newcomers take the places of connections "
          + "that have not logged in, oldest of the most crowded address first (latest {} from "
          + "{}); {} in the last {} s", limits.maxConnections(), v.ch.remoteAddress(),
          v.address == null ? "?" : v.address.getHostAddress(), evictions,
          ConnectionLimits.LOG_INTERVAL_NANOS / 1_000_000_000L);
      lastEvictionReport = now;
      evictions = 0;
    }
  }

  /**
   * The heap is nearly full after a collection: the new connection is refused (351) and accepting
   * pauses for a moment, while the clients already here are served; logged once a minute.
   */
  private void refuseForMemory(ChannelHandlerContext ctx) {
    refuse(ctx, BootCode.TOO_MANY_CONNECTIONS, "the server is low on memory; try again in a"
        + " minute");
    Channel listener = server;
    if (listener != null && listener.config().isAutoRead()) {
      listener.config().setAutoRead(false);
      listener.eventLoop().schedule(() -> listener.config().setAutoRead(true),
          AcceptGuard.PAUSE_MS, TimeUnit.MILLISECONDS);
    }
    long now = System.nanoTime();
    synchronized (evictionLock) {
      memoryRefusals++;
      if (lastMemoryReport != 0 && now - lastMemoryReport < AcceptGuard.REPORT_NANOS) {
        return;
      }
      log.warn("client agent: the heap is over {}% full after garbage collection: refusing new "
          + "connections (351) and pausing accepts for {} ms at a time while serving the current"
          + " ones; {} refused since the last report. Give the JVM more memory (-Xmx)",
          (int) (MemoryHeadroom.FULL * 100), AcceptGuard.PAUSE_MS, memoryRefusals);
      lastMemoryReport = now;
      memoryRefusals = 0;
    }
  }

  /** Replaces the low-memory check (tests). */
  void lowOnMemoryCheck(BooleanSupplier check) {
    lowOnMemory = check;
  }

  /** Sends GO_GET_LOST on a connection that never became a client, and closes it. */
  private void refuse(ChannelHandlerContext ctx, int code, String reason) {
    traffic.eject(code);
    byte[] boot = ClientConnection.goGetLost(code, reason);
    ByteBuf frame = ctx.alloc().buffer(2 + boot.length).writeShortLE(boot.length)
        .writeBytes(boot);
    ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    for (ClientConnection c : connections) {
      c.ch.eventLoop().execute(() -> c.eject(BootCode.SERVER_MAINTENANCE, "server shutting down"));
    }
  }

  /** The pipeline's last handler: owns the connection's lifetime. */
  private final class Inbound extends ChannelInboundHandlerAdapter {
    private ClientConnection conn;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      // Limits and eviction count per address group: an IPv6 /64 is one "address".
      InetAddress address = AddressGroup.of(ctx.channel().remoteAddress()
          instanceof InetSocketAddress a ? a.getAddress() : null);
      if (lowOnMemory.getAsBoolean()) {
        refuseForMemory(ctx);
        return;
      }
      ConnectionLimits.Refusal refusal = limits.admit(address, ClientAgent.this::evictOne);
      if (refusal != null) {
        refuse(ctx, refusal.code(), refusal.reason());
        return;
      }
      long channel = channels.allocate();
      if (channel == 0) {
        limits.closed(address, true);
        log.warn("refusing {}: every connection channel is in use", ctx.channel().remoteAddress());
        refuse(ctx, BootCode.TOO_MANY_CONNECTIONS, "the server is full");
        return;
      }
      conn = new ClientConnection(ClientAgent.this, ctx.channel(), channel, address);
      connections.add(conn);
      conn.open();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf frame = (ByteBuf) msg;
      try {
        if (conn != null) {
          conn.onClientMessage(ByteBufUtil.getBytes(frame));
        }
      } finally {
        frame.release();
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (conn != null) {
        conn.onWritabilityChanged();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (conn != null) {
        conn.terminate(0, "connection lost", false);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (conn == null) {
        ctx.close();
      } else if (cause instanceof TooLongFrameException) {
        conn.eject(BootCode.OVERSIZED_DATAGRAM, "message larger than "
            + config.client().maxMessageSize() + " bytes");
      } else {
        conn.terminate(0, "network error: " + cause.getClass().getSimpleName(), false);
      }
    }
  }
}
