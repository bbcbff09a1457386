package org.openttserver.testclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A one-connection loopback server: the test drives the accepted socket directly. */
public final class LoopbackServer implements AutoCloseable {
  private final ServerSocket server;
  private final CompletableFuture<Socket> accepted = new CompletableFuture<>();

  /** Listens on an ephemeral loopback port and accepts one connection in the background. */
  public LoopbackServer() {
    try {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t = new Thread(this::acceptOne, "loopback-accept");
    t.setDaemon(true);
    t.start();
  }

  private void acceptOne() {
    try {
      accepted.complete(server.accept());
    } catch (IOException e) {
      accepted.completeExceptionally(e);
    }
  }

  /** {@return where to connect} */
  public InetSocketAddress endpoint() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  /** {@return the server side of the accepted connection, waiting up to 5 s for it} */
  public Socket peer() {
    try {
      return accepted.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no connection accepted", e);
    }
  }

  /**
   * Writes bytes from the server side.
   *
   * @param bytes what to write
   */
  public void write(byte[] bytes) {
    try {
      peer().getOutputStream().write(bytes);
      peer().getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads exactly {@code n} bytes on the server side.
   *
   * @param n how many
   * @return the bytes
   */
  public byte[] read(int n) {
    try {
      peer().setSoTimeout(5000);
      return peer().getInputStream().readNBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
        accepted.join().close();
      }
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
