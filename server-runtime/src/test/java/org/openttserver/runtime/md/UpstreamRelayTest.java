package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;

/**
 * The downstream director's relay rules, with a fake upstream that records what it is sent as
 * readable lines ({@code +c 5}, {@code -r 10-20}, {@code pr+ 7 ...}, {@code dg 1234 ...}).
 */
class UpstreamRelayTest {
  private final List<String> up = new ArrayList<>();
  private final MessageDirector md = new MessageDirector();

  UpstreamRelayTest() {
    md.connectUpstream(new UpstreamRelay(d -> up.add(describe(d))));
  }

  private static final class Recorder extends MdParticipant {
    final List<Datagram> got = new ArrayList<>();

    Recorder(MessageDirector md, String name) {
      super(name);
      md.add(this);
    }

    @Override
    protected synchronized void deliver(Datagram d) {
      got.add(d);
    }
  }

  private Recorder participant(String name) {
    return new Recorder(md, name);
  }

  /** {@return what went upstream since the last call, then forgets it} */
  private List<String> sent() {
    List<String> s = List.copyOf(up);
    up.clear();
    return s;
  }

  private static Datagram data(long to, long tag) {
    return Datagram.of(Datagram.header(to, 42, 1234).u64(tag));
  }

  private static Datagram data(long[] to, long tag) {
    return Datagram.of(Datagram.header(to, 42, 1234).u64(tag));
  }

  private static String describe(Datagram d) {
    if (!d.isControl()) {
      DatagramReader r = d.payload();
      return "dg " + d.msgType() + " to " + java.util.Arrays.toString(d.recipients()) + " tag "
          + r.readU64();
    }
    DatagramReader r = d.payload();
    return switch (d.msgType()) {
      case AstronMsg.CONTROL_ADD_CHANNEL -> "+c " + r.readChannel();
      case AstronMsg.CONTROL_REMOVE_CHANNEL -> "-c " + r.readChannel();
      case AstronMsg.CONTROL_ADD_RANGE -> "+r " + r.readChannel() + "-" + r.readChannel();
      case AstronMsg.CONTROL_REMOVE_RANGE -> "-r " + r.readChannel() + "-" + r.readChannel();
      case AstronMsg.CONTROL_ADD_POST_REMOVE -> "pr+ " + r.readChannel() + " "
          + describe(Datagram.wrap(r.readBlob()));
      case AstronMsg.CONTROL_CLEAR_POST_REMOVES -> "pr- " + r.readChannel();
      default -> "control " + d.msgType();
    };
  }

  @Test
  void exactChannel_firstSubscriberAsks_lastOneGivesUp() {
    Recorder a = participant("a");
    Recorder b = participant("b");

    md.subscribe(a, 500);
    assertThat(sent()).containsExactly("+c 500");
    md.subscribe(a, 500);
    md.subscribe(b, 500);
    assertThat(sent()).as("already asked for").isEmpty();
    md.unsubscribe(a, 500);
    assertThat(sent()).as("b still listens").isEmpty();
    md.unsubscribe(a, 500);
    md.unsubscribe(b, 501);
    assertThat(sent()).as("not subscribed: nothing changes").isEmpty();
    md.unsubscribe(b, 500);
    assertThat(sent()).containsExactly("-c 500");
  }

  @Test
  void exactChannel_insideAnotherParticipantsRange_isStillAskedFor() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    md.subscribeRange(a, 100, 200);
    sent();

