package org.openttserver.loadtest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One scripted 2003 client on a Netty channel: reads u16 LE frames in place out of the inbound
 * buffer (no frame objects), parses only the message type and, for its chat updates, the send
 * time carried in the text; sends setChat updates from a task scheduled on its event loop.
 *
 * <p>Everything but the counters shared with the main thread runs on the channel's event loop.
 */
final class LoadClient extends FrameSplitter {
  /** Counters shared by all clients (written on the event loops, read by the main thread). */
  static final class Totals {
    final Histogram latency = new Histogram();
    final LongAdder updates = new LongAdder();
    final LongAdder inWindow = new LongAdder();
    final LongAdder sentInWindow = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder skipped = new LongAdder();
    volatile long windowStart = Long.MAX_VALUE;
    volatile long windowEnd = Long.MAX_VALUE;
  }

  final long avatar;
  long clientChannel;
  final AtomicInteger generates = new AtomicInteger();
  volatile String closedBecause;
  private final int chatNumber;
  private final Totals totals;
  private Channel channel;
  private boolean closing;
  private long periodNanos;
  private long nextSend;

  LoadClient(long avatar, int chatNumber, Totals totals) {
    this.avatar = avatar;
    this.chatNumber = chatNumber;
    this.totals = totals;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel(); // at registration, before the connect completes
  }

  @Override
  void frame(ChannelHandlerContext ctx, ByteBuf b, int at, int len, long now) {
    if (len < 2) {
      return;
    }
    int type = b.getUnsignedShortLE(at);
    if (type == 24) {
      // 24: u32 doId, u16 field, then setChat's string (u16 length, hex send time), u8
      if (len >= 10 && b.getUnsignedShortLE(at + 6) == chatNumber) {
        int slen = b.getUnsignedShortLE(at + 8);
        if (10 + slen > len) {
          return;
        }
        long sent = 0;
        for (int i = 0; i < slen; i++) {
          int c = b.getByte(at + 10 + i);
          sent = sent << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        totals.updates.increment();
        if (sent >= totals.windowStart && sent < totals.windowEnd) {
          totals.inWindow.increment();
          totals.latency.record(now - sent);
        }
      }
    } else if (type == 34 || type == 35) {
      generates.incrementAndGet();
    } else if (type == 4) {
      closedBecause = "GO_GET_LOST " + (len >= 4 ? b.getUnsignedShortLE(at + 2) : -1);
    }
  }

  /**
   * Starts sending setChat updates on this channel's event loop, one per period on a fixed
   * timeline. A slot missed because the event loop was late is skipped (and counted), not made
   * up with a burst.
   *
   * @param firstNanos delay of the first update
   * @param periodNanos interval between updates
   */
  void startSending(long firstNanos, long periodNanos) {
    this.periodNanos = periodNanos;
    this.nextSend = System.nanoTime() + firstNanos;
    channel.eventLoop().schedule(this::tick, firstNanos, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    if (!channel.isActive()) {
      return;
    }
    sendChat();
    long now = System.nanoTime();
    nextSend += periodNanos;
    while (nextSend <= now) {
      nextSend += periodNanos;
      if (nextSend > totals.windowStart && nextSend - periodNanos < totals.windowEnd) {
        totals.skipped.increment();
      }
    }
    channel.eventLoop().schedule(this::tick, nextSend - now, TimeUnit.NANOSECONDS);
  }

  /** Sends 24 setChat(hex nanoTime, 0) for the own avatar. */
  private void sendChat() {
    if (!channel.isActive()) {
      return;
    }
    long now = System.nanoTime();
    int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(now) + 3) / 4);
    int bodyLen = 2 + 4 + 2 + 2 + digits + 1;
    ByteBuf f = channel.alloc().directBuffer(2 + bodyLen);
    f.writeShortLE(bodyLen).writeShortLE(24).writeIntLE((int) avatar).writeShortLE(chatNumber)
        .writeShortLE(digits);
    for (int i = digits - 1; i >= 0; i--) {
      int d = (int) (now >>> (4 * i)) & 0xF;
      f.writeByte(d < 10 ? '0' + d : 'a' + d - 10);
    }
    f.writeByte(0);
    totals.sent.increment();
    if (now >= totals.windowStart && now < totals.windowEnd) {
      totals.sentInWindow.increment();
    }
    channel.writeAndFlush(f, channel.voidPromise());
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseCumulation();
    if (!closing && closedBecause == null) {
      closedBecause = "closed by the server";
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (closedBecause == null) {
      closedBecause = cause.toString();
    }
    ctx.close();
  }

  /** Closes the connection from this side. */
  void close() {
    channel.eventLoop().execute(() -> {
      closing = true;
      channel.close();
    });
  }
}
