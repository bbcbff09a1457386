package org.openttserver.runtime.clientagent;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.internal.PlatformDependent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcValueException;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.runtime.md.MdParticipant;
import org.openttserver.runtime.md.MessageDirector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One 2003 client connection: a message-director participant on its connection channel whose
 * work all runs on the connection's event loop. It keeps the generic path (heartbeat, disconnect,
 * field updates, visibility, CLIENTAGENT_* commands) and forwards every other client message to
 * the extension as CLIENTAGENT_EXTENSION_MESSAGE.
 */
final class ClientConnection extends MdParticipant {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  /** The largest client message that still fits a cluster datagram once wrapped in 1301. */
  static final int MAX_FORWARDABLE = 0xFFFF - 1 - 8 - 8 - 2 - 8;

  final ClientAgent agent;
  final Channel ch;
  final long allocated;
  /** The peer's IP address, or null; the key of its per-address limits. */
  final InetAddress address;
  /** True until the extension marks the client logged in (counted per address till then). */
  volatile boolean anonymous = true;
  /** When it connected ({@link System#nanoTime}): a full server evicts the oldest anonymous. */
  final long openedNanos = System.nanoTime();
  /** Chosen to make room on a full server (guarded by the agent's eviction lock). */
  boolean evicted;
  final ClientObjects objects;
  private final MessageDirector md;
  private final long extension;
  private final RateLimiter limiter;
  long clientId;
  /** Client-agent state (CLIENTAGENT_SET_STATE): 0 new, 1 anonymous, 2 established. */
  int state = 0;
  static final int ESTABLISHED = 2;
  private long lastHeartbeat = System.nanoTime();
  private ScheduledFuture<?> heartbeatTimer;
  private ScheduledFuture<?> loginTimer;
  private ScheduledFuture<?> stallTimer;
  /** A flush of {@link #batch} is due: this connection is in its loop's {@link #flusher}. */
  private boolean flushPending;
  private final LoopFlusher flusher;
  /** Frames not yet handed to the channel (event-loop confined). */
  private ByteBuf batch;
  /** The size a batch starts at; a larger message gets a buffer of its own size. */
  private static final int BATCH_BYTES = 8 * 1024;
  private boolean terminated;
  private final java.util.concurrent.atomic.AtomicLong queuedBytes =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean overloaded;
  /**
   * Cluster datagrams delivered to this client, waiting for its event loop (FIFO). Small chunks
   * keep an idle connection's queue at a few hundred bytes (the default chunk of 1,024 slots is
   * about 4 KiB per connection); its real bound is {@link #queuedBytes}.
   */
  private final Queue<Datagram> inbox = PlatformDependent.newMpscQueue(32, 1 << 30);
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  /** At most this many datagrams per task, so other connections on the loop get their turn. */
  private static final int DRAIN_BATCH = 256;

  ClientConnection(ClientAgent agent, Channel ch, long allocated, InetAddress address) {
    super("client " + Long.toUnsignedString(allocated) + " " + ch.remoteAddress());
    this.agent = agent;
    this.ch = ch;
    this.allocated = allocated;
    this.address = address;
    this.clientId = allocated;
    this.md = agent.md();
    this.extension = agent.config().client().extension();
    this.limiter = new RateLimiter(agent.config().client().messagesPerSecond(),
        agent.config().client().messageBurst());
    this.objects = new ClientObjects(this);
    this.flusher = agent.flusherFor(ch.eventLoop());
  }

  /** Attaches to the director and tells the extension; runs on the event loop. */
  void open() {
    md.add(this);
    md.subscribe(this, allocated);
    md.subscribe(this, Channels.ALL_CLIENTS);
    if (agent.config().client().notifyConnect()) {
      toExtension(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED, w -> addresses(w.channel(allocated)));
    }
    armHeartbeat(agent.config().client().heartbeatTimeout());
    int loginTimeout = agent.config().limits().loginTimeout();
    if (loginTimeout > 0) {
      loginTimer = ch.eventLoop().schedule(() -> {
        if (anonymous) {
          eject(BootCode.LOGIN_TIMEOUT, "did not log in within " + loginTimeout + " ms");
        }
      }, loginTimeout, TimeUnit.MILLISECONDS);
    }
  }

