package org.openttserver.testclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A blocking TCP connection that speaks the framing shared by Astron's message director and the
 * 2003 client: every body is preceded by its length as a little-endian u16 (the prefix does not
 * count itself), so a body holds at most 65535 bytes.
 *
 * <p>Received bytes are buffered across calls, so a receive that times out in the middle of a
 * frame loses nothing. I/O failures are rethrown as {@link UncheckedIOException}; a link the peer
 * closed surfaces as {@link LinkClosedException}. Not thread-safe.
 */
public final class FramedSocket implements AutoCloseable {
  /** The largest body a frame can carry. */
  public static final int MAX_BODY = 0xFFFF;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private byte[] buffer = new byte[4096];
  private int buffered;
  private boolean closedByPeer;

  private FramedSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Opens a connection with TCP_NODELAY set.
   *
   * @param endpoint where to connect
   * @return the open connection
   * @throws UncheckedIOException if the connection cannot be made within 5 seconds
   */
  public static FramedSocket connect(InetSocketAddress endpoint) {
    return connect(endpoint, null);
  }

  /**
   * Opens a connection from a given local address (for example 127.0.0.2, to test per-address
   * limits on loopback) with TCP_NODELAY set.
   *
   * @param endpoint where to connect
   * @param from the local address to bind, or null for any
   * @return the open connection
   * @throws UncheckedIOException if the connection cannot be made within 5 seconds
   */
  public static FramedSocket connect(InetSocketAddress endpoint, java.net.InetAddress from) {
    Socket s = new Socket();
    try {
      if (from != null) {
        s.bind(new InetSocketAddress(from, 0));
      }
      s.setTcpNoDelay(true);
      s.connect(endpoint, (int) CONNECT_TIMEOUT.toMillis());
      return new FramedSocket(s);
    } catch (IOException e) {
      closeQuietly(s);
      throw new UncheckedIOException("cannot connect to " + endpoint, e);
    }
  }

  /**
   * Wraps a connected socket (for example one a test's listener accepted), setting TCP_NODELAY.
   *
   * @param socket the socket
   * @return the connection
   * @throws UncheckedIOException if the socket cannot be used
   */
  public static FramedSocket of(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      return new FramedSocket(socket);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("cannot use " + socket, e);
    }
  }

  /**
   * Sends one body with its u16 length prefix.
   *
   * @param body the body, at most {@link #MAX_BODY} bytes
   * @throws IllegalArgumentException if the body is too long to frame
   */
  public void sendFrame(byte[] body) {
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("body of " + body.length + " bytes cannot be framed");
    }
    byte[] frame = new byte[body.length + 2];
    frame[0] = (byte) body.length;
    frame[1] = (byte) (body.length >>> 8);
    System.arraycopy(body, 0, frame, 2, body.length);
    sendRaw(frame);
  }

  /**
   * Sends bytes exactly as given, with no framing (for malformed-input tests).
   *
   * @param bytes the bytes to write
   */
  public void sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("send failed", e);
    }
  }

  /**
   * Waits for the next complete frame.
   *
   * @param timeout how long to wait at most
   * @return the body, or empty if no complete frame arrived in time
   * @throws LinkClosedException if the peer closed the connection first
   */
  public Optional<byte[]> receiveFrame(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      byte[] frame = takeBufferedFrame();
      if (frame != null) {
        return Optional.of(frame);
      }
      if (closedByPeer) {
        throw new LinkClosedException("connection closed by peer");
      }
      long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (leftMillis <= 0 || !readSome(leftMillis)) {
        return Optional.empty();
      }
    }
  }

  /**
   * Waits for the peer to close the connection, discarding any frames that arrive meanwhile.
   *
   * @param timeout how long to wait at most
   * @return true if the peer closed (or reset) the connection within the timeout
   */
  public boolean isClosedByPeer(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closedByPeer) {
      buffered = 0;
      long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (leftMillis <= 0 || !readSome(leftMillis)) {
        return closedByPeer;
      }
    }
    return true;
  }

  /** {@return the local address of this connection} */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Closes the connection; never throws. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  /** Reads once; returns false on timeout, true if bytes arrived or the peer closed. */
  private boolean readSome(long timeoutMillis) {
    try {
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
      if (buffered == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int n = in.read(buffer, buffered, buffer.length - buffered);
      if (n < 0) {
        closedByPeer = true;
      } else {
        buffered += n;
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      closedByPeer = true; // a reset counts as closed by the peer
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("receive failed", e);
    }
  }

  private byte[] takeBufferedFrame() {
    if (buffered < 2) {
      return null;
    }
    int length = (buffer[0] & 0xFF) | (buffer[1] & 0xFF) << 8;
    if (buffered < length + 2) {
      return null;
    }
    byte[] body = Arrays.copyOfRange(buffer, 2, 2 + length);
    System.arraycopy(buffer, 2 + length, buffer, 0, buffered - 2 - length);
    buffered -= 2 + length;
    return body;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing useful to do
    }
  }
}
