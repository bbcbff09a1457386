package org.openttserver.runtime.md;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openttserver.api.cluster.Datagram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes datagrams to one message-director link from any thread, in call order. Datagrams are
 * queued, and one task on the link's event loop frames everything queued into shared buffers
 * and flushes once: under load one wake-up, one buffer and one socket write serve many
 * datagrams, instead of a task, a buffer and a flush each.
 *
 * <p>A link that stops reading must not make the process hold its traffic forever: past {@link
 * #MAX_BACKLOG} bytes queued or waiting in the socket's outbound buffer, the link is closed.
 */
final class LinkWriter {
  private static final Logger log = LoggerFactory.getLogger(LinkWriter.class);
  /** Bytes a link may have waiting before it is closed as not reading. */
  static final long MAX_BACKLOG = 64L * 1024 * 1024;
  /** The size a shared buffer starts at; a larger datagram gets one of its own size. */
  private static final int BUFFER_BYTES = 64 * 1024;
  /** Datagrams framed per task before the loop's other channels get their turn. */
  private static final int DRAIN_BATCH = 1024;

  private final Channel channel;
  private final String name;
  private final Queue<Datagram> queue = PlatformDependent.newMpscQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean overflowed = new AtomicBoolean();

  LinkWriter(Channel channel, String name) {
    this.channel = channel;
    this.name = name;
  }

  /**
   * Queues a datagram (a control message or a routed one) for the link.
   *
   * @param d the datagram
   */
  void write(Datagram d) {
    if (queuedBytes.addAndGet(2 + d.body().length) > MAX_BACKLOG) {
      overflow(queuedBytes.get() + " bytes queued");
      return;
    }
    queue.offer(d);
    if (scheduled.compareAndSet(false, true)) {
      try {
        channel.eventLoop().execute(this::drain);
      } catch (RejectedExecutionException e) {
        queue.clear(); // shutting down: the link is going away anyway
      }
    }
  }

  private void drain() {
    ByteBuf buf = null;
    for (int i = 0; i < DRAIN_BATCH; i++) {
      Datagram d = queue.poll();
      if (d == null) {
        break;
      }
      byte[] body = d.body();
      int size = 2 + body.length;
      queuedBytes.addAndGet(-size);
      if (buf != null && buf.writableBytes() < size) {
        channel.write(buf, channel.voidPromise());
        buf = null;
      }
      if (buf == null) {
        buf = channel.alloc().ioBuffer(Math.max(BUFFER_BYTES, size));
      }
      buf.writeShortLE(body.length).writeBytes(body);
    }
    if (buf != null) {
      channel.writeAndFlush(buf, channel.voidPromise());
    }
    if (!channel.isWritable() && channel.bytesBeforeWritable() > MAX_BACKLOG) {
      overflow(channel.bytesBeforeWritable() + " bytes waiting to be written");
    }
    scheduled.set(false);
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drain);
    }
  }

  private void overflow(String why) {
    if (channel.isOpen() && overflowed.compareAndSet(false, true)) {
      log.warn("{}: closing link: it is not reading ({})", name, why);
      channel.close();
    }
  }
}
