package org.openttserver.it.frontdoor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;

/**
 * A flood of anonymous connections for the front-door test and benchmark, on one selector
 * thread: opens them (10 a second per address, under the shipped rate), sends each a heartbeat
 * every 10 s, reads what the server sends (GO_GET_LOST codes are counted) and opens a new one
 * for each that the server closes.
 */
final class Flood implements Runnable, AutoCloseable {
  private final InetSocketAddress game;
  private final int wanted;
  private final Selector selector;
  /** Connections opened so far, closed or not. */
  final AtomicInteger opened = new AtomicInteger();
  /** Connections opened and not closed (some may still be connecting). */
  final AtomicInteger open = new AtomicInteger();
  /** Connections whose handshake finished (maybe still in the server's backlog), not closed. */
  final AtomicInteger connected = new AtomicInteger();
  final AtomicInteger connectFailures = new AtomicInteger();
  final AtomicInteger closedSilently = new AtomicInteger();
  final Map<Integer, AtomicInteger> codes = new TreeMap<>();
  /** Connections closed with 351 because a newer one took their place (not other 351s). */
  final AtomicInteger evicted = new AtomicInteger();
  private final int addresses;
  private final int[] perAddress;
  private final AtomicLong[] lastOpen;
  private long lastHeartbeat = System.nanoTime();
  private volatile boolean stopped;

  /**
   * A flood, not started yet (run it on a thread of its own).
   *
   * @param game the game port
   * @param wanted connections to hold
   * @param addresses how many loopback addresses they come from, 127.0.0.2 on
   */
  Flood(InetSocketAddress game, int wanted, int addresses) throws IOException {
    this.game = game;
    this.wanted = wanted;
    this.addresses = addresses;
    this.perAddress = new int[addresses];
    this.lastOpen = new AtomicLong[addresses];
    this.selector = Selector.open();
    for (int i = 0; i < addresses; i++) {
      lastOpen[i] = new AtomicLong();
    }
  }

  void stop() {
    stopped = true;
    selector.wakeup();
  }

  @Override
  public void run() {
    int each = (wanted + addresses - 1) / addresses;
    try {
      while (!stopped) {
        long now = System.nanoTime();
        for (int a = 0; a < addresses; a++) {
          // 10 a second per address: well under the shipped 20
          while (perAddress[a] < each && open.get() < wanted
              && now - lastOpen[a].get() >= 100_000_000L) {
            lastOpen[a].set(now);
            openOne(a);
          }
        }
        if (now - lastHeartbeat > 10_000_000_000L) {
          // a heartbeat keeps an anonymous connection past heartbeat_timeout, not past the
          // login deadline
          lastHeartbeat = now;
          heartbeats();
        }
        selector.select(20);
        for (SelectionKey k : selector.selectedKeys()) {
          handle(k);
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void heartbeats() {
    ByteBuffer beat = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    beat.putShort((short) 2).putShort((short) ClientMsg.HEARTBEAT).flip();
    for (SelectionKey k : selector.keys()) {
      SocketChannel ch = (SocketChannel) k.channel();
      if (ch.isConnected()) {
        try {
          ch.write(beat.duplicate());
        } catch (IOException e) {
          // the read side sees it
        }
      }
    }
  }

  private void openOne(int a) {
    try {
      SocketChannel ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0,
          (byte) (2 + a)}), 0));
      ch.connect(game);
      ch.register(selector, SelectionKey.OP_CONNECT, new Conn(a));
      perAddress[a]++;
      open.incrementAndGet();
      opened.incrementAndGet();
    } catch (IOException e) {
      connectFailures.incrementAndGet();
    }
  }

  private void handle(SelectionKey k) {
    SocketChannel ch = (SocketChannel) k.channel();
    Conn c = (Conn) k.attachment();
    try {
      if (k.isConnectable()) {
        ch.finishConnect();
        c.connected = true;
        connected.incrementAndGet();
        k.interestOps(SelectionKey.OP_READ);
        return;
      }
      if (ch.read(c.in) < 0) {
        int code = c.code();
        if (code < 0) {
          closedSilently.incrementAndGet();
        } else {
          synchronized (codes) {
            codes.computeIfAbsent(code, x -> new AtomicInteger()).incrementAndGet();
          }
          if (code == BootCode.TOO_MANY_CONNECTIONS && c.reason().contains("took the place")) {
            evicted.incrementAndGet();
          }
        }
        drop(k, c);
      }
    } catch (IOException e) {
      connectFailures.incrementAndGet();
      drop(k, c);
    }
  }

  private void drop(SelectionKey k, Conn c) {
    k.cancel();
    try {
      k.channel().close();
    } catch (IOException e) {
      // gone anyway
    }
    perAddress[c.address]--;
    open.decrementAndGet();
    if (c.connected) {
      connected.decrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    for (SelectionKey k : selector.keys()) {
      k.channel().close();
    }
    selector.close();
  }

  /** One flood connection: its address index and what the server sent. */
  private static final class Conn {
    final int address;
    boolean connected;
    final ByteBuffer in = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);

    Conn(int address) {
      this.address = address;
    }

    /** {@return the GO_GET_LOST code the server sent, or -1} */
    int code() {
      if (in.position() < 6 || (in.getShort(2) & 0xFFFF) != ClientMsg.GO_GET_LOST) {
        return -1;
      }
      return in.getShort(4) & 0xFFFF;
    }

    /** The GO_GET_LOST reason, or "" if it did not all arrive. */
    String reason() {
      if (in.position() < 8) {
        return "";
      }
      int length = in.getShort(6) & 0xFFFF;
      if (in.position() < 8 + length) {
        return "";
      }
      byte[] text = new byte[length];
      in.get(8, text);
      return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
