package org.openttserver.testclient.md;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openttserver.testclient.FramedSocket;
import org.openttserver.testclient.LinkClosedException;

/**
 * One participant link to a message director (Astron's or OpenTTServer's): subscriptions,
 * post-removes and datagrams over a framed TCP socket, plus assertion helpers in the style of
 * Astron's own protocol tests.
 *
 * <p>{@code expect*} methods throw {@link AssertionError} with both datagrams spelled out.
 * Not thread-safe.
 */
public final class MdConnection implements AutoCloseable {
  /** How long {@link #expectNone()} listens: silence for this long means "nothing". */
  public static final Duration SILENCE = Duration.ofMillis(100);

  /** How long {@code expect} waits for a datagram that should come. */
  public static final Duration EXPECT_TIMEOUT = Duration.ofSeconds(2);

  private final FramedSocket socket;

  private MdConnection(FramedSocket socket) {
    this.socket = socket;
  }

  /**
   * Connects to a message director.
   *
   * @param endpoint its listening address
   * @return the open link
   */
  public static MdConnection connect(InetSocketAddress endpoint) {
    return new MdConnection(FramedSocket.connect(endpoint));
  }

  /**
   * Wraps a link a test's listener accepted, for a test that plays the upstream director of a
   * downstream one (it reads the control messages the downstream sends).
   *
   * @param socket the accepted socket
   * @return the link
   */
  public static MdConnection accepted(java.net.Socket socket) {
    return new MdConnection(FramedSocket.of(socket));
  }

  /**
   * Subscribes a channel (CONTROL_ADD_CHANNEL).
   *
   * @param channel the channel
   */
  public void subscribe(long channel) {
    send(MdControl.addChannel(channel));
  }

  /**
   * Unsubscribes a channel (CONTROL_REMOVE_CHANNEL).
   *
   * @param channel the channel
   */
  public void unsubscribe(long channel) {
    send(MdControl.removeChannel(channel));
  }

  /**
   * Subscribes an inclusive range (CONTROL_ADD_RANGE).
   *
   * @param lo lowest channel
   * @param hi highest channel
   */
  public void subscribeRange(long lo, long hi) {
    send(MdControl.addRange(lo, hi));
  }

  /**
   * Unsubscribes an inclusive range (CONTROL_REMOVE_RANGE).
   *
   * @param lo lowest channel
   * @param hi highest channel
   */
  public void unsubscribeRange(long lo, long hi) {
    send(MdControl.removeRange(lo, hi));
  }

  /**
   * Adds a post-remove (CONTROL_ADD_POST_REMOVE), routed when this link drops.
   *
   * @param key the bundle key
   * @param datagramBody the datagram body to route
   */
  public void addPostRemove(long key, byte[] datagramBody) {
    send(MdControl.addPostRemove(key, datagramBody));
  }

  /**
   * Adds a post-remove (CONTROL_ADD_POST_REMOVE), routed when this link drops.
   *
   * @param key the bundle key
   * @param datagram the datagram to route
   */
  public void addPostRemove(long key, MdDatagram datagram) {
    addPostRemove(key, datagram.bytes());
  }

  /**
   * Forgets the post-removes stored under a key (CONTROL_CLEAR_POST_REMOVES).
   *
   * @param key the bundle key
   */
  public void clearPostRemoves(long key) {
    send(MdControl.clearPostRemoves(key));
  }

  /**
   * Names this link in the director's logs (CONTROL_SET_CON_NAME).
   *
   * @param name the name
   */
  public void setConName(String name) {
    send(MdControl.setConName(name));
  }

  /**
   * Sets this link's URL for the director's logs (CONTROL_SET_CON_URL).
   *
   * @param url the URL
   */
  public void setConUrl(String url) {
    send(MdControl.setConUrl(url));
  }

  /**
   * Sends a datagram body; the frame length is added.
   *
   * @param datagramBody the body
   */
  public void send(byte[] datagramBody) {
    socket.sendFrame(datagramBody);
  }

  /**
   * Sends a datagram.
   *
   * @param datagram the datagram
   */
  public void send(MdDatagram datagram) {
    send(datagram.bytes());
  }

  /**
   * Sends bytes with no framing added (for malformed-input tests).
   *
   * @param bytes the bytes
   */
  public void sendRaw(byte[] bytes) {
    socket.sendRaw(bytes);
  }

  /**
   * Waits for the next datagram.
   *
   * @param timeout how long to wait at most
   * @return the datagram, or empty on timeout
   * @throws LinkClosedException if the director closed the link
   */
  public Optional<MdDatagram> receive(Duration timeout) {
    return socket.receiveFrame(timeout).map(MdDatagram::of);
  }

  /** Discards everything that arrives until {@link #SILENCE} passes with nothing. */
  public void flush() {
    while (receive(SILENCE).isPresent()) {
      // discard
    }
  }

  /**
   * Asserts that the next datagram, within {@link #EXPECT_TIMEOUT}, is byte-identical to one.
   *
   * @param expected the datagram that must come next
   */
  public void expect(MdDatagram expected) {
    expect(expected, EXPECT_TIMEOUT);
  }

  /**
   * Asserts that the next datagram, within a timeout, is byte-identical to one.
   *
   * @param expected the datagram that must come next
   * @param timeout how long to wait
   */
  public void expect(MdDatagram expected, Duration timeout) {
    MdDatagram got = receive(timeout)
        .orElseThrow(() -> new AssertionError("expected " + expected + " but nothing arrived"));
    if (!got.equals(expected)) {
      throw new AssertionError("expected " + expected + "\n     but got " + got);
    }
  }

  /**
   * Asserts that the next datagrams are exactly these, in any order, each compared with {@link
   * MdDatagram#sameIgnoringRecipientOrder}.
   *
   * @param expected the datagrams that must come next
   */
  public void expectMany(Collection<MdDatagram> expected) {
    List<MdDatagram> missing = new ArrayList<>(expected);
    while (!missing.isEmpty()) {
      MdDatagram got = receive(EXPECT_TIMEOUT).orElseThrow(
          () -> new AssertionError("still expected " + missing + " but nothing arrived"));
      if (!missing.removeIf(new OneMatch(got))) {
        throw new AssertionError("got unexpected " + got + "\n while expecting " + missing);
      }
    }
  }

  /** Asserts that nothing arrives within {@link #SILENCE}. */
  public void expectNone() {
    expectNone(SILENCE);
  }

  /**
   * Asserts that nothing arrives within a window.
   *
   * @param window how long to listen
   */
  public void expectNone(Duration window) {
    Optional<MdDatagram> got = receive(window);
    if (got.isPresent()) {
      throw new AssertionError("expected nothing but got " + got.get());
    }
  }

  /**
   * Waits for the director to close this link, discarding datagrams meanwhile.
   *
   * @param timeout how long to wait
   * @return true if the link was closed by the director within the timeout
   */
  public boolean isClosedByPeer(Duration timeout) {
    return socket.isClosedByPeer(timeout);
  }

  /** Closes the link; the director then routes this link's post-removes. */
  @Override
  public void close() {
    socket.close();
  }

  /** Matches the first element equal to a datagram, so duplicates are consumed one at a time. */
  private static final class OneMatch implements java.util.function.Predicate<MdDatagram> {
    private final MdDatagram got;
    private boolean used;

    OneMatch(MdDatagram got) {
      this.got = got;
    }

    @Override
    public boolean test(MdDatagram candidate) {
      if (!used && candidate.sameIgnoringRecipientOrder(got)) {
        used = true;
        return true;
      }
      return false;
    }
  }
}
