package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.protocol.ServerDown;

class ClientControlTest {
  private final FakeParticipant participant = new FakeParticipant();
  private final AstronBridge bridge = AstronBridge.create(participant, 4_000_000_000L,
      BridgeTestDc.DC, BridgeSettings.defaults());

  @Test
  void send_whenARecord_thenItsEncodingInSendDatagramToTheChannel() {
    bridge.clients().send(1_000_000_123L, new ServerDown(7));

    Datagram d = participant.last();
    assertThat(d.recipient(0)).isEqualTo(1_000_000_123L);
    assertThat(d.msgType()).isEqualTo(AstronMsg.CLIENTAGENT_SEND_DATAGRAM);
    assertThat(d.payload().readBlob()).isEqualTo(Protocol2003.encode(new ServerDown(7)));
  }
}
