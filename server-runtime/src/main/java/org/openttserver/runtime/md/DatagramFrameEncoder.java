package org.openttserver.runtime.md;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.openttserver.api.cluster.Datagram;

/** Writes a datagram as a u16 little-endian length followed by its body. */
@Sharable
final class DatagramFrameEncoder extends MessageToByteEncoder<Datagram> {
  static final DatagramFrameEncoder INSTANCE = new DatagramFrameEncoder();

  private DatagramFrameEncoder() {
    super(Datagram.class);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Datagram msg, boolean preferDirect) {
    return ctx.alloc().ioBuffer(2 + msg.body().length);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Datagram msg, ByteBuf out) {
    byte[] body = msg.body();
    out.writeShortLE(body.length);
    out.writeBytes(body);
  }
}
