package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.RequestTimeoutException;

class LocalParticipantTest {
  private static final int REQUEST = 5000;
  private static final int REPLY = 5001;
  private static final int DATA = 5002;
  private static final int MARKER = 5003;
  private static final long A = 2000;
  private static final long B = 3000;

  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final MessageDirector md = new MessageDirector();
  private final List<LocalParticipant> participants = new ArrayList<>();

  @AfterEach
  void tearDown() {
    participants.forEach(LocalParticipant::close);
    timers.shutdownNow();
    pool.shutdownNow();
  }

  private LocalParticipant participant(String name) {
    LocalParticipant p = new LocalParticipant(md, name, pool, timers);
    participants.add(p);
    return p;
  }

  /** Records every datagram of the given types the participant's handlers see. */
  private static BlockingQueue<Datagram> record(LocalParticipant p, int... types) {
    BlockingQueue<Datagram> q = new LinkedBlockingQueue<>();
    for (int t : types) {
      p.onMessage(t, q::add);
    }
    return q;
  }

  private static Datagram take(BlockingQueue<Datagram> q) throws InterruptedException {
    Datagram d = q.poll(5, TimeUnit.SECONDS);
    assertThat(d).as("datagram within 5 s").isNotNull();
    return d;
  }

  private static Datagram data(long to, long from, int type, long value) {
    return Datagram.of(Datagram.header(to, from, type).u32(value));
  }

  @Test
  void request_whenReplyCarriesContext_thenCompletesAndOtherContextGoesToHandlers()
      throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    a.subscribe(A);
    b.subscribe(B);
    BlockingQueue<Datagram> unmatched = record(a, REPLY);
    b.onMessage(REQUEST, d -> {
      long ctx = d.payload().readU32();
      b.send(Datagram.of(Datagram.header(d.sender(), B, REPLY).u32(ctx + 1).u8(0)));
      b.send(Datagram.of(Datagram.header(d.sender(), B, REPLY).u32(ctx).u8(1)));
    });
    long ctx = a.newContext();

    CompletableFuture<Datagram> f = a.request(data(B, A, REQUEST, ctx), REPLY, ctx,
        Duration.ofSeconds(5));

