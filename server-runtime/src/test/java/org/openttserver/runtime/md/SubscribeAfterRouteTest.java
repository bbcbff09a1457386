package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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

  private final MessageDirector md = new MessageDirector();

  /**
   * Subscribes the channel named in a CLAIM's payload from inside its own delivery, then runs
   * {@link #afterClaim}; records the channel of every other datagram.
   */
  private final class Claimer extends MdParticipant {
    private final List<Long> received = new ArrayList<>();
    volatile boolean wants = true;
    volatile Runnable afterClaim = () -> { };

    Claimer() {
      super("claimer");
      md.add(this);
      md.subscribe(this, CONTROL);
    }

    @Override
    protected synchronized void deliver(Datagram d) {
      if (d.msgType() == CLAIM) {
        md.subscribeAfterRoute(this, d.payload().readChannel());
        afterClaim.run();
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
    Claimer c = new Claimer();

    md.route(data(7000), null); // not yet subscribed: nobody hears it
    md.route(claim(7000), null);
    md.route(data(7000), null);

    assertThat(c.received()).containsExactly(7000L);
    assertThat(md.isSubscribed(c, 7000)).isTrue();
  }

  @Test
  void subscribeAfterRoute_whenManyThreadsClaimAndSendAtOnce_thenNoDatagramIsMissed()
      throws Exception {
    Claimer c = new Claimer();
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
  void subscribeAfterRoute_whenParticipantLeftMeanwhile_thenNotSubscribed()
      throws InterruptedException {
    Claimer leaving = new Claimer();
    // Leaves on another thread while the route still holds its lock.
    Thread remover = new Thread(() -> md.remove(leaving));
    leaving.afterClaim = remover::start;
    md.route(claim(7000), null);
    // Whatever the order of the removal and the deferred subscription, a departed participant
    // must not be left subscribed once both are done.
    remover.join(5000);
    assertThat(md.participantCount()).isZero();
    md.route(data(7000), null);
    assertThat(leaving.received()).isEmpty();
    assertThat(md.isSubscribed(leaving, 7000)).isFalse();
  }

  @Test
  void subscribeAfterRoute_whenNoLongerWantedWhenTheRouteEnds_thenNotSubscribed() {
    Claimer c = new Claimer();
    // e.g. the create was handled, and failed, before the route ended
    c.afterClaim = () -> c.wants = false;
    md.route(claim(7000), null);
    assertThat(md.isSubscribed(c, 7000)).isFalse();
  }

  @Test
  void unsubscribeUnlessWanted_whenStillWanted_thenKept_elseRemoved() {
    Claimer c = new Claimer();
    md.subscribe(c, 7000);
    md.unsubscribeUnlessWanted(c, 7000);
    assertThat(md.isSubscribed(c, 7000)).isTrue();
    c.wants = false;
    md.unsubscribeUnlessWanted(c, 7000);
    assertThat(md.isSubscribed(c, 7000)).isFalse();
  }

  @Test
  void subscribeAfterRoute_whenCalledOutsideARoute_thenSubscribesAtOnce() {
    Claimer c = new Claimer();
    md.subscribeAfterRoute(c, 7000);
    assertThat(md.isSubscribed(c, 7000)).isTrue();
  }

  @Test
  void subscribeAfterRoute_whenDeliveryRoutesAgain_thenNoDeadlockAndSubscribedAfterOuterRoute() {
    Claimer c = new Claimer();
    // A nested route ends while the outer one still holds its lock.
    c.afterClaim = () -> md.route(data(9000), c);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> md.route(claim(7000), null));
    assertThat(md.isSubscribed(c, 7000)).isTrue();
  }

  /** routeAll takes the lock once per batch, yet a claim takes effect for the next datagram. */
  @Test
  void routeAll_whenClaimsAndDataAlternateAcrossBatches_thenEveryDatagramHeard() {
    Claimer c = new Claimer();
    List<Datagram> read = new ArrayList<>();
    for (long ch = 20_000; ch < 20_100; ch++) { // 200 datagrams: several batches of 64
      read.add(claim(ch));
      read.add(data(ch));
    }
    md.routeAll(read, null);
    assertThat(c.received()).hasSize(100).doesNotHaveDuplicates();
  }

  @Test
  void routeAll_whenNoClaims_thenSameAsRoutingOneByOne() {
    Claimer c = new Claimer();
    md.subscribe(c, 7000);
    List<Datagram> read = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      read.add(data(7000));
    }
    md.routeAll(read, null);
    assertThat(c.received()).hasSize(150);
    assertThat(md.routedCount()).isEqualTo(150);
  }
}
