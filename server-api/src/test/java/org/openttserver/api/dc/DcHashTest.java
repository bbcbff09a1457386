package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.api.dc.DcTestFiles.parse2003;

import java.util.List;
import org.junit.jupiter.api.Test;

class DcHashTest {
  static final String V3 = "// test vector 3\ndclass DistributedObject {\n};\n"
      + "dclass Foo : DistributedObject {\n  setX(int16 / 10) broadcast ram;\n"
      + "  setName(string) required broadcast ram db;\n  setPos : setX;\n};";

  static final String V5 = "dclass Base { setA(uint32 a) required broadcast ram; "
      + "setB(uint8 b) required broadcast ram; setAB : setA, setB; };\n"
      + "dclass Mid : Base { setC(int32 / 1000 c) ram db; };\n"
      + "dclass Other { ping() clsend p2p; };\n"
      + "dclass Leaf : Mid, Other { setD(blob d) ram db; setCD : setC, setD; };\n";

  @Test
  void v1_emptyFile_hashesToZero() throws Exception {
    assertThat(parse2003("").hash2003()).isZero();
  }

  @Test
  void v2_oneEmptyClass_hashesTo330() throws Exception {
    assertThat(parse2003("dclass A {\n};").hash2003()).isEqualTo(330L);
  }

  @Test
  void v3_smallFile() throws Exception {
    assertThat(parse2003(V3).hash2003()).isEqualTo(569147L);
  }

  @Test
  void v3b_commentsNamesDefaultsAndMissingSemicolon_doNotChangeTheHash() throws Exception {
    String v3b = "/* block comment */\n// test vector 3\ndclass DistributedObject {\n};\n"
        + "dclass Foo : DistributedObject { // the class\n"
        + "  setX(int16 / 10 xPos = 3.5) broadcast ram;\n"
        + "  setName(string n = \"Toon\") required broadcast ram db;\n  setPos : setX\n};";
    assertThat(parse2003(v3b).hash2003()).isEqualTo(569147L);
  }

  @Test
  void v3c_flagOrder_doesNotChangeTheHash() throws Exception {
    String v3c = V3.replace("broadcast ram;", "ram broadcast;")
        .replace("required broadcast ram db", "db ram broadcast required");
    assertThat(v3c).isNotEqualTo(V3);
    assertThat(parse2003(v3c).hash2003()).isEqualTo(569147L);
  }

  @Test
  void v4_everyTypeAndFlag() throws Exception {
    String v4 = "dclass T {\n"
        + "  a(int8, int16, int32, int64, uint8, uint16, uint32, uint64, float64) required;\n"
        + "  b(string, blob, int16array, int32array, uint16array, uint32array, int8array,"
        + " uint8array, uint32uint8array) broadcast;\n"
        + "  c() p2p; d() ram; e() db; f() clsend; g() clrecv; h() ownsend;\n"
        + "  i(uint8 x = 5, int16 / 100 y = 1.5, uint16array z = {1, 2 * 3}, string s = \"hi\")"
        + " required broadcast p2p ram db clsend clrecv ownsend;\n};\n";
    assertThat(parse2003(v4).hash2003()).isEqualTo(514269L);
  }

  @Test
  void v5_inheritanceAndMolecules() throws Exception {
    assertThat(parse2003(V5).hash2003()).isEqualTo(2977772L);
  }

  @Test
  void v6_primeIndexWraps() throws Exception {
    StringBuilder sb = new StringBuilder("dclass Big {\n");
    for (int i = 0; i < 1000; i++) {
      sb.append(String.format("  f%04d(uint32);%n", i));
    }
    assertThat(parse2003(sb.append("};\n").toString()).hash2003()).isEqualTo(3113585294L);
  }

  @Test
  void v7_strayAndMissingSemicolonsAndRepeatedFlag() throws Exception {
    String v7 = ";\ndclass A {\n  ;\n  f(uint8)\n  g(uint8) broadcast broadcast\n};\n;\ndclass B : A {\n}";
    assertThat(parse2003(v7).hash2003()).isEqualTo(11457L);
  }

  @Test
  void hash_coversOnlyTheFirstFile_unlessAskedForMore() throws Exception {
    DcFile file = DcParser.parse(List.of(
        new DcSource("a.dc", "dclass A {\n};", DcDialect.DC_2003),
        new DcSource("b.dc", "dclass B : A { x(uint8) airecv; };", DcDialect.EXTENDED)));
    assertThat(file.hash2003()).isEqualTo(330L);
    assertThat(file.hash2003(2)).isNotEqualTo(330L);
    assertThat(file.hash2003(0)).isZero();
  }
}
