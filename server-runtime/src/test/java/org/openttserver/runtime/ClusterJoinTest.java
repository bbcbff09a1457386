package org.openttserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * A server started with {@code messagedirector.connect} joins another message director (here a
 * second embedded server standing in for Astron's) as the extension on channel 5536.
 */
class ClusterJoinTest {
  private static final long CONNECTION = 1_000_000_123L;

  @TempDir
  Path dirA;
  @TempDir
  Path dirB;
  private Server director;
  private Server extension;

  @AfterEach
  void stop() {
    if (extension != null) {
      extension.close();
    }
    if (director != null) {
      director.close();
    }
  }

  private void startBoth() {
    // The stand-in cluster's own extension listens elsewhere, so only the joining one has 5536.
    director = TestServers.start(TestServers.minimalYaml(dirA)
        + "  channel: 99999\n", dirA);
    String at = director.mdAddress().getHostString() + ":" + director.mdAddress().getPort();
    extension = TestServers.start("general:\n  data_dir: " + dirB.resolve("data") + "\n"
        + "messagedirector:\n  connect: " + at + "\n"
        + "extension:\n  plugins_dir: " + dirB.resolve("plugins") + "\n", dirB);
  }

  @Test
  void joinedExtension_whenClientAgentForwardsUnknownMessage_thenEjectsThroughTheCluster() {
    startBoth();
    try (MdConnection ca = MdConnection.connect(director.mdAddress())) {
      ca.subscribe(CONNECTION);
      MdDatagram msg = MdDatagram.builder(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE).to(5536)
          .from(CONNECTION).payload(w -> w.channel(CONNECTION).u16(ClientMsg.GET_SHARD_LIST))
          .build();
      MdDatagram eject = null;
      for (int i = 0; i < 50 && eject == null; i++) {
        // The joined extension's subscription travels over its own link: retry until it is in.
        ca.send(msg);
        eject = ca.receive(Duration.ofMillis(100)).orElse(null);
      }
      assertThat(eject).isNotNull();
      assertThat(eject.msgType()).isEqualTo(AstronMsg.CLIENTAGENT_EJECT);
      assertThat(eject.sender()).isEqualTo(5536L);
      DatagramReader in = eject.payload();
      assertThat(in.readU16()).isEqualTo(BootCode.INVALID_MSGTYPE);
    }
  }

  @Test
  void joinedExtension_whenDirectorGoesAway_thenStopsWithAReason() throws Exception {
    startBoth();
    // Let the director finish accepting the link first: a connection still in the listener's
    // backlog when it closes is a different failure (reset before it was ever served).
    for (int i = 0; i < 200 && director.messageDirector().participantCount() < 2; i++) {
      Thread.sleep(10);
    }
    director.close();
    director = null;
    String reason = extension.stopped().get(20, TimeUnit.SECONDS);
    assertThat(reason).contains("lost the message director link");
  }
}
