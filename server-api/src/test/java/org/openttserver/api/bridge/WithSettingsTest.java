package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.msg.AstronMsg;

/** A bridge made with withSettings shares its root's event side. */
class WithSettingsTest {
  private static final long SENDER = 4_000_000_000L;
  private static final long CHANNEL = 77_000;
  private final FakeParticipant participant = new FakeParticipant();
  private final AstronBridge root = AstronBridge.create(participant, SENDER, BridgeTestDc.DC,
      BridgeSettings.defaults());
  private final AstronBridge quick = root.withSettings(root.settings()
      .withTimeout(Duration.ofSeconds(30)));

  private void deleted(long doId) {
    participant.deliver(Datagram.of(Datagram.header(CHANNEL, doId,
        AstronMsg.STATESERVER_OBJECT_DELETE_RAM).doId(doId)));
  }

  @Test
  void watches_whenThroughBothBridges_thenOneSetOfHandlersAndBothListenersHear() {
    List<String> heard = new CopyOnWriteArrayList<>();
    root.objects().events(CHANNEL, e -> heard.add("root"));
    int handlers = participant.handlerCount();
    quick.objects().events(CHANNEL, e -> heard.add("quick"));

    deleted(5);

    assertThat(participant.handlerCount()).as("handlers after the view's watch")
        .isEqualTo(handlers);
    assertThat(heard).containsExactlyInAnyOrder("root", "quick");
  }

  @Test
  void close_whenTheViewCloses_thenOnlyItsWatchesAndQueriesEnd() {
    List<String> heard = new CopyOnWriteArrayList<>();
    root.objects().events(CHANNEL, e -> heard.add("root"));
    quick.objects().events(CHANNEL, e -> heard.add("quick"));
    CompletableFuture<List<LiveObject>> pending = quick.objects().zoneObjects(1000, 1);

    quick.close();
    deleted(5);

    assertThat(heard).containsExactly("root");
    assertThat(participant.subscribed).contains(CHANNEL);
    assertThat(pending).isCompletedExceptionally();
    assertThatThrownBy(() -> quick.objects().events(CHANNEL, e -> { }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(quick.objects().isActive(5)).as("requests still work").isNotNull();
  }

  @Test
  void close_whenTheRootCloses_thenTheViewsEventSideEndsToo() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Registration r = quick.objects().events(CHANNEL, e -> heard.add("quick"));

    root.close();
    deleted(5);
    r.close();

    assertThat(heard).isEmpty();
    assertThat(participant.handlerCount()).isZero();
    assertThat(participant.subscribed).doesNotContain(CHANNEL);
    assertThatThrownBy(() -> quick.objects().zoneObjects(1000, 1))
        .isInstanceOf(IllegalStateException.class);
  }
}
