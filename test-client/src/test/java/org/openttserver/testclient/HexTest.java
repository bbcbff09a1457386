package org.openttserver.testclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexTest {
  @Test
  void of_whenBytes_thenLowercasePairs() {
    assertThat(Hex.of(new byte[] {1, (byte) 0xFF, 0x10})).isEqualTo("01 ff 10");
  }

  @Test
  void of_whenLong_thenCutWithTotal() {
    assertThat(Hex.of(new byte[300])).endsWith("… (300 bytes)");
  }
}
