package org.openttserver.testclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FramedSocketTest {
  private LoopbackServer server;
  private FramedSocket socket;

  @BeforeEach
  void open() {
    server = new LoopbackServer();
    socket = FramedSocket.connect(server.endpoint());
  }

  @AfterEach
  void close() {
    socket.close();
    server.close();
  }

  @Test
  void sendFrame_whenBody_thenLittleEndianLengthPrefixed() {
    socket.sendFrame(new byte[] {7, 8, 9});
    assertThat(server.read(5)).containsExactly(3, 0, 7, 8, 9);
  }

  @Test
  void sendFrame_whenBodyTooLong_thenRefused() {
    assertThatThrownBy(() -> socket.sendFrame(new byte[0x10000]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sendRaw_whenBytes_thenWrittenUnframed() {
    socket.sendRaw(new byte[] {0, 0, 1});
    assertThat(server.read(3)).containsExactly(0, 0, 1);
  }

  @Test
  void receiveFrame_whenSplitAcrossWritesAndTimeouts_thenReassembled() throws Exception {
    server.write(new byte[] {4, 1, 0xA});
    assertThat(socket.receiveFrame(Duration.ofMillis(50))).isEmpty();
    byte[] rest = new byte[259];
    rest[258] = 0x5B;
    server.write(rest);
    byte[] body = socket.receiveFrame(Duration.ofSeconds(2)).orElseThrow();
    assertThat(body).hasSize(260);
    assertThat(body[0]).isEqualTo((byte) 0xA);
    assertThat(body[259]).isEqualTo((byte) 0x5B);
  }

  @Test
  void receiveFrame_whenTwoFramesInOneWrite_thenBothReturnedInOrder() {
    server.write(new byte[] {1, 0, 42, 2, 0, 43, 44});
    assertThat(socket.receiveFrame(Duration.ofSeconds(2)).orElseThrow()).containsExactly(42);
    assertThat(socket.receiveFrame(Duration.ofSeconds(2)).orElseThrow()).containsExactly(43, 44);
  }

  @Test
  void receiveFrame_whenEmptyFrame_thenEmptyBody() {
    server.write(new byte[] {0, 0});
    assertThat(socket.receiveFrame(Duration.ofSeconds(2)).orElseThrow()).isEmpty();
  }

  @Test
  void receiveFrame_whenPeerClosed_thenLinkClosedException() throws Exception {
    server.peer().close();
    assertThatThrownBy(() -> socket.receiveFrame(Duration.ofSeconds(2)))
        .isInstanceOf(LinkClosedException.class);
  }

  @Test
  void isClosedByPeer_whenPeerStaysOpen_thenFalse() {
    server.peer();
    assertThat(socket.isClosedByPeer(Duration.ofMillis(100))).isFalse();
  }

  @Test
  void isClosedByPeer_whenPeerSendsThenCloses_thenTrue() throws Exception {
    server.write(new byte[] {1, 0, 5});
    server.peer().close();
    assertThat(socket.isClosedByPeer(Duration.ofSeconds(2))).isTrue();
  }
}
