package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;

/** A link's read handed over with the in-process receivers' executors held. */
class NetworkParticipantHoldTest {
  private static final int TYPE = 42;
  private final MessageDirector md = new MessageDirector();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
  private final List<Long> atL = Collections.synchronizedList(new ArrayList<>());
  private final LocalParticipant l = new LocalParticipant(md, "l", pool, timers);

  NetworkParticipantHoldTest() {
    l.subscribe(100);
    l.onMessage(TYPE, d -> atL.add(d.payload().readU64()));
  }

  @AfterEach
  void tearDown() {
    l.close();
    pool.shutdownNow();
    timers.shutdownNow();
  }

  private static ByteBuf frames(Datagram... ds) {
    ByteBuf b = Unpooled.buffer();
    for (Datagram d : ds) {
      b.writeShortLE(d.body().length).writeBytes(d.body());
    }
    return b;
  }

  private static Datagram dg(long to, long tag) {
    return Datagram.of(Datagram.header(to, 1, TYPE).u64(tag));
  }

  private EmbeddedChannel link() {
    return new EmbeddedChannel(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel c) {
        MdServer.initPipeline(c, md);
      }
    });
  }

  private void awaitL() throws InterruptedException {
    pool.submit(() -> { }); // behind l's tasks on its only thread
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * One read: a datagram to l (held), then one to a receiver that answers l at once from
   * another thread. l must have the first before the answer, as Astron's routing thread gives.
   */
  @Test
  void read_whenAnUnheldReceiverAnswersAtOnce_thenEarlierDatagramArrivesFirst()
      throws InterruptedException {
    MdParticipant fast = new MdParticipant("answers-at-once") {
      @Override
      protected void deliver(Datagram d) {
        Thread t = new Thread(() -> md.route(dg(100, 3), this));
        t.start();
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    md.add(fast);
    md.subscribe(fast, 200);
    EmbeddedChannel ch = link();
    ch.writeInbound(frames(dg(100, 1), dg(200, 2)));
    awaitL();
    assertThat(atL).containsExactly(1L, 3L);
    ch.finishAndReleaseAll();
  }

  /** A receiver throwing closes the link; nothing is routed twice and the hold ends. */
  @Test
  void read_whenAReceiverThrows_thenLinkClosedHoldReleasedNothingTwice()
      throws InterruptedException {
    MdParticipant bad = new MdParticipant("throws") {
      @Override
      protected void deliver(Datagram d) {
        throw new IllegalStateException("boom");
      }
    };
    md.add(bad);
    md.subscribe(bad, 300);
    EmbeddedChannel ch = link();
    ch.writeInbound(frames(dg(100, 1), dg(300, 2), dg(100, 4)));
    List<String> ran = new ArrayList<>();
    new SerialExecutor(Runnable::run, "probe").execute(() -> ran.add("ran"));
    assertThat(ran).as("this thread no longer holds").containsExactly("ran");
    assertThat(ch.isOpen()).isFalse();
    awaitL();
    assertThat(atL).as("what came before the failure, once").containsExactly(1L);
  }
}
