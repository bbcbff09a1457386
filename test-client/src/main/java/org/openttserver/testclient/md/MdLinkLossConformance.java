package org.openttserver.testclient.md;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;

/**
 * The half of {@link MessageDirectorConformanceTest} about losing a link: post-removes routed
 * when a link closes, and malformed input, which closes the offending link (after which its
 * post-removes fire) or is dropped, never disturbing other links.
 *
 * <p>What Astron does with malformed input, as checked against it: an empty datagram, a
 * truncated recipient when the count is 1, and a control message cut short all close the link;
 * a recipient list cut short when the count is not 1 is logged and dropped, and the link stays;
 * an unknown control type is logged and ignored.
 */
public abstract class MdLinkLossConformance extends MdConformanceSupport {

  @Test
  void postRemove_whenLinkCloses_thenRouted() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    b.subscribe(ch);
    MdDatagram pr = MdDatagram.builder(4321).to(ch).from(0).payload(w -> w.string("Testing..."))
        .build();
    a.addPostRemove(ch + 7, pr);
    settle(a, b);
    b.expectNone();
    a.close();
    b.expect(pr);
    b.expectNone();
  }

  @Test
  void postRemove_whenSeveralUnderOneKey_thenRoutedInInsertionOrder() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    b.subscribe(ch);
    List<MdDatagram> prs = List.of(tagged(1, ch), tagged(2, ch), tagged(3, ch), tagged(4, ch));
    prs.forEach(pr -> a.addPostRemove(ch, pr));
    settle(a, b);
    a.close();
    prs.forEach(b::expect);
    b.expectNone();
  }

  @Test
  void postRemove_whenSeveralKeys_thenAllRouted() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    b.subscribe(ch);
    List<MdDatagram> prs = List.of(tagged(1, ch), tagged(2, ch), tagged(3, ch));
    a.addPostRemove(ch + 1, prs.get(0));
    a.addPostRemove(ch + 1, prs.get(1));
    a.addPostRemove(ch + 2, prs.get(2));
    settle(a, b);
    a.close();
    b.expectMany(prs);
    b.expectNone();
  }

  @Test
  void clearPostRemoves_whenKeyCleared_thenOnlyOtherKeysRouted() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    b.subscribe(ch);
    MdDatagram kept = tagged(1, ch);
    a.addPostRemove(ch + 1, tagged(2, ch));
    a.addPostRemove(ch + 1, tagged(3, ch));
    a.addPostRemove(ch + 2, kept);
    a.clearPostRemoves(ch + 1);
    settle(a, b);
    a.close();
    b.expect(kept);
    b.expectNone();
  }

  @Test
  void clearPostRemoves_whenAddedAgainAfterClear_thenOnlyNewOnesRouted() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    b.subscribe(ch);
    MdDatagram fresh = tagged(2, ch);
    a.addPostRemove(ch, tagged(1, ch));
    a.clearPostRemoves(ch);
    a.addPostRemove(ch, fresh);
    settle(a, b);
    a.close();
    b.expect(fresh);
    b.expectNone();
  }

  @Test
  void postRemove_whenRecipientsAreSeveralChannels_thenDeliveredOncePerParticipant() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    MdConnection c = connect();
    b.subscribe(ch);
    b.subscribe(ch + 1);
    c.subscribeRange(ch + 1, ch + 2);
    MdDatagram pr = tagged(9, ch, ch + 1, ch + 2);
    a.addPostRemove(0, pr);
    settle(a, b, c);
    a.close();
    b.expect(pr);
    c.expect(pr);
    b.expectNone();
    c.expectNone();
  }

  @Test
  void postRemove_whenOwnerSubscribesItsChannel_thenOthersStillGetIt() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    a.subscribe(ch);
    b.subscribe(ch);
    MdDatagram pr = tagged(5, ch);
    a.addPostRemove(ch, pr);
    settle(a, b);
    a.close();
    b.expect(pr);
  }

  @Test
  void truncatedControl_whenSent_thenLinkClosedAndPostRemovesRouted() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    b.subscribe(ch);
    MdDatagram pr = tagged(6, ch);
    a.addPostRemove(ch, pr);
    settle(a, b);
    a.send(new DatagramWriter().u8(1).channel(Channels.CONTROL)
        .u16(AstronMsg.CONTROL_ADD_CHANNEL).u32(ch).toByteArray());
    b.expect(pr);
    assertThat(awaitClosedByPeer(a)).as("link closed after a truncated control message").isTrue();
    assertStillRouting(ch + 1);
  }

  @Test
  void truncatedControl_whenTypeMissing_thenLinkClosed() {
    MdConnection a = connect();
    a.send(new DatagramWriter().u8(1).channel(Channels.CONTROL).u8(0x28).toByteArray());
    assertThat(awaitClosedByPeer(a)).as("link closed after a control without type").isTrue();
    assertStillRouting(freshChannels());
  }

  @Test
  void emptyDatagram_whenSent_thenLinkClosed() {
    MdConnection a = connect();
    a.sendRaw(new byte[] {0, 0});
    assertThat(awaitClosedByPeer(a)).as("link closed after an empty datagram").isTrue();
    assertStillRouting(freshChannels());
  }

  @Test
  void truncatedRecipient_whenCountIsOne_thenLinkClosed() {
    MdConnection a = connect();
    a.send(new DatagramWriter().u8(1).u32(0x1234).toByteArray());
    assertThat(awaitClosedByPeer(a)).as("link closed after a truncated recipient").isTrue();
    assertStillRouting(freshChannels());
  }

  @Test
  void truncatedRecipients_whenCountAboveOne_thenDroppedAndLinkKeepsRouting() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    b.subscribe(ch);
    settle(b);
    a.send(new DatagramWriter().u8(3).channel(ch).u32(ch).toByteArray());
    b.expectNone();
    assertDelivered(a, b, ch);
  }

  @Test
  void unknownControl_whenSent_thenIgnoredAndLinkKeepsRouting() {
    long ch = freshChannels();
    MdConnection a = connect();
    MdConnection b = connect();
    b.subscribe(ch);
    a.send(MdDatagram.control(9999, w -> w.channel(ch)));
    a.send(MdDatagram.control(AstronMsg.CONTROL_ADD_CHANNEL - 1, w -> w.channel(ch)));
    settle(a, b);
    assertDelivered(a, b, ch);
  }

  /** Checks that two fresh links still route to each other. */
  private void assertStillRouting(long ch) {
    MdConnection x = connect();
    MdConnection y = connect();
    y.subscribe(ch);
    settle(y);
    assertDelivered(x, y, ch);
  }
}
