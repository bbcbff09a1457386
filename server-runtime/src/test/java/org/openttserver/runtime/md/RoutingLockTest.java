package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RoutingLockTest {
  private final RoutingLock lock = new RoutingLock();

  @Test
  void read_whenNested_thenCountedAndReleasedByTheOutermost() {
    lock.readLock().lock();
    lock.readLock().lock();
    assertThat(lock.getReadHoldCount()).isEqualTo(2);
    lock.readLock().unlock();
    assertThat(lock.getReadHoldCount()).isEqualTo(1);
    lock.readLock().unlock();
    assertThat(lock.getReadHoldCount()).isZero();
    lock.writeLock().lock(); // free again
    lock.writeLock().unlock();
  }

  @Test
  void write_whenAReadIsHeld_thenWaitsUntilItEnds() throws InterruptedException {
    lock.readLock().lock();
    AtomicBoolean written = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      lock.writeLock().lock();
      written.set(true);
      lock.writeLock().unlock();
      done.countDown();
    });
    writer.start();
    assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("writer ran under a read").isFalse();
    assertThat(written).isFalse();
    lock.readLock().unlock();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(written).isTrue();
  }

  @Test
  void read_whenNestedWhileAWriterWaits_thenDoesNotWait() throws InterruptedException {
    lock.readLock().lock();
    Thread writer = new Thread(() -> {
      lock.writeLock().lock();
      lock.writeLock().unlock();
    });
    writer.start();
    // Until the writer is queued behind our read.
    while (writer.getState() != Thread.State.WAITING && writer.isAlive()) {
      Thread.onSpinWait();
    }
    lock.readLock().lock(); // a delivery routing again: must not deadlock behind the writer
    lock.readLock().unlock();
    lock.readLock().unlock();
    writer.join(5_000);
    assertThat(writer.isAlive()).isFalse();
  }

  @Test
  void write_whenThisThreadIsRouting_thenRefusedInsteadOfDeadlocking() {
    lock.readLock().lock();
    try {
      assertThatThrownBy(() -> lock.writeLock().lock())
          .isInstanceOf(IllegalMonitorStateException.class);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Test
  void unlock_whenNotHeld_thenRefused() {
    assertThatThrownBy(() -> lock.readLock().unlock())
        .isInstanceOf(IllegalMonitorStateException.class);
  }

  @Test
  void write_whenTakenAgainOrReadInside_thenNeitherDeadlocks() {
    lock.writeLock().lock();
    lock.writeLock().lock();
    lock.readLock().lock(); // e.g. isSubscribed asked while subscribing
    lock.readLock().unlock();
    lock.writeLock().unlock();
    lock.writeLock().unlock();
    assertThat(lock.getReadHoldCount()).isZero();
    lock.readLock().lock(); // free again
    lock.readLock().unlock();
  }
}
