package org.openttserver.runtime.clientagent;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the listening socket: when accepting fails (the process is out of file descriptors, or of
 * memory), accepting pauses for {@link #PAUSE_MS} ms at a time while the connections already
 * there keep being served, and the log says so once a minute with a count instead of once per
 * failure. Netty would otherwise log every failed accept.
 */
final class AcceptGuard extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AcceptGuard.class);
  static final long PAUSE_MS = 1_000;
  static final long REPORT_NANOS = 60_000_000_000L;

  private final LongSupplier nanos;
  private long lastReport;
  private boolean reported;
  private long failures;

  AcceptGuard(LongSupplier nanos) {
    this.nanos = nanos;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    failures++;
    ChannelConfig config = ctx.channel().config();
    if (config.isAutoRead()) {
      config.setAutoRead(false);
      ctx.executor().schedule(() -> config.setAutoRead(true), PAUSE_MS, TimeUnit.MILLISECONDS);
    }
    long now = nanos.getAsLong();
    if (!reported || now - lastReport >= REPORT_NANOS) {
      log.warn("client agent cannot accept connections ({}): pausing new connections for {} ms at"
          + " a time while serving the current ones; {} failure(s) since the last report. If "
          + "this says 'Too many open files', raise the open-file limit (see README)", cause,
          PAUSE_MS, failures);
      reported = true;
      lastReport = now;
      failures = 0;
    }
  }

  /** {@return accept failures not reported yet} */
  long unreportedFailures() {
    return failures;
  }
}