  private void toExtension(int msgType, java.util.function.Consumer<DatagramWriter> payload) {
    DatagramWriter w = Datagram.header(extension, clientId, msgType);
    payload.accept(w);
    md.route(Datagram.of(w), this);
  }

  // ---- client → server ------------------------------------------------------------------

  /** Handles one framed client message (the body: u16 type + payload). */
  void onClientMessage(byte[] msg) {
    if (terminated) {
      return;
    }
    if (!limiter.tryAcquire(System.nanoTime())) {
      eject(BootCode.RATE_LIMITED, "more than " + agent.config().client().messagesPerSecond()
          + " messages per second");
      return;
    }
    if (msg.length < 2) {
      eject(BootCode.TRUNCATED_DATAGRAM, "message shorter than its type");
      return;
    }
    if (msg.length > MAX_FORWARDABLE) {
      eject(BootCode.OVERSIZED_DATAGRAM, "message of " + msg.length
          + " bytes is too large to pass on (at most " + MAX_FORWARDABLE + ")");
      return;
    }
    int type = (msg[0] & 0xFF) | (msg[1] & 0xFF) << 8;
    agent.traffic().in(type);
    switch (type) {
      case ClientMsg.HEARTBEAT -> lastHeartbeat = System.nanoTime();
      case ClientMsg.DISCONNECT -> terminate(0, "client disconnected", false);
      case ClientMsg.OBJECT_UPDATE_FIELD -> objects.onClientUpdate(msg);
      default -> forward(msg);
    }
  }

  /** Wraps a client message for the extension. */
  void forward(byte[] msg) {
    toExtension(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE, w -> w.channel(allocated).bytes(msg));
  }

  // ---- cluster → client -----------------------------------------------------------------

  /**
   * Queues a cluster datagram on the event loop. The queue is bounded: a connection whose
   * undelivered datagrams exceed four write buffers is dropped (347) rather than letting the
   * event loop's task queue grow without limit while it falls behind.
   */
  @Override
  protected void deliver(Datagram d) {
    int size = d.body().length;
    long limit = agent.config().backlogLimit();
    if (queuedBytes.addAndGet(size) > limit) {
      overloaded("more than " + limit + " bytes of cluster messages queued");
    }
    if (!inbox.offer(d)) { // 2^30 datagrams: far past the byte limit, but never silently lost
      queuedBytes.addAndGet(-size);
      overloaded("its queue of cluster messages is full");
      return;
    }
    if (drainScheduled.compareAndSet(false, true)) {
      try {
        ch.eventLoop().execute(this::drainInbox);
      } catch (RejectedExecutionException e) {
        inbox.clear(); // shutting down: the connection is going away anyway
      }
    }
  }

  private void overloaded(String why) {
    if (!overloaded) {
      overloaded = true;
      try {
        ch.eventLoop().execute(() -> terminate(BootCode.NETWORK_WRITE_ERROR,
            "falling behind: " + why, false));
      } catch (RejectedExecutionException e) {
        // shutting down: the connection is going away anyway; keep routing to the others
      }
    }
  }

  /**
   * Handles every queued cluster datagram in one event-loop task: under load one wake-up serves
   * many deliveries instead of one task each.
   */
  private void drainInbox() {
    for (int i = 0; i < DRAIN_BATCH; i++) {
      Datagram d = inbox.poll();
      if (d == null) {
        break;
      }
      queuedBytes.addAndGet(-d.body().length);
      onCluster(d);
    }
    // Deliveries go out as soon as they are handled: under load many share this drain.
    flushIfPending();
    drainScheduled.set(false);
    if (!inbox.isEmpty() && drainScheduled.compareAndSet(false, true)) {
      ch.eventLoop().execute(this::drainInbox);
    }
  }

  void onCluster(Datagram d) {
    if (terminated || !d.hasHeader() || d.sender() == clientId) {
      return;
    }
    try {
      handleCluster(d);
    } catch (DatagramFormatException | DcValueException e) {
      log.warn("{}: malformed {} from {}: {}", name(), AstronMsg.nameOf(d.msgType()),
          Long.toUnsignedString(d.sender()), e.getMessage());
    } catch (RuntimeException e) {
      // Our bug, not the peer's: this connection's view may be inconsistent now, so end it.
      log.error("{}: handling {} failed", name(), d, e);
      eject(BootCode.GENERIC, "internal error");
    }
  }

