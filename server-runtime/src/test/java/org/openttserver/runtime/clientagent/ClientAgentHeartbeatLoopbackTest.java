package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.GetAvatars;
import org.openttserver.api.protocol.Heartbeat;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.runtime.clientagent.Loopback.Client;
import org.openttserver.runtime.clientagent.Loopback.Peer;

/** The heartbeat timeout (300 ms here): heartbeats keep a client, silence ejects it with 345. */
class ClientAgentHeartbeatLoopbackTest {
  static Loopback server;

  @BeforeAll
  static void startServer() {
    server = new Loopback("      heartbeat_timeout: 300\n", 200);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void heartbeat_whenSentEvery100ms_thenClientKeptPastTheTimeoutAndNothingForwarded() {
    try (Peer ext = server.peer(Loopback.EXTENSION); Client c = server.connect(ext)) {
      for (int i = 0; i < 8; i++) {
        c.socket().send(new Heartbeat());
        c.socket().expectNone(Duration.ofMillis(100));
      }
      c.socket().send(new GetAvatars());
      DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE, c.channel()).payload();
      r.readChannel();
      assertThat(r.readRemaining()).isEqualTo(Protocol2003.encode(new GetAvatars()));
    }
  }

  @Test
  void heartbeat_whenNoneArrives_thenGoGetLost345AndCloseAnd1302() {
    try (Peer ext = server.peer(Loopback.EXTENSION); Client c = server.connect(ext)) {
      long start = System.nanoTime();
      c.socket().expectGoGetLost(BootCode.NO_HEARTBEAT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      DatagramReader r = ext.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED, c.channel())
          .payload();
      r.readChannel();
      r.readChannel();
      assertThat(r.readU16()).isEqualTo(BootCode.NO_HEARTBEAT);
    }
  }
}
