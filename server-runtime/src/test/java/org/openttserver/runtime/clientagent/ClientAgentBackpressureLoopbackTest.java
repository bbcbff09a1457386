package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.md.MdDatagram;

/** A client that never reads is dropped (347) once its writes back up; memory stays bounded. */
class ClientAgentBackpressureLoopbackTest {
  static Loopback server;

  @BeforeAll
  static void startServer() {
    server = new Loopback("      heartbeat_timeout: 0\n      write_buffer_size: 16384\n"
        + "      write_timeout_ms: 500\n", 200);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void backpressure_whenClientNeverReads_thenDropped347BeforeUnboundedQueueing()
      throws IOException, InterruptedException {
    try (Peer ext = server.peer(Loopback.EXTENSION); Socket idle = new Socket()) {
      idle.setReceiveBufferSize(4096);
      idle.connect(server.ca);
      long channel = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED).payload().readChannel();
      byte[] body = new DatagramWriter().u16(ClientMsg.SERVER_UP).u32(1)
          .bytes(new byte[1000]).toByteArray();
      MdDatagram flood = MdDatagram.builder(AstronMsg.CLIENTAGENT_SEND_DATAGRAM).to(channel)
          .from(Loopback.EXTENSION).payload(w -> w.blob(body)).build();
      long maxBytes = 16L << 20; // kernel socket buffers plus 4.5 write buffers fit well under this
      long sent = 0;
      Optional<MdDatagram> gone = Optional.empty();
      while (gone.isEmpty() && sent < maxBytes) {
        for (int i = 0; i < 256; i++) {
          ext.send(flood);
          sent += body.length;
        }
        gone = ext.link.receive(Duration.ofMillis(10)).filter(
            d -> d.msgType() == AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED);
      }
      if (gone.isEmpty()) {
        gone = Optional.of(ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, channel));
      }
      DatagramReader r = gone.get().payload();
      assertThat(r.readChannel()).isEqualTo(channel);
      r.readChannel();
      assertThat(r.readU16()).isEqualTo(BootCode.NETWORK_WRITE_ERROR);
      assertThat(sent).as("bytes sent before the drop").isLessThan(maxBytes);
      System.out.println("backpressure: dropped after " + (sent >> 10) + " KiB were sent");
      // The extension is told before the socket has finished closing: wait (bounded) for the
      // connection to be gone.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (server.agent().connectionCount() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(5); // poll interval; the assertion below is what is checked
      }
      assertThat(server.agent().connectionCount()).isZero();
    }
  }

  @Test
  void eject_whenClientNeverReadsAndWritesArePending_thenSocketClosedAnyway()
      throws IOException, InterruptedException {
    // a write buffer so large that neither the drop nor the stall timer can fire
    try (Loopback big = new Loopback("      heartbeat_timeout: 0\n"
            + "      write_buffer_size: 16777216\n      write_timeout_ms: 500\n", 200);
        Peer ext = big.peer(Loopback.EXTENSION); Socket idle = new Socket()) {
      idle.setReceiveBufferSize(4096);
      idle.connect(big.ca);
      long channel = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED).payload().readChannel();
      byte[] body = new DatagramWriter().u16(ClientMsg.SERVER_UP).u32(1)
          .bytes(new byte[1000]).toByteArray();
      MdDatagram one = MdDatagram.builder(AstronMsg.CLIENTAGENT_SEND_DATAGRAM).to(channel)
          .from(Loopback.EXTENSION).payload(w -> w.blob(body)).build();
      for (int i = 0; i < 5000; i++) { // 5 MB: more than the socket buffers hold
        ext.send(one);
      }
      ext.send(MdDatagram.builder(AstronMsg.CLIENTAGENT_EJECT).to(channel)
          .from(Loopback.EXTENSION).payload(w -> w.u16(BootCode.ADMIN_KICK).string("bye"))
          .build());
      ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, channel);
      OutputStream out = idle.getOutputStream();
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (true) {
        try {
          out.write(new byte[] {2, 0, 52, 0});
          out.flush();
        } catch (IOException closedByServer) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the ejected client's socket was never closed");
        }
        Thread.sleep(50); // poll interval; the assertion is the bounded deadline above
      }
    }
  }
}