  private void handleCluster(Datagram d) {
    DatagramReader in = d.payload();
    switch (d.msgType()) {
      case AstronMsg.CLIENTAGENT_SET_STATE -> setState(in.readU16());
      case AstronMsg.CLIENTAGENT_SET_CLIENT_ID -> setClientId(in.readChannel());
      case AstronMsg.CLIENTAGENT_SEND_DATAGRAM -> sendRaw(in.readBlob());
      case AstronMsg.CLIENTAGENT_EJECT -> eject(in.readU16(), in.readString());
      case AstronMsg.CLIENTAGENT_DROP -> terminate(0, "dropped by the server", false);
      case AstronMsg.CLIENTAGENT_GET_NETWORK_ADDRESS -> replyNetworkAddress(d, in.readU32());
      case AstronMsg.CLIENTAGENT_OPEN_CHANNEL -> md.subscribe(this, in.readChannel());
      case AstronMsg.CLIENTAGENT_CLOSE_CHANNEL -> md.unsubscribe(this, in.readChannel());
      case AstronMsg.CLIENTAGENT_ADD_POST_REMOVE ->
          addPostRemove(allocated, Datagram.wrap(in.readBlob()));
      case AstronMsg.CLIENTAGENT_CLEAR_POST_REMOVES -> clearPostRemoves(allocated);
      default -> objects.onCluster(d, in);
    }
  }

  private void setState(int newState) {
    state = newState;
    if (newState == ESTABLISHED && anonymous) {
      anonymous = false;
      agent.limits().loggedIn(address);
      if (loginTimer != null) {
        loginTimer.cancel(false);
      }
    }
  }

  private void setClientId(long id) {
    if (clientId != allocated) {
      md.unsubscribe(this, clientId);
    }
    clientId = id;
    md.subscribe(this, id);
  }

  private void replyNetworkAddress(Datagram request, long context) {
    md.route(Datagram.of(addresses(Datagram.header(request.sender(), clientId,
            AstronMsg.CLIENTAGENT_GET_NETWORK_ADDRESS_RESP).u32(context))), this);
  }

  /** Appends remote ip, port, local ip, port; a socket without IP addresses gives 0.0.0.0:0. */
  private DatagramWriter addresses(DatagramWriter w) {
    return address(address(w, ch.remoteAddress()), ch.localAddress());
  }

