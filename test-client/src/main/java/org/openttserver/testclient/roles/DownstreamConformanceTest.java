package org.openttserver.testclient.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.api.msg.AstronMsg.CLIENTAGENT_EJECT;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.msg.Channels;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * A message director running downstream of another, as Astron's daemons do across machines:
 * subscriptions made on the downstream node are relayed up, what its participants send goes up
 * too, and what the upstream director routes to the node reaches its participants.
 *
 * <p>{@link #mdEndpoint()} is the UPSTREAM director (a plain one: Astron's or ours); the links
 * the suite opens with {@link #connect()} are on it. The downstream node runs a state server on
 * {@link #ssControl()} and listens for links of its own at {@link Downstream#md()}.
 */
public abstract class DownstreamConformanceTest extends StateServerSupport {

  /** A downstream node: a server whose message director is connected to the upstream one. */
  public interface Downstream extends AutoCloseable {
    /** {@return where the node's own message director listens} */
    InetSocketAddress md();

    /** {@return the control channel of the node's state server} */
    long ssControl();

    /** {@return the node's extension channel (its post-remove ejects clients from there)} */
    long extensionChannel();

    /**
     * Cuts the node's link to the upstream director as a dead machine would: nothing more
     * passes, and the node is not told to stop first.
     */
    void crash();

    /** Stops the node: its participants leave, then its link to the upstream closes. */
    @Override
    void close();
  }

  /** {@return the downstream node the suite shares (running for the whole class)} */
  protected abstract Downstream downstream();

  /** {@return a new downstream node, which the test stops} */
  protected abstract Downstream startDownstream();

  @Override
  protected long ssControl() {
    return downstream().ssControl();
  }

  /**
   * {@return a new link to a downstream node's own director, closed after the test}
   *
   * @param node the node
   */
  protected MdConnection connectTo(Downstream node) {
    MdConnection c = MdConnection.connect(node.md());
    opened.add(c);
    return c;
  }

  private final List<MdConnection> opened = new ArrayList<>();

  @Override
  @AfterEach
  protected void closeLinks() {
    opened.forEach(MdConnection::close);
    opened.clear();
    super.closeLinks();
  }

  /**
   * Waits until everything a link on the downstream node did so far has taken effect on the
   * node and upstream: the link subscribes a fresh channel there, and a link on the upstream
   * sends to it until one arrives. The node relays its subscriptions in order, so those made
   * before (the link's own, the node's roles') are in force upstream too.
   *
   * @param downLink a link on the downstream node
   */
  protected void awaitRelayed(MdConnection downLink) {
    long probe = freshChannels();
    downLink.subscribe(probe);
    MdConnection prober = connect();
    for (int i = 0; i < 250; i++) {
      prober.send(tagged(-1, probe));
      if (downLink.receive(Duration.ofMillis(20)).isPresent()) {
        MdDatagram sentinel = tagged(-2, probe);
        prober.send(sentinel);
        while (!downLink.receive(MdConnection.EXPECT_TIMEOUT)
            .orElseThrow(() -> new AssertionError("relay sentinel lost")).equals(sentinel)) {
          // late probes
        }
        downLink.unsubscribe(probe);
        return;
      }
    }
    throw new AssertionError("a subscription made on the downstream node never took effect "
        + "upstream");
  }

  /**
   * An object created on the downstream node's state server by a link on the upstream director
   * announces itself in its location once to a subscriber on the upstream director and once to
   * one on the downstream node.
   */
  @Test
  void objectCreatedFromUpstream_onTheDownstreamStateServer_entersForSubscribersOnBothDirectors() {
    Downstream node = downstream();
    Peer creator = peer();
    long parent = freshDoid();
    long zone = 1234;
    long doid = freshDoid();
    MdConnection upWatch = connect();
    upWatch.subscribe(loc(parent, zone));
    MdConnection downWatch = connectTo(node);
    downWatch.subscribe(loc(parent, zone));
    settle(upWatch);
    awaitRelayed(downWatch);

    createPlain(creator, doid, parent, zone, 77);

    MdDatagram enter = enterPlain(doid, parent, zone, 77);
    upWatch.expect(enter);
    downWatch.expect(enter);
    // Once each: the node subscribed the location upstream too, and the upstream director does
    // not send the node's own datagram back to it.
    upWatch.expectNone();
    downWatch.expectNone();
  }

  /**
   * Once an object created on the downstream node's state server has entered its location as
   * seen on the upstream director, what a link there sends to the object reaches it, and the
   * answer comes back: the node asks upstream for the object's channel before the object
   * announces itself (as Astron's state server subscribes a new object's channel first).
   */
  @Test
  void objectOnTheDownstreamNode_onceItsEnterIsSeenUpstream_answersALinkThere() {
    Downstream node = downstream();
    Peer me = peer();
    long parent = freshDoid();
    long doid = freshDoid();
    me.link().subscribe(loc(parent, 5));
    settle(me.link());
    awaitRelayed(connectTo(node));
    createPlain(me, doid, parent, 5, 1);
    me.link().expect(enterPlain(doid, parent, 5, 1));
    sync(me, doid); // GET_LOCATION down to the node's object, its answer back up to us
  }

  /**
   * A datagram between two links of the downstream node reaches the receiver once and also
   * goes upstream (a link there subscribed to the channel hears it once).
   */
  @Test
  void datagramBetweenLinksOfTheNode_reachesTheReceiverOnce_andGoesUpstream() {
    Downstream node = downstream();
    long ch = freshChannels();
    MdConnection sender = connectTo(node);
    MdConnection receiver = connectTo(node);
    receiver.subscribe(ch);
    MdConnection upWatch = connect();
    upWatch.subscribe(ch);
    settle(upWatch);
    awaitRelayed(receiver);

    MdDatagram d = tagged(1, ch);
    sender.send(d);
    receiver.expect(d);
    upWatch.expect(d);
    receiver.expectNone();
    upWatch.expectNone();
    sender.expectNone();
  }

  /**
   * A node that stops cleans up upstream: a post-remove a link on the node registered fires
   * once (routed by the node as the link leaves, or by the upstream director as the node's link
   * drops, never both), and so does the node's own extension's (CLIENTAGENT_EJECT to every
   * client from its channel).
   */
  @Test
  void nodeStopping_firesItsPostRemovesUpstreamOnce() {
    assertPostRemovesFireUpstreamOnce(Downstream::close, 99);
  }

  /**
   * A node that dies without stopping is cleaned up by the upstream director: the post-removes
   * its participants registered (relayed up as they were added) fire there once each, a link's
   * and the node's extension's alike.
   */
  @Test
  void nodeCrashing_upstreamFiresItsPostRemovesOnce() {
    assertPostRemovesFireUpstreamOnce(Downstream::crash, 98);
  }

  /**
   * Starts a node, has a link on it register a post-remove, ends the node as {@code end} says,
   * and checks that a watcher on the upstream director hears the link's post-remove and the
   * node's extension's once each.
   */
  private void assertPostRemovesFireUpstreamOnce(java.util.function.Consumer<Downstream> end,
      long tag) {
    Downstream node = startDownstream();
    try {
      long w = freshChannels();
      MdConnection upWatch = connect();
      upWatch.subscribe(w);
      upWatch.subscribe(Channels.ALL_CLIENTS);
      settle(upWatch);
      MdConnection local = connectTo(node);
      MdDatagram pr = tagged(tag, w);
      local.addPostRemove(w + 1, pr);
      awaitRelayed(local);

      end.accept(node);

      List<MdDatagram> prs = new ArrayList<>();
      List<MdDatagram> ejects = new ArrayList<>();
      long until = System.nanoTime() + MdConnection.EXPECT_TIMEOUT.toNanos();
      while ((prs.isEmpty() || ejects.isEmpty()) && System.nanoTime() < until) {
        collect(upWatch.receive(Duration.ofMillis(50)), w, pr, node, prs, ejects);
      }
      // Anything arriving within the silence window after both counts as a duplicate.
      for (Optional<MdDatagram> d = upWatch.receive(MdConnection.SILENCE); d.isPresent();
          d = upWatch.receive(MdConnection.SILENCE)) {
        collect(d, w, pr, node, prs, ejects);
      }
      assertThat(prs).as("the link's post-remove").hasSize(1);
      assertThat(ejects).as("the extension's post-remove").hasSize(1);
    } finally {
      node.close();
    }
  }

  private static void collect(Optional<MdDatagram> got, long w, MdDatagram pr, Downstream node,
      List<MdDatagram> prs, List<MdDatagram> ejects) {
    if (got.isEmpty()) {
      return;
    }
    MdDatagram d = got.get();
    if (d.equals(pr)) {
      prs.add(d);
    } else if (d.msgType() == CLIENTAGENT_EJECT && d.sender() == node.extensionChannel()) {
      ejects.add(d);
    } else if (d.recipients().contains(w)) {
      throw new AssertionError("unexpected " + d);
    }
  }
}
