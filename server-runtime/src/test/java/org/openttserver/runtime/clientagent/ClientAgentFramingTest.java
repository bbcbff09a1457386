package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;

/** u16 LE framing of 2003 client messages, on an EmbeddedChannel. */
class ClientAgentFramingTest {
  private EmbeddedAgent a;

  private EmbeddedAgent start(ClientAgentConfig.Client client) {
    a = new EmbeddedAgent(client);
    a.cluster.next(AstronMsg.CLIENTAGENT_EXTENSION_CONNECTED);
    return a;
  }

  @AfterEach
  void close() {
    if (a != null) {
      a.close();
    }
  }

  private static byte[] msg(int type, int... payload) {
    DatagramWriter w = new DatagramWriter().u16(type);
    for (int b : payload) {
      w.u8(b);
    }
    return w.toByteArray();
  }

  private static byte[] forwarded(Datagram d) {
    assertThat(d.msgType()).isEqualTo(AstronMsg.CLIENTAGENT_EXTENSION_MESSAGE);
    DatagramReader r = d.payload();
    assertThat(r.readChannel()).isEqualTo(EmbeddedAgent.FIRST_CHANNEL);
    return r.readRemaining();
  }

  @Test
  void frame_whenSplitIntoSingleBytes_thenForwardedOnceWhole() {
    start(EmbeddedAgent.client());
    byte[] body = msg(ClientMsg.GET_SHARD_LIST, 1, 2, 3);
    for (byte b : EmbeddedAgent.frame(body)) {
      assertThat(a.cluster.got).isEmpty();
      a.clientBytes(new byte[] {b});
    }
    assertThat(forwarded(a.cluster.next())).isEqualTo(body);
    assertThat(a.cluster.got).isEmpty();
  }

  @Test
  void frames_whenSeveralInOneRead_thenForwardedInOrder() {
    start(EmbeddedAgent.client());
    byte[] one = msg(ClientMsg.GET_AVATARS);
    byte[] two = msg(ClientMsg.SET_ZONE, 0xD0, 0x07);
    byte[] three = msg(ClientMsg.GET_FRIEND_LIST);
    DatagramWriter all = new DatagramWriter().bytes(EmbeddedAgent.frame(one))
        .bytes(EmbeddedAgent.frame(two)).bytes(EmbeddedAgent.frame(three));
    a.clientBytes(all.toByteArray());
    assertThat(forwarded(a.cluster.next())).isEqualTo(one);
    assertThat(forwarded(a.cluster.next())).isEqualTo(two);
    assertThat(forwarded(a.cluster.next())).isEqualTo(three);
  }

  @Test
  void frame_whenLargerThanMaximum_thenGoGetLost106AndClosed() {
    start(EmbeddedAgent.client(16, List.of()));
    a.clientBytes(new byte[] {17, 0, 8, 0});
    Queue<byte[]> out = a.toClient();
    assertThat(out).hasSize(1);
    DatagramReader boot = new DatagramReader(out.poll());
    assertThat(boot.readU16()).isEqualTo(ClientMsg.GO_GET_LOST);
    assertThat(boot.readU16()).isEqualTo(BootCode.OVERSIZED_DATAGRAM);
    assertThat(a.ch.isOpen()).isFalse();
    assertDisconnected(BootCode.OVERSIZED_DATAGRAM);
  }

  @Test
  void frame_whenExactlyMaximum_thenForwarded() {
    start(EmbeddedAgent.client(16, List.of()));
    byte[] body = msg(ClientMsg.SET_SECURITY, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    a.clientSends(body);
    assertThat(forwarded(a.cluster.next())).isEqualTo(body);
    assertThat(a.ch.isOpen()).isTrue();
  }

  @Test
  void message_whenEmpty_thenGoGetLost109() {
    start(EmbeddedAgent.client());
    a.clientBytes(new byte[] {0, 0});
    assertBooted(BootCode.TRUNCATED_DATAGRAM);
  }

  @Test
  void message_whenOneByte_thenGoGetLost109() {
    start(EmbeddedAgent.client());
    a.clientSends(new byte[] {8});
    assertBooted(BootCode.TRUNCATED_DATAGRAM);
  }

  @Test
  void heartbeat_whenReceived_thenNotForwarded() {
    start(EmbeddedAgent.client());
    a.clientSends(msg(ClientMsg.HEARTBEAT));
    assertThat(a.cluster.got).isEmpty();
    assertThat(a.toClient()).isEmpty();
  }

  private void assertBooted(int code) {
    Queue<byte[]> out = a.toClient();
    assertThat(out).hasSize(1);
    DatagramReader boot = new DatagramReader(out.poll());
    assertThat(boot.readU16()).isEqualTo(ClientMsg.GO_GET_LOST);
    assertThat(boot.readU16()).isEqualTo(code);
    assertThat(a.ch.isOpen()).isFalse();
    assertDisconnected(code);
    assertThat(a.cluster.got).isEmpty();
  }

  private void assertDisconnected(int code) {
    DatagramReader r = a.cluster.next(AstronMsg.CLIENTAGENT_EXTENSION_DISCONNECTED).payload();
    assertThat(r.readChannel()).isEqualTo(EmbeddedAgent.FIRST_CHANNEL);
    assertThat(r.readChannel()).isEqualTo(EmbeddedAgent.FIRST_CHANNEL);
    assertThat(r.readU16()).isEqualTo(code);
  }
}
