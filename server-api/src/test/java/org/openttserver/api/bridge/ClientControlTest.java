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

  @Test
  void sendFields_whenTwoFields_thenOneSetFieldEachToTheChannel_notToTheObject() {
    bridge.clients().sendFields(1_000_000_124L, 4242,
        FieldValues.builder(BridgeTestDc.THING).set("setText", "hi").set("setPlain", 3L).build());

    assertThat(participant.sent).hasSize(2);
    for (Datagram d : participant.sent) {
      assertThat(d.recipient(0)).isEqualTo(1_000_000_124L);
      assertThat(d.msgType()).isEqualTo(AstronMsg.STATESERVER_OBJECT_SET_FIELD);
    }
    var first = participant.sent.get(0).payload();
    assertThat(first.readU32()).isEqualTo(4242);
    assertThat(first.readU16())
        .isEqualTo(BridgeTestDc.THING.field("setText").globalId());
    assertThat(first.readString()).isEqualTo("hi");
    assertThat(first.remaining()).isZero();
    var second = participant.sent.get(1).payload();
    assertThat(second.readU32()).isEqualTo(4242);
    assertThat(second.readU16())
        .isEqualTo(BridgeTestDc.THING.field("setPlain").globalId());
    assertThat(second.readU8()).isEqualTo(3);
  }

  @Test
  void sendFields_whenNoField_thenRefusedAtTheCall() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bridge.clients()
        .sendFields(1, 4242, FieldValues.empty(BridgeTestDc.THING)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
