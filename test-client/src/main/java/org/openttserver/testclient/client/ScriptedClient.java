package org.openttserver.testclient.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.GoGetLost;
import org.openttserver.api.protocol.MessageCodec;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.protocol.ServerBound;
import org.openttserver.testclient.FramedSocket;
import org.openttserver.testclient.Hex;
import org.openttserver.testclient.LinkClosedException;

/**
 * A scripted stand-in for the 2003 Toontown client (sv1.0.6.9): it sends the message records of
 * {@link org.openttserver.api.protocol} and asserts on what the server answers, decoded with
 * {@link Protocol2003}.
 *
 * <pre>{@code
 * try (ScriptedClient c = ScriptedClient.connect(addr)) {
 *   c.send(new Login2("token", "sv1.0.6.9", hash, ClientMsg.TokenType.PLAY_TOKEN));
 *   Login2Resp resp = c.expect(Login2Resp.class);
 * }
 * }</pre>
 *
 * <p>{@code expect*} methods throw {@link AssertionError} naming what was expected and what came.
 * The raw methods ({@link #send(byte[])}, {@link #send(int, Consumer)}, {@link #sendRaw}, {@link
 * #expect(int)}) are for malformed input and for bodies a test reads itself. Not thread-safe.
 */
public final class ScriptedClient implements AutoCloseable {
  /** How long {@code expect} waits by default. */
  public static final Duration EXPECT_TIMEOUT = Duration.ofSeconds(2);

  /** How long {@link #expectNone()} listens. */
  public static final Duration SILENCE = Duration.ofMillis(100);

  private final FramedSocket socket;

  private ScriptedClient(FramedSocket socket) {
    this.socket = socket;
  }

  /**
   * Connects to a game server.
   *
   * @param endpoint the server's client port
   * @return the connected client
   */
  public static ScriptedClient connect(InetSocketAddress endpoint) {
    return new ScriptedClient(FramedSocket.connect(endpoint));
  }

  /**
   * Sends a client message.
   *
   * @param message the message, e.g. {@code new SetZone(2000)}
   */
  public void send(ServerBound message) {
    send(Protocol2003.encode(message));
  }

  /**
   * Sends a message built from a type and a payload (for malformed or unknown messages).
   *
   * @param msgType the u16 message type
   * @param payload writes the payload
   */
  public void send(int msgType, Consumer<DatagramWriter> payload) {
    DatagramWriter w = new DatagramWriter().u16(msgType);
    payload.accept(w);
    send(w.toByteArray());
  }

  /**
   * Sends a complete body (type included) with its frame length.
   *
   * @param body the body, e.g. from {@link Protocol2003#encode}
   */
  public void send(byte[] body) {
    socket.sendFrame(body);
  }

  /**
   * Sends bytes with no framing (for malformed-input tests).
   *
   * @param bytes the bytes
   */
  public void sendRaw(byte[] bytes) {
    socket.sendRaw(bytes);
  }

  /**
   * Waits for the next message.
   *
   * @param timeout how long to wait at most
   * @return the body (type included), or empty on timeout
   * @throws LinkClosedException if the server closed the connection
   */
  public Optional<byte[]> receive(Duration timeout) {
    return socket.receiveFrame(timeout);
  }

  /**
   * Expects the next message to have a type, within {@link #EXPECT_TIMEOUT}.
   *
   * @param msgType the expected type
   * @return a reader positioned after the type
   */
  public DatagramReader expect(int msgType) {
    return expect(msgType, EXPECT_TIMEOUT);
  }

  /**
   * Expects the next message to have a type.
   *
   * @param msgType the expected type
   * @param timeout how long to wait
   * @return a reader positioned after the type
   */
  public DatagramReader expect(int msgType, Duration timeout) {
    byte[] body = next(msgType, timeout);
    DatagramReader r = new DatagramReader(body);
    int got = body.length >= 2 ? r.readU16() : -1;
    if (got != msgType) {
      throw new AssertionError("expected " + name(msgType) + " but got "
          + (got < 0 ? "a " + body.length + "-byte body" : name(got)) + ": " + Hex.of(body));
    }
    return r;
  }

