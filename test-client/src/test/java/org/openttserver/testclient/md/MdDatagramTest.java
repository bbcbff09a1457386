package org.openttserver.testclient.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramFormatException;

class MdDatagramTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void builder_whenRecipientsSenderAndPayload_thenWireLayout() {
    MdDatagram d = MdDatagram.builder(0x0539).to(0x0102, -1L).from(0x10E1)
        .payload(w -> w.u16(0xBEEF)).build();
    assertThat(d.bytes()).containsExactly(bytes(
        2,
        0x02, 0x01, 0, 0, 0, 0, 0, 0,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xE1, 0x10, 0, 0, 0, 0, 0, 0,
        0x39, 0x05,
        0xEF, 0xBE));
    assertThat(d.recipients()).containsExactly(0x0102L, -1L);
    assertThat(d.sender()).isEqualTo(0x10E1L);
    assertThat(d.msgType()).isEqualTo(0x0539);
    assertThat(d.payload().readU16()).isEqualTo(0xBEEF);
    assertThat(d.isControl()).isFalse();
  }

  @Test
  void builder_whenNoRecipient_thenRefused() {
    assertThatThrownBy(() -> MdDatagram.builder(1).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void addChannel_whenBuilt_thenControlLayoutWithoutSender() {
    MdDatagram d = MdControl.addChannel(0x2A);
    assertThat(d.bytes()).containsExactly(bytes(
        1, 1, 0, 0, 0, 0, 0, 0, 0,
        0x28, 0x23,
        0x2A, 0, 0, 0, 0, 0, 0, 0));
    assertThat(d.isControl()).isTrue();
    assertThat(d.msgType()).isEqualTo(9000);
    assertThatThrownBy(d::sender).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void addPostRemove_whenBuilt_thenKeyThenBlob() {
    MdDatagram d = MdControl.addPostRemove(7, new byte[] {9, 8});
    assertThat(d.bytes()).containsExactly(bytes(
        1, 1, 0, 0, 0, 0, 0, 0, 0,
        0x32, 0x23,
        7, 0, 0, 0, 0, 0, 0, 0,
        2, 0, 9, 8));
  }

  @Test
  void removeRange_whenBuilt_thenLoThenHi() {
    MdDatagram d = MdControl.removeRange(3, 4);
    assertThat(d.msgType()).isEqualTo(9003);
    assertThat(d.payload().readChannel()).isEqualTo(3);
  }

  @Test
  void setConName_whenBuilt_thenString() {
    assertThat(MdControl.setConName("ab").payload().readString()).isEqualTo("ab");
    assertThat(MdControl.setConUrl("u").msgType()).isEqualTo(9013);
    assertThat(MdControl.clearPostRemoves(5).msgType()).isEqualTo(9011);
  }

  @Test
  void equals_whenSameBytes_thenEqualAndSameHash() {
    MdDatagram a = MdDatagram.builder(5).to(1, 2).build();
    MdDatagram b = MdDatagram.of(a.bytes());
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void sameIgnoringRecipientOrder_whenRecipientsPermutedOrRepeated_thenTrue() {
    MdDatagram a = MdDatagram.builder(5).to(1, 2).from(3).build();
    MdDatagram b = MdDatagram.builder(5).to(2, 1, 2).from(3).build();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.sameIgnoringRecipientOrder(b)).isTrue();
  }

  @Test
  void sameIgnoringRecipientOrder_whenPayloadDiffers_thenFalse() {
    MdDatagram a = MdDatagram.builder(5).to(1).payload(w -> w.u8(1)).build();
    MdDatagram b = MdDatagram.builder(5).to(1).payload(w -> w.u8(2)).build();
    assertThat(a.sameIgnoringRecipientOrder(b)).isFalse();
  }

  @Test
  void toString_whenControl_thenNamesMessage() {
    assertThat(MdControl.addChannel(1).toString()).contains("CONTROL_ADD_CHANNEL(9000)")
        .doesNotContain("from=");
  }

  @Test
  void toString_whenUnsignedChannel_thenPrintedUnsigned() {
    assertThat(MdDatagram.builder(1).to(-1L).from(-2L).build().toString())
        .contains("18446744073709551615").contains("from=18446744073709551614");
  }

  @Test
  void accessors_whenTruncated_thenFormatExceptionAndHexToString() {
    MdDatagram d = MdDatagram.of(bytes(2, 1, 0));
    assertThatThrownBy(d::recipients).isInstanceOf(DatagramFormatException.class);
    assertThat(d.toString()).contains("malformed").contains("02 01 00");
  }
}
