package org.openttserver.api.datagram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatagramWriterGrowthTest {
  @Test
  void u8_atTheEndOfTheBuffer_growsIt() {
    DatagramWriter w = new DatagramWriter(8);
    for (int i = 0; i < 300; i++) {
      w.u8(i);
    }
    byte[] out = w.toByteArray();
    assertThat(out).hasSize(300);
    for (int i = 0; i < 300; i++) {
      assertThat(out[i]).isEqualTo((byte) i);
    }
  }
}
