package org.openttserver.loadtest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Splits u16 little-endian length-prefixed frames and hands each to {@link #frame} in place, in
 * the buffer it arrived in: the tool must stay cheaper than the server it measures, so there is
 * no copy or object per frame. An incomplete tail is kept for the next read.
 */
abstract class FrameSplitter extends ChannelInboundHandlerAdapter {
  private ByteBuf cumulation;

  /**
   * Handles one frame's body.
   *
   * @param ctx the channel's context
   * @param b the buffer holding it (valid only during the call)
   * @param at the body's first byte
   * @param len the body's length
   * @param now {@link System#nanoTime()} when the read that completed it arrived
   */
  abstract void frame(ChannelHandlerContext ctx, ByteBuf b, int at, int len, long now);

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    long now = System.nanoTime(); // the bytes have just been read from the socket
    ByteBuf in = (ByteBuf) msg;
    if (cumulation != null) {
      cumulation.writeBytes(in);
      in.release();
      in = cumulation;
      cumulation = null;
    }
    try {
      while (in.readableBytes() >= 2) {
        int at = in.readerIndex();
        int len = in.getUnsignedShortLE(at);
        if (in.readableBytes() < 2 + len) {
          break;
        }
        frame(ctx, in, at + 2, len, now);
        in.readerIndex(at + 2 + len);
      }
      if (in.isReadable()) {
        cumulation = ctx.alloc().buffer(Math.max(in.readableBytes(), 4096));
        cumulation.writeBytes(in);
      }
    } finally {
      in.release();
    }
  }

  /** Frees a kept incomplete frame; call when the channel goes inactive. */
  void releaseCumulation() {
    if (cumulation != null) {
      cumulation.release();
      cumulation = null;
    }
  }
}
