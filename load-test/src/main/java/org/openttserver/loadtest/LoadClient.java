package org.openttserver.loadtest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** One scripted 2003 client: a socket, a reader thread that counts and times, a sender. */
final class LoadClient implements AutoCloseable {
  final Socket socket;
  final long avatar;
  long channel;
  final AtomicLong generates = new AtomicLong();
  final AtomicLong updates = new AtomicLong();
  final Histogram latency;
  private final OutputStream out;
  private final int chatNumber;
  private final Thread reader;
  volatile long windowStart = Long.MAX_VALUE;
  volatile long windowEnd = Long.MAX_VALUE;
  final AtomicLong inWindow = new AtomicLong();
  volatile String closedBecause;

  LoadClient(InetSocketAddress ca, long avatar, int chatNumber, Histogram latency)
      throws IOException {
    this.socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(ca);
    this.out = socket.getOutputStream();
    this.avatar = avatar;
    this.chatNumber = chatNumber;
    this.latency = latency;
    this.reader = new Thread(this::read, "client-" + avatar);
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        socket.getInputStream(), 1 << 16))) {
      byte[] buf = new byte[65536];
      while (true) {
        int len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        in.readFully(buf, 0, len);
        int type = u16(buf, 0);
        if (type == 34 || type == 35) {
          generates.incrementAndGet();
        } else if (type == 24 && len >= 10 && u16(buf, 6) == chatNumber) {
          long now = System.nanoTime();
          int slen = u16(buf, 8);
          long sent = Long.parseUnsignedLong(new String(buf, 10, slen,
              StandardCharsets.US_ASCII), 16);
          updates.incrementAndGet();
          if (sent >= windowStart && sent < windowEnd) {
            inWindow.incrementAndGet();
            latency.record(now - sent);
          }
        } else if (type == 4) {
          closedBecause = "GO_GET_LOST " + (len >= 4 ? u16(buf, 2) : -1);
        }
      }
    } catch (IOException e) {
      if (closedBecause == null) {
        closedBecause = e.toString();
      }
    }
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  /** Sends 24 setChat(hex nanoTime, 0) for the own avatar. */
  synchronized void sendChat() throws IOException {
    byte[] text = Long.toHexString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
    int bodyLen = 2 + 4 + 2 + 2 + text.length + 1;
    byte[] f = new byte[2 + bodyLen];
    int i = 0;
    f[i++] = (byte) bodyLen;
    f[i++] = (byte) (bodyLen >> 8);
    f[i++] = 24;
    f[i++] = 0;
    for (int k = 0; k < 4; k++) {
      f[i++] = (byte) (avatar >> (8 * k));
    }
    f[i++] = (byte) chatNumber;
    f[i++] = (byte) (chatNumber >> 8);
    f[i++] = (byte) text.length;
    f[i++] = 0;
    System.arraycopy(text, 0, f, i, text.length);
    out.write(f);
  }

  /** Sends a heartbeat (52). */
  synchronized void heartbeat() throws IOException {
    out.write(new byte[] {2, 0, 52, 0});
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
