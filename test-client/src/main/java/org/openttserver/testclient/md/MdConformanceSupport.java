package org.openttserver.testclient.md;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;

/**
 * Plumbing for {@link MessageDirectorConformanceTest}: links opened per test and closed after it,
 * and channel blocks unique within the JVM run so tests never hear each other.
 */
public abstract class MdConformanceSupport {
  /** Channels handed to one test: a block this wide, starting at a fresh base. */
  protected static final long BLOCK = 1_000_000L;

  /** First block: random, far above the reserved channels, so reruns do not collide either. */
  private static final AtomicLong NEXT_BLOCK =
      new AtomicLong((1L << 40) + ThreadLocalRandom.current().nextLong(1 << 20) * BLOCK);

  private final List<MdConnection> links = new ArrayList<>();
  private MdConnection probe;
  private MdConnection prober;
  private long probeChannel;
  private long probeTag;

  /** {@return the address of the message director under test} */
  protected abstract InetSocketAddress mdEndpoint();

  /** {@return a new link to the director under test, closed after the test} */
  protected MdConnection connect() {
    MdConnection c = MdConnection.connect(mdEndpoint());
    links.add(c);
    return c;
  }

  /** {@return the first channel of a block of {@link #BLOCK} channels no other test uses} */
  protected static long freshChannels() {
    return NEXT_BLOCK.getAndAdd(BLOCK);
  }

  /** Closes every link the test opened. */
  @AfterEach
  protected void closeLinks() {
    links.forEach(MdConnection::close);
    links.clear();
    probe = null;
    prober = null;
  }

  /**
   * Waits until the director has handled everything each link sent so far: each link routes a
   * probe to a dedicated listener, and a link's datagrams are handled in order.
   *
   * @param sent the links whose earlier control messages must have taken effect
   */
  protected void settle(MdConnection... sent) {
    MdConnection listener = probeListener();
    for (MdConnection link : sent) {
      MdDatagram d = tagged(probeTag++, probeChannel);
      link.send(d);
      listener.expect(d);
    }
  }

  /**
   * Waits for the director to close a link, routing a probe every 100 ms meanwhile: a director
   * may finish tearing a link down only when it next routes something (Astron does).
   *
   * @param link the link that should be closed
   * @return true if it was closed within about 2 seconds
   */
  protected boolean awaitClosedByPeer(MdConnection link) {
    probeListener();
    for (int i = 0; i < 20; i++) {
      settle(prober);
      if (link.isClosedByPeer(Duration.ofMillis(100))) {
        return true;
      }
    }
    return false;
  }

  /** Opens the probe listener and waits until its subscription works. */
  private MdConnection probeListener() {
    if (probe != null) {
      return probe;
    }
    MdConnection listener = connect();
    prober = connect();
    probeChannel = freshChannels();
    listener.subscribe(probeChannel);
    for (int i = 0; i < 100; i++) {
      prober.send(tagged(-1, probeChannel));
      if (listener.receive(Duration.ofMillis(20)).isPresent()) {
        drainUntilSentinel(listener);
        probe = listener;
        return listener;
      }
    }
    throw new AssertionError("the probe subscription never took effect");
  }

  private void drainUntilSentinel(MdConnection listener) {
    MdDatagram sentinel = tagged(-2, probeChannel);
    prober.send(sentinel);
    while (!listener.receive(MdConnection.EXPECT_TIMEOUT)
        .orElseThrow(() -> new AssertionError("probe sentinel lost"))
        .equals(sentinel)) {
      // discard late retries
    }
  }

  /**
   * Asserts that a datagram {@code from} sends to {@code channel} reaches {@code to} exactly once.
   *
   * @param from sending link
   * @param to receiving link
   * @param channel the recipient channel
   */
  protected static void assertDelivered(MdConnection from, MdConnection to, long channel) {
    MdDatagram d = tagged(channel, channel);
    from.send(d);
    to.expect(d);
    to.expectNone();
  }

  /**
   * Asserts that a datagram {@code from} sends to {@code channel} does not reach {@code to}.
   *
   * @param from sending link
   * @param to link that must hear nothing
   * @param channel the recipient channel
   */
  protected static void assertNotDelivered(MdConnection from, MdConnection to, long channel) {
    from.send(tagged(channel, channel));
    to.expectNone();
  }

  /**
   * Builds a small routed datagram whose payload identifies it.
   *
   * @param tag distinguishes datagrams within one test
   * @param to the recipients
   * @return the datagram, sent from channel 0 with message type 1234
   */
  protected static MdDatagram tagged(long tag, long... to) {
    return MdDatagram.builder(1234).to(to).from(0).payload(w -> w.u64(tag)).build();
  }
}
