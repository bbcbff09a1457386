package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.api.dc.DcTestFiles.parse2003;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

class DcCodecTest {
  private static final String FILE = "dclass T {\n"
      + "  ints(int8, int16, int32, int64, uint8, uint16, uint32, uint64) ram;\n"
      + "  real(float64, int16 / 10, uint32 / 1000, int8 / 100) ram;\n"
      + "  text(string, blob) ram;\n"
      + "  arrays(int8array, int16array, int32array, uint8array, uint16array, uint32array,"
      + " uint32uint8array) ram;\n"
      + "  scaled(int16array / 10, uint32uint8array / 100) ram;\n"
      + "};\n";

  private static DcField field(String name) throws Exception {
    return parse2003(FILE).dclass("T").field(name);
  }

  private static byte[] pack(DcField f, List<?> values) {
    DatagramWriter w = new DatagramWriter();
    f.pack(w, values);
    return w.toByteArray();
  }

  private static List<Object> unpackAll(DcField f, byte[] bytes) {
    DatagramReader r = new DatagramReader(bytes);
    List<Object> v = f.unpack(r);
    DcBlocks.requireEnd(r);
    return v;
  }

  private static void assertRoundTrip(DcField f, List<?> values, String hex) {
    byte[] bytes = pack(f, values);
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(hex);
    assertThat(unpackAll(f, bytes)).usingRecursiveComparison().isEqualTo(values);
    DatagramReader r = new DatagramReader(bytes);
    f.skip(r);
    assertThat(r.remaining()).isZero();
  }

  @Test
  void integers_roundTripAtTheirExtremes() throws Exception {
    assertRoundTrip(field("ints"),
        List.of(-128L, -32768L, -2147483648L, Long.MIN_VALUE, 255L, 65535L, 4294967295L, -1L),
        "80" + "0080" + "00000080" + "0000000000000080" + "ff" + "ffff" + "ffffffff" + "ffffffffffffffff");
  }

  @Test
  void divisors_scaleAndRound() throws Exception {
    assertRoundTrip(field("real"), List.of(1.5, -3.5, 4294967.295, 1.27),
        "000000000000f83f" + "ddff" + "ffffffff" + "7f");
  }

  @Test
  void stringAndBlob_haveU16Lengths() throws Exception {
    assertRoundTrip(field("text"), List.of("Toon", new byte[] {1, 2}), "0400546f6f6e" + "02000102");
  }

  @Test
  void arrays_haveU16ByteCounts() throws Exception {
    assertRoundTrip(field("arrays"),
        List.of(List.of(-1L), List.of(-2L, 3L), List.of(7L), List.of(200L), List.of(65535L),
            List.of(4294967295L), List.of(List.of(100000L, 7L), List.of(1L, 255L))),
        "0100ff" + "0400feff0300" + "040007000000" + "0100c8" + "0200ffff" + "0400ffffffff"
            + "0a00a08601000701000000ff");
  }

  @Test
  void arrayDivisors_applyToElements() throws Exception {
    assertRoundTrip(field("scaled"), List.of(List.of(-0.5, 1.2), List.of(List.of(1.0, 2.55))),
        "0400fbff0c00" + "050064000000ff");
  }

  @Test
  void pack_refusesValuesThatDoNotFit() throws Exception {
    DcField ints = field("ints");
    assertThatThrownBy(() -> pack(ints, List.of(128L, 0L, 0L, 0L, 0L, 0L, 0L, 0L)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int8");
    assertThatThrownBy(() -> pack(ints, List.of(0L))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pack(field("text"), List.of(5L, new byte[0])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncatedBytes_areTruncated() throws Exception {
    byte[] full = pack(field("arrays"), List.of(List.of(1L), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of()));
    for (int cut = 0; cut < full.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(full, cut);
      assertThatThrownBy(() -> unpackAll(field("arrays"), part))
          .isInstanceOfSatisfying(DcValueException.class,
              e -> assertThat(e.kind()).isEqualTo(DcValueException.Kind.TRUNCATED));
    }
  }

  @Test
  void trailingBytes_areTrailingBytes() throws Exception {
    byte[] bytes = HexFormat.of().parseHex("0000" + "000099");
    assertThatThrownBy(() -> unpackAll(field("text"), bytes))
        .isInstanceOfSatisfying(DcValueException.class,
            e -> assertThat(e.kind().bootCode()).isEqualTo(106));
  }

  @Test
  void arrayByteCountNotAMultipleOfTheElement_isAConstraint() throws Exception {
    DcField pairs = parse2003("dclass P { f(uint32uint8array, int32array); };").dclass("P").field("f");
    for (String hex : List.of("0400000000000000", "0000" + "0300000000")) {
      assertThatThrownBy(() -> unpackAll(pairs, HexFormat.of().parseHex(hex)))
          .isInstanceOfSatisfying(DcValueException.class,
              e -> assertThat(e.kind()).isEqualTo(DcValueException.Kind.CONSTRAINT));
    }
  }
}