    Datagram reply = f.get(5, TimeUnit.SECONDS);
    var in = reply.payload();
    assertThat(in.readU32()).isEqualTo(ctx);
    assertThat(in.readU8()).isEqualTo(1);
    assertThat(take(unmatched).payload().readU32()).isEqualTo(ctx + 1);
  }

  @Test
  void request_whenNoReply_thenFailsWithRequestTimeout() {
    LocalParticipant a = participant("a");
    a.subscribe(A);
    long ctx = a.newContext();

    CompletableFuture<Datagram> f = a.request(data(B, A, REQUEST, ctx), REPLY, ctx,
        Duration.ofMillis(100));

    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(RequestTimeoutException.class);
  }

  @Test
  void request_whenParticipantCloses_thenPendingFailsPromptly() {
    LocalParticipant a = participant("a");
    long ctx = a.newContext();
    CompletableFuture<Datagram> f = a.request(data(B, A, REQUEST, ctx), REPLY, ctx,
        Duration.ofMinutes(5));

    a.close();

    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RequestTimeoutException.class);
  }

  @Test
  void newContext_whenCalledRepeatedly_thenDistinctU32() {
    LocalParticipant a = participant("a");
    long first = a.newContext();
    long second = a.newContext();

    assertThat(first).isNotEqualTo(second);
    assertThat(first).isBetween(0L, 0xFFFF_FFFFL);
  }

  @Test
  void expect_whenFirstDoesNotMatch_thenTakesSecondAndHandlersGetFirst() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    a.subscribe(A);
    BlockingQueue<Datagram> seen = record(a, DATA);

    CompletableFuture<Datagram> f = a.expect(DATA, d -> d.payload().readU32() == 7,
        Duration.ofSeconds(5));
    b.send(data(A, B, DATA, 6));
    b.send(data(A, B, DATA, 7));

    assertThat(f.get(5, TimeUnit.SECONDS).payload().readU32()).isEqualTo(7);
    assertThat(take(seen).payload().readU32()).isEqualTo(6);
    b.send(data(A, B, DATA, 8));
    assertThat(take(seen).payload().readU32()).as("7 was consumed by expect").isEqualTo(8);
  }

  @Test
  void expect_whenPredicateReadsPastEnd_thenTreatedAsNoMatch() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    a.subscribe(A);
    BlockingQueue<Datagram> seen = record(a, DATA);
    CompletableFuture<Datagram> f = a.expect(DATA, d -> d.payload().readU64() == 1,
        Duration.ofSeconds(5));

    b.send(Datagram.of(Datagram.header(A, B, DATA).u8(1)));

    assertThat(take(seen).payloadSize()).isEqualTo(1);
    assertThat(f).isNotDone();
  }

  @Test
  void send_whenSenderSubscribesRecipient_thenNotEchoedToSender() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    a.subscribe(A);
    b.subscribe(A);
    BlockingQueue<Datagram> atA = record(a, DATA, MARKER);
    b.onMessage(DATA, d -> b.send(data(A, B, MARKER, 0)));

    a.send(data(A, A, DATA, 1));

    assertThat(take(atA).msgType()).as("a gets b's marker, not its own datagram")
        .isEqualTo(MARKER);
  }

  @Test
  void send_whenReceiverMatchesSeveralRecipients_thenDeliveredOnce() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    b.subscribe(B);
    b.subscribe(B + 1);
    b.subscribeRange(B + 100, B + 200);
    BlockingQueue<Datagram> atB = record(b, DATA, MARKER);

    a.send(Datagram.of(Datagram.header(new long[] {B, B + 1, B + 150, B + 151}, A, DATA).u32(1)));
    a.send(data(B, A, MARKER, 0));

    assertThat(take(atB).msgType()).isEqualTo(DATA);
    assertThat(take(atB).msgType()).isEqualTo(MARKER);
  }

  @Test
  void send_whenThousandFromOneSender_thenReceivedInOrder() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    LocalParticipant c = participant("c");
    b.subscribe(B);
    c.subscribeRange(B, B);
    BlockingQueue<Datagram> atB = record(b, DATA);
    BlockingQueue<Datagram> atC = record(c, DATA);

    for (int i = 0; i < 1000; i++) {
      a.send(data(B, A, DATA, i));
    }

    for (int i = 0; i < 1000; i++) {
      assertThat(take(atB).payload().readU32()).isEqualTo(i);
      assertThat(take(atC).payload().readU32()).isEqualTo(i);
    }
  }

  @Test
  void subscribe_whenTwiceThenUnsubscribedOnce_thenNoLongerReceives() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    b.subscribe(B);
    b.subscribe(B);
    b.unsubscribe(B);
    b.subscribe(B + 1);
    BlockingQueue<Datagram> atB = record(b, DATA);

    a.send(data(B, A, DATA, 1));
    a.send(data(B + 1, A, DATA, 2));

    assertThat(take(atB).payload().readU32()).isEqualTo(2);
  }

  @Test
  void unsubscribeRange_whenExactChannelsInside_thenDropsThemToo() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    b.subscribe(B + 5);
    b.subscribe(B + 50);
    b.subscribeRange(B, B + 10);
    b.unsubscribeRange(B, B + 10);
    BlockingQueue<Datagram> atB = record(b, DATA);

    a.send(data(B + 5, A, DATA, 1));
    a.send(data(B + 3, A, DATA, 2));
    a.send(data(B + 50, A, DATA, 3));

    assertThat(take(atB).payload().readU32()).isEqualTo(3);
  }

  @Test
  void close_whenPostRemovesStored_thenRoutedInInsertionOrderPerKey() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    a.subscribe(B);
    b.subscribe(B);
    BlockingQueue<Datagram> atB = record(b, DATA);
    a.addPostRemove(1, data(B, A, DATA, 1));
    a.addPostRemove(1, data(B, A, DATA, 2));
    a.addPostRemove(2, data(B, A, DATA, 3));
    a.addPostRemove(2, data(B, A, DATA, 4));

    a.close();

    for (int i = 1; i <= 4; i++) {
      assertThat(take(atB).payload().readU32()).isEqualTo(i);
    }
    assertThat(md.participantCount()).isEqualTo(1);
  }

  @Test
  void clearPostRemoves_whenKeyCleared_thenOnlyOtherKeysRouted() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    b.subscribe(B);
    BlockingQueue<Datagram> atB = record(b, DATA, MARKER);
    a.addPostRemove(1, data(B, A, DATA, 1));
    a.addPostRemove(2, data(B, A, DATA, 2));
    a.addPostRemove(1, data(B, A, DATA, 3));
    a.clearPostRemoves(1);

    a.close();
    participant("c").send(data(B, A, MARKER, 0));

    assertThat(take(atB).payload().readU32()).isEqualTo(2);
    assertThat(take(atB).msgType()).isEqualTo(MARKER);
  }

  @Test
  void close_whenClosed_thenNoLongerReceivesOrSends() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    LocalParticipant c = participant("c");
    a.subscribe(A);
    b.subscribe(B);
    BlockingQueue<Datagram> atA = record(a, DATA);
    BlockingQueue<Datagram> atB = record(b, DATA, MARKER);

    a.close();
    a.send(data(B, A, DATA, 1));
    c.send(data(A, B, DATA, 2));
    c.send(data(B, A, MARKER, 0));

    assertThat(take(atB).msgType()).isEqualTo(MARKER);
    assertThat(atA).isEmpty();
  }

  @Test
  void handler_whenOneThrows_thenLaterDatagramsStillHandled() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    b.subscribe(B);
    BlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
    b.onMessage(DATA, d -> {
      if (d.payload().readU32() == 1) {
        throw new IllegalStateException("handler bug");
      }
      atB.add(d);
    });

    a.send(data(B, A, DATA, 1));
    a.send(data(B, A, DATA, 2));

    assertThat(take(atB).payload().readU32()).isEqualTo(2);
  }

  @Test
  void handler_whenOneOfSeveralThrows_thenTheOthersStillSeeTheDatagram() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    b.subscribe(B);
    b.onMessage(DATA, d -> {
      throw new IllegalStateException("one plugin's bug");
    });
    BlockingQueue<Datagram> other = record(b, DATA);

    a.send(data(B, A, DATA, 1));

    assertThat(take(other).payload().readU32()).isEqualTo(1);
  }

  @Test
  void registration_whenClosed_thenHandlerNoLongerCalled() throws Exception {
    LocalParticipant a = participant("a");
    LocalParticipant b = participant("b");
    b.subscribe(B);
    BlockingQueue<Datagram> removed = new LinkedBlockingQueue<>();
    var reg = b.onMessage(DATA, removed::add);
    BlockingQueue<Datagram> kept = record(b, DATA);
    reg.close();

    a.send(data(B, A, DATA, 1));

    take(kept);
    assertThat(removed).isEmpty();
  }
}
