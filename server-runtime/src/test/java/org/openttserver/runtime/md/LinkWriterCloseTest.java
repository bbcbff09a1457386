package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;

/** {@link LinkWriter#closeWhenWritten} over a real socket. */
class LinkWriterCloseTest {
  @Test
  void closeWhenWritten_whenManyDatagramsQueued_thenAllArriveBeforeTheClose() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
          .handler(new ChannelInboundHandlerAdapter())
          .connect(server.getLocalSocketAddress()).sync().channel();
      try (Socket peer = server.accept()) {
        CompletableFuture<Integer> counted = CompletableFuture.supplyAsync(() -> count(peer));
        LinkWriter writer = new LinkWriter(ch, "test");
        int n = 20_000; // many drain batches
        for (int i = 0; i < n; i++) {
          writer.write(Datagram.of(Datagram.header(5000, 1, 9000).u32(i)));
        }
        writer.closeWhenWritten(Duration.ofSeconds(10));
        assertThat(ch.isOpen()).isFalse();
        assertThat(counted.get(10, TimeUnit.SECONDS)).as("datagrams read before EOF")
            .isEqualTo(n);
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** Reads frames until EOF, checking they come in order; {@return how many}. */
  private static int count(Socket peer) {
    try (DataInputStream in = new DataInputStream(peer.getInputStream())) {
      int n = 0;
      while (true) {
        int lo;
        try {
          lo = in.readUnsignedByte();
        } catch (EOFException e) {
          return n;
        }
        int length = lo | in.readUnsignedByte() << 8;
        byte[] body = new byte[length];
        in.readFully(body);
        Datagram d = Datagram.wrap(body);
        if (d.payload().readU32() != n) {
          throw new AssertionError("datagram " + n + " out of order");
        }
        n++;
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