    md.subscribe(b, 150);
    assertThat(sent()).containsExactly("+c 150");
    md.subscribe(a, 160);
    assertThat(sent()).as("a already has it by its range").isEmpty();
  }

  @Test
  void range_askedForWhole_unlessOthersCoverAllOfIt() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    Recorder c = participant("c");

    md.subscribeRange(a, 100, 200);
    assertThat(sent()).containsExactly("+r 100-200");
    md.subscribeRange(b, 120, 180);
    assertThat(sent()).as("inside a's range").isEmpty();
    md.subscribeRange(b, 150, 260);
    assertThat(sent()).as("partly new: the whole range").containsExactly("+r 150-260");
    md.subscribeRange(c, 100, 260);
    assertThat(sent()).as("a and b cover it between them").isEmpty();
    md.subscribeRange(a, 100, 200);
    assertThat(sent()).as("again, covered by b and c").isEmpty();
  }

  @Test
  void rangeRemoval_givesUpOnlyWhatNobodyElseCovers_clippedToTheSubscribedSpan() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    md.subscribeRange(a, 1000, 3000);
    sent();

    md.unsubscribeRange(a, 1400, 1600);
    assertThat(sent()).as("a slice").containsExactly("-r 1400-1600");
    md.unsubscribeRange(a, 500, 1099);
    assertThat(sent()).as("clipped to the span").containsExactly("-r 1000-1099");
    md.unsubscribeRange(a, 2900, 9000);
    assertThat(sent()).as("clipped at the top").containsExactly("-r 2900-3000");
    // a: 1100-1399, 1601-2899
    md.subscribeRange(b, 1300, 1700);
    sent();
    md.unsubscribeRange(a, 1350, 1650);
    assertThat(sent()).as("b covers all of it").isEmpty();
    // a: 1100-1349, 1651-2899; b: 1300-1700
    md.unsubscribeRange(b, 1200, 2000);
    assertThat(sent()).as("only the part of b's that a does not cover")
        .containsExactly("-r 1350-1650");
    // a: 1100-1349, 1651-2899; b: nothing
    md.subscribeRange(b, 1000, 3000);
    sent();
    md.unsubscribeRange(b, 1000, 3000);
    assertThat(sent()).as("every gap between a's ranges, one message each")
        .containsExactly("-r 1000-1099", "-r 1350-1650", "-r 2900-3000");
    md.unsubscribeRange(a, 1100, 2899);
    assertThat(sent()).as("a gap inside the removed range goes with it")
        .containsExactly("-r 1100-2899");
    md.unsubscribeRange(a, 1, 5);
    assertThat(sent()).as("no ranges left anywhere").isEmpty();
  }

  @Test
  void rangeRemoval_dropsOwnExactChannelsInside_withoutRemoveChannel() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    md.subscribe(a, 150);
    md.subscribeRange(b, 100, 200);
    md.subscribeRange(a, 100, 200);
    sent();

    md.unsubscribeRange(a, 100, 200);
    assertThat(sent()).as("b still covers the range; 150 is dropped locally only").isEmpty();
    assertThat(md.isSubscribed(a, 150)).isFalse();
  }

  @Test
  void rangeGivenUp_asksAgainForExactChannelsOthersStillHaveInside() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    md.subscribeRange(a, 100, 200);
    md.subscribe(b, 150);
    md.subscribe(b, 250);
    assertThat(sent()).containsExactly("+r 100-200", "+c 150", "+c 250");

    md.unsubscribeRange(a, 100, 200);
    // Upstream, REMOVE_RANGE also drops this node's exact 150 (or never added it, as it lay in
    // the range): asked for again.
    assertThat(sent()).containsExactly("-r 100-200", "+c 150");
    md.unsubscribe(b, 150);
    assertThat(sent()).containsExactly("-c 150");
  }

  @Test
  void leaving_unsubscribesUpstreamAsUnsubscribingEachWouldHave() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    md.subscribe(a, 7);
    md.subscribe(a, 8);
    md.subscribe(b, 8);
    md.subscribeRange(a, 100, 200);
    md.subscribeRange(a, 300, 400);
    md.subscribeRange(b, 350, 450);
    sent();

    md.remove(a);
    assertThat(sent()).containsExactlyInAnyOrder("-c 7", "-r 100-200", "-r 300-349");
    md.remove(b);
    assertThat(sent()).containsExactlyInAnyOrder("-c 8", "-r 350-450");
  }

  @Test
  void localDatagrams_goUpWhetherOrNotAnyoneHere_andReachLocalSubscribersOnce() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    md.subscribe(b, 900);
    md.subscribeRange(b, 800, 1000);
    sent();

    md.route(data(900, 1), a);
    md.route(data(new long[] {900, 950, 5}, 2), a);
    md.route(data(5, 3), a);
    md.route(data(900, 4), b);

    assertThat(sent()).containsExactly("dg 1234 to [900] tag 1", "dg 1234 to [900, 950, 5] tag 2",
        "dg 1234 to [5] tag 3", "dg 1234 to [900] tag 4");
    assertThat(b.got).as("once each, never its own").hasSize(2);
    assertThat(a.got).isEmpty();
  }

  @Test
  void datagramsFromUpstream_reachLocalSubscribersOnly_andNeverGoBackUp() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    md.subscribe(a, 900);
    md.subscribe(b, 900);
    md.subscribeRange(b, 800, 1000);
    sent();

    md.routeFromUpstream(data(new long[] {900, 901}, 9));
    md.routeFromUpstream(data(77, 10));

    assertThat(sent()).isEmpty();
    assertThat(a.got).hasSize(1);
    assertThat(b.got).hasSize(1);
  }

  @Test
  void postRemoves_addedUpstream_clearedUpstream_andOnLeavingRoutedUpThenCleared() {
    Recorder a = participant("a");
    Recorder b = participant("b");
    md.subscribe(b, 600);
    sent();

    a.addPostRemove(11, data(600, 1));
    a.addPostRemove(11, data(601, 2));
    a.addPostRemove(12, data(600, 3));
    a.addPostRemove(13, data(600, 4));
    assertThat(sent()).containsExactly("pr+ 11 dg 1234 to [600] tag 1",
        "pr+ 11 dg 1234 to [601] tag 2", "pr+ 12 dg 1234 to [600] tag 3",
        "pr+ 13 dg 1234 to [600] tag 4");
    a.clearPostRemoves(13);
    assertThat(sent()).containsExactly("pr- 13");

    md.remove(a);
    assertThat(sent()).containsExactly("dg 1234 to [600] tag 1", "dg 1234 to [601] tag 2",
        "pr- 11", "dg 1234 to [600] tag 3", "pr- 12");
    assertThat(b.got).hasSize(2);

    md.remove(b);
    assertThat(sent()).as("no post-removes: only its unsubscription").containsExactly("-c 600");
  }

  @Test
  void networkLinksOfOurOwnListener_areRelayedLikeInProcessParticipants() {
    // A link on our bind is an MdParticipant too; the relay does not care which kind.
    Recorder link = participant("md-link");
    md.subscribeRange(link, 10, 20);
    link.addPostRemove(3, data(10, 1));
    md.route(data(10, 2), link);
    assertThat(sent()).containsExactly("+r 10-20", "pr+ 3 dg 1234 to [10] tag 1",
        "dg 1234 to [10] tag 2");
  }

  @Test
  void connectUpstream_afterParticipantsAttached_isRefused() {
    MessageDirector other = new MessageDirector();
    new Recorder(other, "early");
    assertThatThrownBy(() -> other.connectUpstream(new UpstreamRelay(d -> { })))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutUpstream_nothingIsRelayed() {
    MessageDirector plain = new MessageDirector();
    Recorder a = new Recorder(plain, "a");
    Recorder b = new Recorder(plain, "b");
    plain.subscribe(b, 5);
    a.addPostRemove(1, data(5, 1));
    plain.route(data(5, 2), a);
    plain.remove(a);
    assertThat(plain.isDownstream()).isFalse();
    assertThat(b.got).hasSize(2);
    assertThat(up).isEmpty();
  }

  /** Claims the channel a datagram's payload names from inside its delivery, as a host does. */
  private final class Claimer extends MdParticipant {
    volatile boolean wants = true;
    final List<String> upWhenDelivered = new ArrayList<>();

    Claimer() {
      super("claimer");
      md.add(this);
    }

    @Override
    protected void deliver(Datagram d) {
      md.subscribeAfterRoute(this, d.payload().readU64());
      upWhenDelivered.addAll(up);
    }

    @Override
    protected boolean stillWants(long channel) {
      return wants;
    }
  }

  @Test
  void claimDuringDelivery_isAskedForUpstreamBeforeTheDeliveryIsHandled() {
    Claimer c = new Claimer();
    md.subscribe(c, 300);
    sent();

    md.routeFromUpstream(data(300, 4444));

    assertThat(c.upWhenDelivered).as("asked for before the host handles the datagram")
        .containsExactly("+c 4444");
    assertThat(md.isSubscribed(c, 4444)).isTrue();
    assertThat(sent()).as("the subscription asks again; harmless").contains("+c 4444")
        .doesNotContain("-c 4444");
  }

  @Test
  void claimDuringDelivery_notWantedAfterAll_isGivenUpUpstream() {
    Claimer c = new Claimer();
    md.subscribe(c, 300);
    c.wants = false;
    sent();

    md.routeFromUpstream(data(300, 4445));

    assertThat(md.isSubscribed(c, 4445)).isFalse();
    assertThat(sent()).containsExactly("+c 4445", "-c 4445");
  }

  @Test
  void postRemove_tooLargeForAControlMessage_isKeptLocallyAndNotHungUpstream() {
    Recorder a = participant("a");
    Recorder watcher = participant("watcher");
    md.subscribe(watcher, 900);
    sent();
    byte[] body = new byte[0xFFFF - 4]; // fits a frame, not a control message around it
    System.arraycopy(data(900, 1).body(), 0, body, 0, data(900, 1).body().length);
    Datagram big = Datagram.wrap(body);
    a.addPostRemove(5, big); // must not throw
    assertThat(sent()).as("nothing hung upstream").isEmpty();
    md.remove(a);
    assertThat(watcher.got).as("fired locally when a leaves").containsExactly(big);
  }
}
