package org.openttserver.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.runtime.md.MessageDirector;

/** Plugins share one participant: their subscriptions must not undo each other's. */
class ScopedParticipantTest {
  private final MessageDirector md = new MessageDirector();
  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final LocalParticipant shared =
      new LocalParticipant(md, "shared", ForkJoinPool.commonPool(), timers);
  private final LocalParticipant sender =
      new LocalParticipant(md, "sender", ForkJoinPool.commonPool(), timers);
  private final ScopedParticipant.SubscriptionCounts counts =
      new ScopedParticipant.SubscriptionCounts(shared);
  private final LinkedBlockingQueue<Datagram> got = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    shared.close();
    sender.close();
    timers.shutdownNow();
  }

  private ScopedRegistrations scope() {
    return new ScopedRegistrations();
  }

  private boolean delivered(long channel) throws InterruptedException {
    got.clear();
    sender.send(Datagram.of(Datagram.header(channel, 1, 77)));
    return got.poll(300, TimeUnit.MILLISECONDS) != null;
  }

  @Test
  void subscribe_whenTwoPluginsHoldAChannelAndOneStops_thenStillDelivered() throws Exception {
    shared.onMessage(77, got::add);
    ScopedRegistrations a = scope();
    ScopedRegistrations b = scope();
    new ScopedParticipant(shared, a, counts).subscribe(9000);
    new ScopedParticipant(shared, b, counts).subscribe(9000);
    a.closeAll();
    assertThat(delivered(9000)).isTrue();
    b.closeAll();
    assertThat(delivered(9000)).isFalse();
  }

  @Test
  void unsubscribe_whenPluginUnsubscribesThenStops_thenOtherPluginKeepsChannel() throws Exception {
    shared.onMessage(77, got::add);
    ScopedRegistrations a = scope();
    ScopedParticipant pa = new ScopedParticipant(shared, a, counts);
    pa.subscribe(9100);
    pa.unsubscribe(9100);
    new ScopedParticipant(shared, scope(), counts).subscribe(9100);
    a.closeAll();
    assertThat(delivered(9100)).as("a's stop must not release b's subscription").isTrue();
  }

  @Test
  void unsubscribeRange_whenRangeCoversThePinnedChannel_thenPinnedChannelStays() throws Exception {
    shared.onMessage(77, got::add);
    shared.subscribe(5536);
    counts.pin(5536);
    ScopedRegistrations a = scope();
    ScopedParticipant pa = new ScopedParticipant(shared, a, counts);
    pa.subscribeRange(5000, 6000);
    pa.unsubscribeRange(5000, 6000);
    assertThat(delivered(5536)).isTrue();
    assertThat(delivered(5537)).isFalse();
    pa.subscribeRange(5000, 6000);
    a.closeAll();
    assertThat(delivered(5536)).isTrue();
  }
}
