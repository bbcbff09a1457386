package org.openttserver.runtime.md;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * The message director's routing lock: many routes at once (read), subscription changes alone
 * (write). Reads nest on one thread, as a delivery may route again; a nested read never waits,
 * even for a writer queued meanwhile. The write lock is reentrant, and a thread holding it may
 * read; a thread holding a read must not take the write lock (refused, instead of deadlocking).
 *
 * <p>Unlike {@link java.util.concurrent.locks.ReentrantReadWriteLock}, whose readers record
 * their holds in a {@link ThreadLocal} entry set and removed on every acquisition once several
 * threads route, the hold count lives in a Netty {@link FastThreadLocal} (an array slot on the
 * event-loop and worker threads) and only the outermost read touches the shared lock.
 */
final class RoutingLock {
  private final StampedLock lock = new StampedLock();
  private final Lock shared = lock.asReadLock();
  private final Lock exclusive = lock.asWriteLock();
  /** Per thread: [0] reads held, [1] writes held. */
  private final FastThreadLocal<int[]> holds = new FastThreadLocal<>() {
    @Override
    protected int[] initialValue() {
      return new int[2];
    }
  };
  private final Lock read = new View() {
    @Override
    public void lock() {
      int[] h = holds.get();
      // The outermost read takes the lock; a read inside a write needs nothing more.
      if (h[0] == 0 && h[1] == 0) {
        shared.lock();
      }
      h[0]++;
    }

    @Override
    public void unlock() {
      int[] h = holds.get();
      if (h[0] == 0) {
        throw new IllegalMonitorStateException("read lock not held");
      }
      if (--h[0] == 0 && h[1] == 0) {
        shared.unlock();
      }
    }
  };
  private final Lock write = new View() {
    @Override
    public void lock() {
      int[] h = holds.get();
      if (h[1] > 0) {
        h[1]++; // reentrant, as ReentrantReadWriteLock's write lock was
        return;
      }
      if (h[0] != 0) {
        throw new IllegalMonitorStateException("write lock asked for while routing");
      }
      exclusive.lock();
      h[1] = 1;
    }

    @Override
    public void unlock() {
      int[] h = holds.get();
      if (h[1] == 0) {
        throw new IllegalMonitorStateException("write lock not held");
      }
      if (--h[1] == 0) {
        exclusive.unlock();
      }
    }
  };

  /** {@return the read (routing) side} */
  Lock readLock() {
    return read;
  }

  /** {@return the write (subscription) side} */
  Lock writeLock() {
    return write;
  }

  /** {@return how many reads the calling thread holds} */
  int getReadHoldCount() {
    return holds.get()[0];
  }

  /** Only lock and unlock are used. */
  private abstract static class View implements Lock {
    @Override
    public void lockInterruptibly() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean tryLock() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Condition newCondition() {
      throw new UnsupportedOperationException();
    }
  }
}
