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
 * queued, and one task on the link's event loop frames everything queued into one array, copies
 * it to a socket buffer and flushes once: under load one wake-up, one buffer and one socket
 * write serve many datagrams, instead of a task, a buffer and a flush each.
 *
 * <p>A link that stops reading must not make the process hold its traffic forever: past {@link
 * #MAX_BACKLOG} bytes queued or waiting in the socket's outbound buffer, the link is closed.
 */
final class LinkWriter {
  private static final Logger log = LoggerFactory.getLogger(LinkWriter.class);
  /** Bytes a link may have waiting before it is closed as not reading. */
  static final long MAX_BACKLOG = 64L * 1024 * 1024;
  /** Frames are laid out here, then copied to a socket buffer in one piece per fill; a frame
   * larger than this gets a buffer of its own. Used only on the link's event loop. */
  private static final int STAGING_BYTES = 16 * 1024;
  /** Datagrams framed per task before the loop's other channels get their turn. */
  private static final int DRAIN_BATCH = 1024;

  private final Channel channel;
  private final String name;
  private final Queue<Datagram> queue = PlatformDependent.newMpscQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean overflowed = new AtomicBoolean();
  private final byte[] staging = new byte[STAGING_BYTES];

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

  /**
   * Closes the link once everything queued before this call has been written to the socket (a
   * stopping downstream director's last unsubscriptions and post-remove clears must not be cut
   * off), or after {@code timeout} if the other end stops reading.
   *
   * @param timeout how long to wait for the writes
   */
  void closeWhenWritten(java.time.Duration timeout) {
    if (channel.eventLoop().inEventLoop()) {
      channel.close(); // cannot wait here; what is queued is dropped with the link
      return;
    }
    io.netty.channel.ChannelPromise written = channel.newPromise();
    try {
      channel.eventLoop().execute(() -> {
        while (frameSome()) {
          // everything queued so far, in order
        }
        channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER, written);
      });
      written.awaitUninterruptibly(timeout.toMillis());
    } catch (RejectedExecutionException e) {
      // the event loops are shutting down: the link goes with them
    }
    channel.close().syncUninterruptibly();
  }

  private void drain() {
    frameSome();
    channel.flush();
    if (!channel.isWritable() && channel.bytesBeforeWritable() > MAX_BACKLOG) {
      overflow(channel.bytesBeforeWritable() + " bytes waiting to be written");
    }
    scheduled.set(false);
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drain);
    }
  }

  /**
   * Frames up to {@link #DRAIN_BATCH} queued datagrams into socket buffers. On the event loop
   * only.
   *
   * @return whether the queue may hold more
   */
  private boolean frameSome() {
    if (!channel.isActive()) {
      // The link is gone: what was queued for it goes with it, without a failed write each.
      for (Datagram d; (d = queue.poll()) != null; ) {
        queuedBytes.addAndGet(-(2 + d.body().length));
      }
      return false;
    }
    byte[] out = staging;
    int n = 0;
    int i = 0;
    for (; i < DRAIN_BATCH; i++) {
      Datagram d = queue.poll();
      if (d == null) {
        break;
      }
      byte[] body = d.body();
      int size = 2 + body.length;
      queuedBytes.addAndGet(-size);
      if (out.length - n < size) {
        write(out, n);
        n = 0;
        if (size > out.length) {
          ByteBuf own = channel.alloc().ioBuffer(size);
          own.writeShortLE(body.length).writeBytes(body);
          channel.write(own, channel.voidPromise());
          continue;
        }
      }
      out[n] = (byte) body.length;
      out[n + 1] = (byte) (body.length >>> 8);
      System.arraycopy(body, 0, out, n + 2, body.length);
      n += size;
    }
    if (n > 0) {
      write(out, n);
    }
    return i == DRAIN_BATCH;
  }

  /** Copies framed bytes into one socket buffer of their size, queued for the next flush. */
  private void write(byte[] framed, int length) {
    if (length == 0) {
      return;
    }
    ByteBuf buf = channel.alloc().ioBuffer(length);
    buf.writeBytes(framed, 0, length);
    channel.write(buf, channel.voidPromise());
  }

  private void overflow(String why) {
    if (channel.isOpen() && overflowed.compareAndSet(false, true)) {
      log.warn("{}: closing link: it is not reading ({})", name, why);
      channel.close();
    }
  }
}
