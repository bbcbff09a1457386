package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.api.bridge.BridgeTestDc.THING;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;

/**
 * Zone queries answered by the parent's count, ENTER_INTEREST (with the query's context) and
 * ENTER_LOCATION (no context: an object its parent has not acknowledged yet) to the sender.
 */
class ZoneQueryTest {
  private static final long SENDER = 4_000_000_000L;
  private static final long PARENT = 1000;
  private final FakeParticipant participant = new FakeParticipant();
  private final AstronBridge bridge = AstronBridge.create(participant, SENDER, BridgeTestDc.DC,
      BridgeSettings.defaults());

  private long lastContext() {
    return participant.last().payload().readU32();
  }

  private void count(long ctx, long n) {
    participant.deliver(Datagram.of(Datagram.header(SENDER, PARENT,
        AstronMsg.STATESERVER_OBJECT_GET_ZONES_COUNT_RESP).u32(ctx).u32(n)));
  }

  private static DatagramWriter snapshot(DatagramWriter w, long doId, long zone) {
    return w.doId(doId).doId(PARENT).u32(zone).u16(THING.number()).u32(doId * 10);
  }

  private void enterLocation(long doId, long zone) {
    participant.deliver(Datagram.of(snapshot(Datagram.header(SENDER, doId,
        AstronMsg.STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED), doId, zone)));
  }

  private void enterInterest(long ctx, long doId, long zone) {
    participant.deliver(Datagram.of(snapshot(Datagram.header(SENDER, doId,
        AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED).u32(ctx), doId, zone)));
  }

  private static List<Long> doIds(CompletableFuture<List<LiveObject>> f) {
    assertThat(f).as("completed").isDone();
    return f.join().stream().map(LiveObject::doId).toList();
  }

  @Test
  void overlappingQueries_whenAnObjectAnswersBothByEnterLocation_thenEachGetsItOnce() {
    CompletableFuture<List<LiveObject>> first = bridge.objects().zoneObjects(PARENT, 1, 2);
    long firstCtx = lastContext();
    CompletableFuture<List<LiveObject>> second = bridge.objects().zoneObjects(PARENT, 2, 3);
    long secondCtx = lastContext();
    count(firstCtx, 2);
    count(secondCtx, 1);

    enterLocation(7, 2);
    enterLocation(7, 2);
    assertThat(first).as("first, one of two objects in").isNotDone();
    enterInterest(firstCtx, 8, 1);

    assertThat(doIds(first)).containsExactlyInAnyOrder(7L, 8L);
    assertThat(doIds(second)).containsExactly(7L);
  }

  @Test
  void query_whenTheSameObjectAnswersTwice_thenCountedOnce() {
    CompletableFuture<List<LiveObject>> q = bridge.objects().zoneObjects(PARENT, 1);
    long ctx = lastContext();
    count(ctx, 2);

    enterInterest(ctx, 7, 1);
    enterInterest(ctx, 7, 1);
    assertThat(q).isNotDone();
    enterLocation(8, 1);

    assertThat(doIds(q)).containsExactly(7L, 8L);
  }

  @Test
  void enterLocation_whenOnlyAFullQueryOrAnotherZoneWaits_thenNotTaken() {
    CompletableFuture<List<LiveObject>> other = bridge.objects().zoneObjects(PARENT, 5);
    long otherCtx = lastContext();

    enterLocation(7, 2);
    count(otherCtx, 1);
    assertThat(other).isNotDone();
    enterInterest(otherCtx, 9, 5);

    assertThat(doIds(other)).containsExactly(9L);
  }
}
