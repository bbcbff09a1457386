package org.openttserver.runtime.md;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The inbound end of a message-director link, after {@link MdFrameDecoder}: what one socket read
 * carries is handled with the thread's serial-executor submissions {@linkplain
 * SerialExecutor#hold held}, and handed over when the read is complete, the link closes or
 * fails, or the handler is removed.
 */
abstract class HoldingLinkHandler extends ChannelInboundHandlerAdapter {
  private boolean holding;

  /**
   * Handles one datagram body of the current read.
   *
   * @param ctx the link's context
   * @param body the frame's body
   */
  protected abstract void frame(ChannelHandlerContext ctx, byte[] body);

  /** Runs before the hold ends, e.g. to route what the read queued. */
  protected void beforeRelease() {}

  /**
   * The link closed; the hold has been released.
   *
   * @param ctx the link's context
   */
  protected void closed(ChannelHandlerContext ctx) {}

  /**
   * The link failed and is about to be closed (log it here); called before the hold ends.
   *
   * @param cause what went wrong
   */
  protected abstract void failed(Throwable cause);

  /** Ends the hold of the current read, if any. */
  protected final void release() {
    try {
      beforeRelease();
    } finally {
      if (holding) {
        holding = false;
        SerialExecutor.release();
      }
    }
  }

  @Override
  public final void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!holding) {
      SerialExecutor.hold();
      holding = true;
    }
    frame(ctx, (byte[]) msg);
  }

  @Override
  public final void channelReadComplete(ChannelHandlerContext ctx) {
    release();
    ctx.fireChannelReadComplete();
  }

  @Override
  public final void channelInactive(ChannelHandlerContext ctx) {
    release(); // what the link sent is handed over before anything that follows its closing
    closed(ctx);
    ctx.fireChannelInactive();
  }

  @Override
  public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    try {
      failed(cause);
      release();
    } finally {
      ctx.close();
    }
  }

  @Override
  public final void handlerRemoved(ChannelHandlerContext ctx) {
    release();
  }
}