  /**
   * Expects the next message to be a server message of a record class, within {@link
   * #EXPECT_TIMEOUT}, e.g. {@code expect(DoneSetZoneResp.class)}.
   *
   * @param messageClass the expected record
   * @param <M> the record
   * @return the message, decoded as the 2003 client reads it
   * @throws AssertionError if another message comes, nothing comes, or the payload does not hold
   *     exactly one message of the class
   */
  public <M extends ClientBound> M expect(Class<M> messageClass) {
    return expect(messageClass, EXPECT_TIMEOUT);
  }

  /**
   * Expects the next message to be a server message of a record class.
   *
   * @param messageClass the expected record
   * @param timeout how long to wait
   * @param <M> the record
   * @return the message
   * @throws AssertionError as {@link #expect(Class)}
   */
  public <M extends ClientBound> M expect(Class<M> messageClass, Duration timeout) {
    MessageCodec<M> codec = Protocol2003.codec(messageClass);
    byte[] body = next(codec.type(), timeout);
    DatagramReader r = new DatagramReader(body);
    int got = body.length >= 2 ? r.readU16() : -1;
    if (got != codec.type()) {
      throw new AssertionError("expected " + messageClass.getSimpleName() + " but got "
          + describe(body));
    }
    MessageCodec<? extends ClientBound> byType = Protocol2003.clientBound(got).orElseThrow();
    try {
      return messageClass.cast(byType.readAll(r));
    } catch (DatagramFormatException e) {
      throw new AssertionError("malformed " + messageClass.getSimpleName() + " (" + e.getMessage()
          + "): " + Hex.of(body), e);
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
    Optional<byte[]> got = receive(window);
    if (got.isPresent()) {
      throw new AssertionError("expected nothing but got " + describe(got.get()));
    }
  }

  /**
   * Asserts that the server closes the connection without sending anything more.
   *
   * @param timeout how long to wait
   */
  public void expectClosed(Duration timeout) {
    Optional<byte[]> got;
    try {
      got = receive(timeout);
    } catch (LinkClosedException closed) {
      return;
    }
    throw new AssertionError(got.map(b -> "expected the server to close but got " + describe(b))
        .orElse("expected the server to close within " + timeout + " but it stayed open"));
  }

  /**
   * Expects CLIENT_GO_GET_LOST with a reason code, then the server closing the connection.
   *
   * @param reasonCode the expected u16 code
   * @return the reason text
   */
  public String expectGoGetLost(int reasonCode) {
    GoGetLost boot = expect(GoGetLost.class);
    if (boot.reasonCode().isEmpty() || boot.reasonCode().getAsInt() != reasonCode) {
      throw new AssertionError("expected GO_GET_LOST code " + reasonCode + " but got " + boot);
    }
    expectClosed(EXPECT_TIMEOUT);
    return boot.reasonText();
  }

  /** {@return this client's local address (the server sees it as the remote address)} */
  public InetSocketAddress localAddress() {
    return socket.localAddress();
  }

  /** Closes the connection. */
  @Override
  public void close() {
    socket.close();
  }

  private byte[] next(int msgType, Duration timeout) {
    try {
      return receive(timeout).orElseThrow(() -> new AssertionError(
          "expected " + name(msgType) + " but nothing arrived within " + timeout));
    } catch (LinkClosedException e) {
      throw new AssertionError("expected " + name(msgType) + " but the server closed", e);
    }
  }

  private static String describe(byte[] body) {
    if (body.length < 2) {
      return "a " + body.length + "-byte body: " + Hex.of(body);
    }
    DatagramReader r = new DatagramReader(body);
    int type = r.readU16();
    try {
      return name(type) + Protocol2003.clientBound(type).map(c -> " " + c.readAll(r))
          .orElse("") + ": " + Hex.of(body);
    } catch (DatagramFormatException e) {
      return name(type) + " (malformed): " + Hex.of(body);
    }
  }

  private static String name(int msgType) {
    String n = ClientMsg.nameOf(msgType);
    return n.startsWith("UNKNOWN") ? n : n + "(" + msgType + ")";
  }
}
