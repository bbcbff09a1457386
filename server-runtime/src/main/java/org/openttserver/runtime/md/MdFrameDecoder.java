package org.openttserver.runtime.md;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a message-director link's byte stream into datagram bodies: each frame is a u16
 * little-endian length and that many bytes (so at most 65535), passed on as a {@code byte[]}.
 * Bodies are copied straight out of the read buffer, without a buffer slice per frame.
 */
final class MdFrameDecoder extends ByteToMessageDecoder {
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int at = in.readerIndex();
    int end = in.writerIndex();
    while (end - at >= 2) {
      int length = in.getUnsignedShortLE(at);
      if (end - at - 2 < length) {
        break;
      }
      byte[] body = new byte[length];
      in.getBytes(at + 2, body);
      out.add(body);
      at += 2 + length;
    }
    in.readerIndex(at);
  }
}
