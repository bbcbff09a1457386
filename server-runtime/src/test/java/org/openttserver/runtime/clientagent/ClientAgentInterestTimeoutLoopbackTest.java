package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.command;
import static org.openttserver.runtime.clientagent.ClientAgentCommandsLoopbackTest.sync;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.runtime.clientagent.Loopback.Peer;
import org.openttserver.testclient.md.MdDatagram;

/** The interest snapshot's silence timeout (400 ms here). */
class ClientAgentInterestTimeoutLoopbackTest extends InterestLoopbackFixture {
  static final long TIMEOUT_MS = 400;
  static Loopback shared;

  @BeforeAll
  static void startServer() {
    shared = new Loopback("      heartbeat_timeout: 0\n", (int) TIMEOUT_MS);
  }

  @AfterAll
  static void stopServer() {
    shared.close();
  }

  @Override
  Loopback loopback() {
    return shared;
  }

  @Test
  void snapshot_whenCountNotReached_thenCompletesAfterSilenceTimeout() {
    long ctx = addInterest(2, ZONE);
    count(ctx, 3);
    long sent = System.nanoTime();
    enterToon(ctx, 360, ZONE);
    expectGenerateToon(360);
    expectDone(2);
    assertThat(Duration.ofNanos(System.nanoTime() - sent))
        .isGreaterThanOrEqualTo(Duration.ofMillis(TIMEOUT_MS - 20));
  }

  @Test
  void snapshot_whenRepliesSlowerThanTimeoutInTotalButSteady_thenNotCutShort()
      throws InterruptedException {
    long ctx = addInterest(3, ZONE);
    int n = 8;
    count(ctx, n);
    for (int i = 0; i < n; i++) {
      Thread.sleep(TIMEOUT_MS / 4); // pacing: each gap well under the timeout, the sum over it
      enterToon(ctx, 370 + i, ZONE);
    }
    for (int i = 0; i < n; i++) {
      expectGenerateToon(370 + i);
    }
    expectDone(3);
  }
}
