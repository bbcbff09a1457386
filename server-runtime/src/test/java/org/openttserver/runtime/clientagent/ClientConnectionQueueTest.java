package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;

/** Cluster datagrams queued for a connection's event loop are bounded. */
class ClientConnectionQueueTest {
  @Test
  void deliver_whenEventLoopFallsBehind_thenDropped347AndQueueNotProcessed() {
    ClientAgentConfig.Client client = new ClientAgentConfig.Client(null, EmbeddedAgent.EXTENSION,
        0, 4096, null, true, List.of(), null, 0, null, null);
    try (EmbeddedAgent a = new EmbeddedAgent(client)) {
      a.cluster.next(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED);
      byte[] body = new DatagramWriter().u16(ClientMsg.SERVER_UP).u32(1).bytes(new byte[500])
          .toByteArray();
      // routed without running the event loop: 200 x ~540 bytes > 4 x 4096
      for (int i = 0; i < 200; i++) {
        a.md.route(Datagram.of(Datagram.header(EmbeddedAgent.FIRST_CHANNEL,
            EmbeddedAgent.EXTENSION, AstronMsg.CLIENTAGENT_SEND_DATAGRAM).blob(body)), a.cluster);
      }
      Queue<byte[]> out = a.toClient();
      assertThat(out.size()).isLessThan(40);
      assertThat(a.ch.isOpen()).isFalse();
      DatagramReader r = a.cluster.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED).payload();
      r.readChannel();
      r.readChannel();
      assertThat(r.readU16()).isEqualTo(BootCode.NETWORK_WRITE_ERROR);
    }
  }

  @Test
  void deliver_whenEventLoopKeepsUp_thenEverythingArrives() {
    ClientAgentConfig.Client client = new ClientAgentConfig.Client(null, EmbeddedAgent.EXTENSION,
        0, 4096, null, true, List.of(), null, 0, null, null);
    try (EmbeddedAgent a = new EmbeddedAgent(client)) {
      a.cluster.next(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED);
      byte[] body = new DatagramWriter().u16(ClientMsg.SERVER_UP).u32(1).bytes(new byte[500])
          .toByteArray();
      int got = 0;
      for (int i = 0; i < 200; i++) {
        a.clusterSends(Datagram.header(EmbeddedAgent.FIRST_CHANNEL, EmbeddedAgent.EXTENSION,
            AstronMsg.CLIENTAGENT_SEND_DATAGRAM).blob(body));
        got += a.toClient().size();
      }
      assertThat(got).isEqualTo(200);
      assertThat(a.ch.isOpen()).isTrue();
    }
  }
}
