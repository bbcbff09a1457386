package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;

class SubscribeAfterRouteTest {
  private static final int CLAIM = 5100;
  private static final int DATA = 5101;
  private static final long CONTROL = 4000;

  /** Subscribes the channel named in a CLAIM's payload from inside its own delivery. */
  private static class Claimer extends MdParticipant {
    private final MessageDirector md;
    final List<Long> received = new ArrayList<>();
    volatile boolean wants = true;

    Claimer(MessageDirector md) {
      super("claimer");
      this.md = md;
      md.add(this);
    }

    @Override
    protected synchronized void deliver(Datagram d) {
      if (d.msgType() == CLAIM) {
        md.subscribeAfterRoute(this, d.payload().readChannel());
      } else {
        received.add(d.payload().readChannel());
      }
    }

    synchronized List<Long> received() {
      return List.copyOf(received);
    }

    @Override
    protected boolean stillWants(long channel) {
      return wants;
    }
  }

  private static Datagram claim(long channel) {
    return Datagram.of(Datagram.header(CONTROL, 1, CLAIM).channel(channel));
  }

  private static Datagram data(long to) {
    return Datagram.of(Datagram.header(to, 1, DATA).channel(to));
  }

  @Test
  void subscribeAfterRoute_whenAskedDuringDelivery_thenInForceForTheSendersNextDatagram() {
    MessageDirector md = new MessageDirector();
    Claimer c = new Claimer(md);
    md.subscribe(c, CONTROL);

    md.route(data(7000), null); // not yet subscribed: nobody hears it
    md.route(claim(7000), null);
    md.route(data(7000), null);

    assertThat(c.received()).containsExactly(7000L);
    assertThat(md.isSubscribed(c, 7000)).isTrue();
  }

  @Test
  void subscribeAfterRoute_whenManyThreadsClaimAndSendAtOnce_thenNoDatagramIsMissed()
      throws Exception {
    MessageDirector md = new MessageDirector();
    Claimer c = new Claimer(md);
    md.subscribe(c, CONTROL);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long base = 10_000 + t * 1_000L;
        done.add(pool.submit(() -> {
          for (long ch = base; ch < base + 500; ch++) {
            md.route(claim(ch), null);
            md.route(data(ch), null);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(c.received()).hasSize(2_000).doesNotHaveDuplicates();
  }

  @Test
  void subscribeAfterRoute_whenParticipantLeftMeanwhile_thenNotSubscribed() {
    MessageDirector md = new MessageDirector();
    Claimer leaving = new Claimer(md) {
      @Override
      protected synchronized void deliver(Datagram d) {
        super.deliver(d);
        if (d.msgType() == CLAIM) {
          // Leaves on another thread while the route still holds its lock.
          Thread t = new Thread(() -> md.remove(this));
          t.start();
        }
      }
    };
    md.subscribe(leaving, CONTROL);
    md.route(claim(7000), null);
    // Whatever the order of the removal and the deferred subscription, a departed participant
    // must not be left subscribed once both are done.
    waitUntil(() -> md.participantCount() == 0);
    md.route(data(7000), null);
    assertThat(leaving.received()).isEmpty();
  }

  @Test
  void subscribeAfterRoute_whenNoLongerWantedWhenTheRouteEnds_thenNotSubscribed() {
    MessageDirector md = new MessageDirector();
    Claimer c = new Claimer(md) {
      @Override
      protected synchronized void deliver(Datagram d) {
        super.deliver(d);
        wants = false; // e.g. the create was handled and failed before the route ended
      }
    };
    md.subscribe(c, CONTROL);
    md.route(claim(7000), null);
    assertThat(md.isSubscribed(c, 7000)).isFalse();
  }

  @Test
  void unsubscribeUnlessWanted_whenStillWanted_thenKept_elseRemoved() {
    MessageDirector md = new MessageDirector();
    Claimer c = new Claimer(md);
    md.subscribe(c, 7000);
    md.unsubscribeUnlessWanted(c, 7000);
    assertThat(md.isSubscribed(c, 7000)).isTrue();
    c.wants = false;
    md.unsubscribeUnlessWanted(c, 7000);
    assertThat(md.isSubscribed(c, 7000)).isFalse();
  }

  @Test
  void subscribeAfterRoute_whenCalledOutsideARoute_thenSubscribesAtOnce() {
    MessageDirector md = new MessageDirector();
    Claimer c = new Claimer(md);
    md.subscribeAfterRoute(c, 7000);
    assertThat(md.isSubscribed(c, 7000)).isTrue();
  }

  @Test
  void subscribeAfterRoute_whenDeliveryRoutesAgain_thenNoDeadlockAndSubscribedAfterOuterRoute() {
    MessageDirector md = new MessageDirector();
    Claimer c = new Claimer(md) {
      @Override
      protected synchronized void deliver(Datagram d) {
        super.deliver(d);
        if (d.msgType() == CLAIM) {
          md.route(data(9000), this); // a nested route ends while the outer one holds its lock
        }
      }
    };
    md.subscribe(c, CONTROL);
    assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> md.route(claim(7000), null));
    assertThat(md.isSubscribed(c, 7000)).isTrue();
  }

  private static void waitUntil(java.util.function.BooleanSupplier cond) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!cond.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
