package org.openttserver.runtime.clientagent;

import java.util.ArrayDeque;

/** Hands out connection channels from a range, reusing released ones after the range is used. */
final class ChannelAllocator {
  private final long max;
  private final ArrayDeque<Long> released = new ArrayDeque<>();
  private long next;

  ChannelAllocator(long min, long max) {
    this.next = min;
    this.max = max;
  }

  /** {@return a free channel, or 0 when every channel is in use} */
  synchronized long allocate() {
    if (Long.compareUnsigned(next, max) <= 0 && next != 0) {
      return next++;
    }
    Long c = released.poll();
    return c == null ? 0 : c;
  }

  synchronized void release(long channel) {
    released.add(channel);
  }
}
