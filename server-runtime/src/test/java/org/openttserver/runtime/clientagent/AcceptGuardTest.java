package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Failed accepts pause accepting for a second and are reported once a minute, not each time. */
class AcceptGuardTest {
  @Test
  void acceptFailure_thenPausedOneSecondAndResumed() {
    AtomicLong clock = new AtomicLong();
    EmbeddedChannel server = new EmbeddedChannel(new AcceptGuard(clock::get));
    server.freezeTime();

    server.pipeline().fireExceptionCaught(new IOException("Too many open files"));

    assertThat(server.config().isAutoRead()).isFalse();
    server.advanceTimeBy(AcceptGuard.PAUSE_MS - 1, TimeUnit.MILLISECONDS);
    server.runPendingTasks();
    assertThat(server.config().isAutoRead()).isFalse();
    server.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    server.runPendingTasks();
    assertThat(server.config().isAutoRead()).isTrue();
    server.checkException(); // nothing propagated past the guard
    server.finishAndReleaseAll();
  }

  @Test
  void repeatedFailures_thenReportedOncePerMinuteWithACount() {
    AtomicLong clock = new AtomicLong();
    AcceptGuard guard = new AcceptGuard(clock::get);
    EmbeddedChannel server = new EmbeddedChannel(guard);

    server.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    assertThat(guard.unreportedFailures()).as("the first is reported at once").isZero();
    for (int i = 0; i < 30; i++) {
      clock.addAndGet(1_000_000_000L);
      server.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    }
    assertThat(guard.unreportedFailures()).isEqualTo(30);

    clock.addAndGet(AcceptGuard.REPORT_NANOS);
    server.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    assertThat(guard.unreportedFailures()).isZero();
    server.checkException();
    server.finishAndReleaseAll();
  }
}