  private static DatagramWriter address(DatagramWriter w, SocketAddress a) {
    if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return w.string(inet.getAddress().getHostAddress()).u16(inet.getPort());
    }
    return w.string("0.0.0.0").u16(0);
  }

  /** Sends a raw 2003 message (u16 type + payload); batches flushes per event-loop turn. */
  void sendRaw(byte[] msg) {
    if (msg.length < 2) {
      log.warn("{}: not sending an empty message to the client", name());
      return;
    }
    write(msg, 0, msg.length);
  }

  /** Writes one framed message from part of an array. */
  void write(byte[] src, int offset, int length) {
    if (terminated) {
      return;
    }
    if (length >= 2) {
      agent.traffic().out((src[offset] & 0xFF) | (src[offset + 1] & 0xFF) << 8);
    }
    room(2 + length).writeShortLE(length).writeBytes(src, offset, length);
  }

  /**
   * Writes a field update (24) straight into the batch: the relay path from the cluster to many
   * clients, so no intermediate arrays.
   */
  void writeFieldUpdate(long doId, int number, byte[] src, int offset, int length) {
    if (terminated) {
      return;
    }
    agent.traffic().out(ClientMsg.OBJECT_UPDATE_FIELD_RESP);
    int body = 8 + length;
    room(2 + body).writeShortLE(body).writeShortLE(ClientMsg.OBJECT_UPDATE_FIELD_RESP)
        .writeIntLE((int) doId).writeShortLE(number).writeBytes(src, offset, length);
  }

  /**
   * Returns the batch with room for {@code n} more bytes. Messages written before the loop's
   * flusher runs share a buffer and one flush: one allocation and one socket write per batch, not
   * per message.
   */
  private ByteBuf room(int n) {
    if (batch != null && batch.writableBytes() < n) {
      handOff();
    }
    if (batch == null) {
      batch = ch.alloc().ioBuffer(Math.max(BATCH_BYTES, n));
    }
    if (!flushPending) {
      flushPending = true;
      flusher.add(this);
    }
    return batch;
  }

  /** Writes and flushes what is batched, if a flush is still due ({@link LoopFlusher}). */
  void flushIfPending() {
    if (flushPending) {
      flushNow();
    }
  }

  private void flushNow() {
    flushPending = false;
    handOff();
    ch.flush();
  }

  /** Hands the batch to the channel; a client that falls too far behind is dropped. */
  private void handOff() {
    if (batch == null) {
      return;
    }
    ByteBuf b = batch;
    batch = null;
    ch.write(b, ch.voidPromise());
    if (!terminated && !ch.isWritable()
        && ch.bytesBeforeWritable() > agent.config().backlogLimit()) {
      ch.eventLoop().execute(() ->
          terminate(BootCode.NETWORK_WRITE_ERROR, "client is not reading", false));
    }
  }

  // ---- lifetime -------------------------------------------------------------------------

  private void armHeartbeat(long timeoutMs) {
    if (timeoutMs <= 0) {
      return;
    }
    heartbeatTimer = ch.eventLoop().schedule(() -> {
      long idleMs = (System.nanoTime() - lastHeartbeat) / 1_000_000;
      if (idleMs >= timeoutMs) {
        eject(BootCode.NO_HEARTBEAT, "no heartbeat for " + idleMs + " ms");
      } else {
        armHeartbeat(timeoutMs);
      }
    }, Math.max(1, timeoutMs - (System.nanoTime() - lastHeartbeat) / 1_000_000),
        TimeUnit.MILLISECONDS);
  }

  void onWritabilityChanged() {
    if (ch.isWritable()) {
      if (stallTimer != null) {
        stallTimer.cancel(false);
        stallTimer = null;
      }
    } else if (stallTimer == null && agent.config().client().writeTimeoutMs() > 0) {
      // write_timeout_ms 0: no time-out (Astron's meaning); the backlog limit still applies.
      stallTimer = ch.eventLoop().schedule(() -> {
        if (!ch.isWritable()) {
          terminate(BootCode.NETWORK_WRITE_ERROR, "client did not read for "
              + agent.config().client().writeTimeoutMs() + " ms", false);
        }
      }, agent.config().client().writeTimeoutMs(), TimeUnit.MILLISECONDS);
    }
  }

  /** Sends GO_GET_LOST with the code and reason, then closes. */
  void eject(int code, String reason) {
    if (terminated) {
      return;
    }
    byte[] msg = goGetLost(code, reason);
    write(msg, 0, msg.length);
    terminate(code, reason, true);
  }

  /** {@return a GO_GET_LOST message (u16 type, u16 code, str reason), unframed} */
  static byte[] goGetLost(int code, String reason) {
    return new DatagramWriter().u16(ClientMsg.GO_GET_LOST).u16(code).string(reason).toByteArray();
  }

  /**
   * Ends the session: tells the extension (1302), deletes session objects, leaves the director
   * (which routes the post-removes) and closes the socket (after flushing a pending boot).
   */
  void terminate(int code, String reason, boolean flushFirst) {
    if (terminated) {
      return;
    }
    terminated = true;
    if (code != 0) {
      agent.traffic().eject(code);
    }
    log.info("{}: {} ({})", name(), code == 0 ? "closed" : "ejected with code " + code, reason);
    if (heartbeatTimer != null) {
      heartbeatTimer.cancel(false);
    }
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    if (stallTimer != null) {
      stallTimer.cancel(false);
    }
    if (flushFirst && ch.isActive()) {
      handOff();
      ch.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
      // a client that does not read would hold the flush, and the socket, forever (5 s when
      // write_timeout_ms is 0: a boot is always given an end)
      int grace = agent.config().client().writeTimeoutMs();
      ch.eventLoop().schedule(() -> {
        ch.close();
      }, grace > 0 ? grace : 5_000, TimeUnit.MILLISECONDS);
    } else {
      if (batch != null) {
        batch.release();
        batch = null;
      }
      ch.close();
    }
    toExtension(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED,
        w -> w.channel(allocated).channel(clientId).u16(code).string(reason));
    objects.annihilate();
    md.remove(this);
    agent.release(this);
  }

  boolean isTerminated() {
    return terminated;
  }

  MessageDirector md() {
    return md;
  }
}
