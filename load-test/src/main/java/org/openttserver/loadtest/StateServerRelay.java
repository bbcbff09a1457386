package org.openttserver.loadtest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.atomic.LongAdder;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.testclient.md.MdDatagram;

/**
 * The scripted state server's message-director link: relays each STATESERVER_OBJECT_SET_FIELD
 * to the zone's location channel (same sender, same payload) and answers GET_ZONES_OBJECTS with
 * an empty zone. It runs on the link's event loop: frames are parsed in place, relayed datagrams
 * are written into one outbound buffer and flushed once per read batch, so the relay has no
 * thread hop and no per-message object besides that write.
 */
final class StateServerRelay extends FrameSplitter {
  final LongAdder relayed = new LongAdder();
  private final long location;
  private final long parent;
  private Channel channel;
  private boolean wrote;

  StateServerRelay(long location, long parent) {
    this.location = location;
    this.parent = parent;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel(); // at registration, before the connect completes
  }

  /**
   * Sends one datagram (setup only; any thread).
   *
   * @param d the datagram
   */
  void send(MdDatagram d) {
    byte[] body = d.bytes();
    ByteBuf f = channel.alloc().buffer(2 + body.length);
    f.writeShortLE(body.length).writeBytes(body);
    channel.writeAndFlush(f).syncUninterruptibly();
  }

  @Override
  void frame(ChannelHandlerContext ctx, ByteBuf b, int at, int len, long now) {
    int n = b.getUnsignedByte(at);
    int head = 1 + 8 * n; // recipients
    if (len < head + 8 + 2) {
      return;
    }
    long sender = b.getLongLE(at + head);
    int type = b.getUnsignedShortLE(at + head + 8);
    int payloadAt = at + head + 10;
    int payloadLen = len - head - 10;
    if (type == AstronMsg.STATESERVER_OBJECT_SET_FIELD) {
      relayed.increment();
      ByteBuf out = ctx.alloc().buffer(2 + 1 + 8 + 8 + 2 + payloadLen);
      out.writeShortLE(1 + 8 + 8 + 2 + payloadLen).writeByte(1).writeLongLE(location)
          .writeLongLE(sender).writeShortLE(type).writeBytes(b, payloadAt, payloadLen);
      ctx.write(out, ctx.voidPromise());
      wrote = true;
    } else if (type == AstronMsg.STATESERVER_OBJECT_GET_ZONES_OBJECTS && payloadLen >= 4) {
      long context = b.getUnsignedIntLE(payloadAt);
      ByteBuf out = ctx.alloc().buffer(2 + 1 + 8 + 8 + 2 + 8);
      out.writeShortLE(1 + 8 + 8 + 2 + 8).writeByte(1).writeLongLE(sender).writeLongLE(parent)
          .writeShortLE(AstronMsg.STATESERVER_OBJECT_GET_ZONES_COUNT_RESP)
          .writeIntLE((int) context).writeIntLE(0);
      ctx.write(out, ctx.voidPromise());
      wrote = true;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (wrote) {
      wrote = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseCumulation();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    System.err.println("state-server link: " + cause);
    ctx.close();
  }
}
