package org.openttserver.testclient.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.testclient.LoopbackServer;

class MdConnectionTest {
  private LoopbackServer server;
  private MdConnection md;

  @BeforeEach
  void open() {
    server = new LoopbackServer();
    md = MdConnection.connect(server.endpoint());
  }

  @AfterEach
  void close() {
    md.close();
    server.close();
  }

  private void serverSends(MdDatagram d) {
    byte[] body = d.bytes();
    byte[] frame = new byte[body.length + 2];
    frame[0] = (byte) body.length;
    System.arraycopy(body, 0, frame, 2, body.length);
    server.write(frame);
  }

  @Test
  void subscribe_whenCalled_thenFramedAddChannelSent() {
    md.subscribe(0x2A);
    byte[] expected = MdControl.addChannel(0x2A).bytes();
    assertThat(server.read(2)).containsExactly(expected.length, 0);
    assertThat(server.read(expected.length)).containsExactly(expected);
  }

  @Test
  void expect_whenSameDatagramArrives_thenPasses() {
    MdDatagram d = MdDatagram.builder(1).to(5).build();
    serverSends(d);
    md.expect(d);
  }

  @Test
  void expect_whenDifferentDatagramArrives_thenAssertionNamesBoth() {
    serverSends(MdDatagram.builder(1).to(5).build());
    assertThatThrownBy(() -> md.expect(MdDatagram.builder(2).to(5).build()))
        .isInstanceOf(AssertionError.class).hasMessageContaining("but got");
  }

  @Test
  void expectMany_whenOrderDiffers_thenPasses() {
    MdDatagram a = MdDatagram.builder(1).to(5, 6).build();
    MdDatagram b = MdDatagram.builder(2).to(5).build();
    serverSends(b);
    serverSends(MdDatagram.builder(1).to(6, 5).build());
    md.expectMany(List.of(a, b));
  }

  @Test
  void expectMany_whenUnexpectedArrives_thenFails() {
    serverSends(MdDatagram.builder(3).to(5).build());
    assertThatThrownBy(() -> md.expectMany(List.of(MdDatagram.builder(1).to(5).build())))
        .isInstanceOf(AssertionError.class).hasMessageContaining("unexpected");
  }

  @Test
  void expectNone_whenSomethingArrives_thenFails() {
    serverSends(MdDatagram.builder(3).to(5).build());
    assertThatThrownBy(md::expectNone).isInstanceOf(AssertionError.class);
  }

  @Test
  void expectNone_whenSilent_thenPasses() {
    md.expectNone();
  }
}
