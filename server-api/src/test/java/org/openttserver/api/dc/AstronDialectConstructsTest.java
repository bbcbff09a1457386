package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

/**
 * Every construct of Astron's DC dialect, on fixtures of our own. The legacy hashes were read
 * from the patched astrond (c1436f90) with each file as its only DC file: a libastron client
 * agent's eject for a HELLO with hash 0 says "server=0x…".
 */
class AstronDialectConstructsTest {
  private static DcFile constructs() throws Exception {
    try (InputStream in = AstronDialectConstructsTest.class
        .getResourceAsStream("astron-constructs.dc")) {
      return DcParser.parse(new DcSource("astron-constructs.dc",
          new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), DcDialect.ASTRON));
    }
  }

  private static DcFile astron(String text) throws DcParseException {
    return AstronDialectTest.astron(text);
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h.replace(" ", ""));
  }

  private static byte[] pack(DcField f, Object... values) {
    DatagramWriter w = new DatagramWriter();
    f.pack(w, List.of(values));
    return w.toByteArray();
  }

  private static List<Object> unpack(DcField f, byte[] bytes) {
    DatagramReader r = new DatagramReader(bytes);
    List<Object> v = f.unpack(r);
    assertThat(r.remaining()).as("bytes left").isZero();
    return v;
  }

  private static DcValueException.Kind refused(DcField f, String bytes) {
    try {
      unpack(f, hex(bytes));
      return null;
    } catch (DcValueException e) {
      return e.kind();
    }
  }

  @Test
  void astronHash_whenOurFixtures_thenWhatAstrondReports() throws Exception {
    assertThat(constructs().astronHash()).isEqualTo(0x00B69323L);
    assertThat(astron("typedef string Name;\ndclass A {\n  f(string s) ram;\n  g(Name n);\n};\n")
        .astronHash()).as("typedef renames every plain string").isEqualTo(0x25B3L);
    assertThat(astron("dclass A {\n  f(uint8(0-100) a, int16/10(-5-5) b, uint16%360 c, "
        + "float64/100(0.25 - 1.5) d, char e, float32 g) ram;\n  int32%7/3(1-2) h;\n};\n")
        .astronHash()).as("numbers").isEqualTo(0x129C0L);
    assertThat(astron("struct S {\n  uint8 a;\n  string b;\n};\ndclass A {\n  f(S s[], S t[2-3], "
        + "uint32 u[4], blob(2-4) v, string(5) w) broadcast;\n  g(uint8 x[], char y[3], blob z) "
        + "db;\n};\n").astronHash()).as("arrays and structs").isEqualTo(0x16A90L);
  }

  @Test
  void numbering_whenStructFirst_thenStructsAndClassesShareTypeIdsAndFieldIds() throws Exception {
    DcFile f = constructs();

    assertThat(f.structs()).extracting(DcClass::name, DcClass::number)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Point", 0));
    assertThat(f.classes()).extracting(DcClass::name, DcClass::number)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Base", 1),
            org.assertj.core.groups.Tuple.tuple("Thing", 2));
    assertThat(f.classByNumber(0)).isNull();
    assertThat(f.dclass("Base").field("setName").globalId()).as("after Point's 3 fields")
        .isEqualTo(3);
    assertThat(f.dclass("Thing").cluster().field("setName")).isNotNull();
    assertThat(f.fields()).hasSize(3 + 5 + 9);
  }

  @Test
  void types_whenDeclared_thenStructureAsWritten() throws Exception {
    DcClass base = constructs().dclass("Base");
    DcClass thing = constructs().dclass("Thing");

    DcValueType level = base.field("setLevel").parameters().get(0).valueType();
    assertThat(level.base()).isEqualTo(DcType.UINT8);
    assertThat(level.hasRange()).isTrue();
    assertThat(level.min()).isEqualTo(1.0);
    assertThat(level.max()).isEqualTo(100.0);
    DcValueType angle = base.field("setAngle").parameters().get(0).valueType();
    assertThat(angle.modulus()).isEqualTo(360.0);
    assertThat(base.field("setSpeed").parameters()).extracting(DcParameter::type)
        .containsExactly(DcType.FLOAT32, DcType.FLOAT64);
    assertThat(base.field("setSpeed").parameters().get(1).divisor()).isEqualTo(100);
    assertThat(base.field("setInitial").parameters().get(0).type()).isEqualTo(DcType.CHAR);
    List<DcParameter> path = thing.field("setPath").parameters();
    assertThat(path).extracting(p -> p.valueType().toString())
        .containsExactly("Point[]", "Point[2]", "uint16[2-5]", "uint8[2]");
    assertThat(path.get(3).valueType().alias()).isEqualTo("Pair");
    assertThat(path.get(0).type()).isEqualTo(DcType.ARRAY);
    assertThat(thing.field("owner").isParameterField()).isTrue();
    assertThat(thing.field("owner").parameters().get(0).valueType().alias()).isEqualTo("doId");
    assertThat(thing.field("spot").parameters().get(0).type()).isEqualTo(DcType.STRUCT);
    assertThat(thing.field("setCodes").parameters()).extracting(p -> p.valueType().toString())
        .containsExactly("char[4]", "blob(4)", "blob"); // Code renames its string(4)
  }

  @Test
  void keywords_whenAstronNamesAndDeclared_thenFlagsAndNames() throws Exception {
    DcClass thing = constructs().dclass("Thing");

    assertThat(thing.field("spot").keywordNames()).containsExactly("ram", "airecv");
    assertThat(thing.field("spot").has(DcKeyword.AIRECV)).isTrue();
    assertThat(thing.field("setCodes").has(DcKeyword.P2P)).as("ownrecv").isTrue();
    assertThat(thing.field("setLook").keywordNames()).containsExactly("broadcast", "ram");
    DcFile custom = astron("keyword hidden p2p;\ndclass A {\n  f(uint8) hidden p2p broadcast;\n};");
    DcField f = custom.dclass("A").field("f");
    assertThat(f.keywordNames()).containsExactly("hidden", "p2p", "broadcast");
    assertThat(f.flags()).as("declared keywords have no flag bit").isEqualTo(0x2);
    assertThat(custom.astronHash()).as("hashed by names, not crashing as astrond does")
        .isNotZero();
  }

  @Test
  void values_whenPackedAndUnpacked_thenAstronWireForm() throws Exception {
    DcClass thing = constructs().dclass("Thing");
    DcField setPath = thing.field("setPath");
    List<Object> p1 = List.of(1.5, -0.2, 3L);
    List<Object> p2 = List.of(0.0, 0.1, 255L);
    byte[] pair = {9, 8};
    byte[] bytes = pack(setPath, List.of(p1), List.of(p1, p2), List.of(1L, 2L), pair);

    assertThat(bytes).isEqualTo(hex("0500 0f00 feff 03" + "0f00feff03 00000100ff"
        + "0400 0100 0200" + "0908"));
    assertThat(unpack(setPath, bytes)).usingRecursiveComparison()
        .isEqualTo(List.of(List.of(p1), List.of(p1, p2), List.of(1L, 2L), pair));
    DcField codes = thing.field("setCodes");
    byte[] c = pack(codes, "ABCD", new byte[] {1, 2, 3, 4}, new byte[] {9});
    assertThat(c).as("fixed string and blob: no length").isEqualTo(hex("41424344 01020304 010009"));
    DcField speed = constructs().dclass("Base").field("setSpeed");
    assertThat(unpack(speed, pack(speed, 0.5, 2.25))).isEqualTo(List.of(0.5, 2.25));
    assertThat(pack(speed, 0.5, 2.25)).hasSize(12);
    assertThat(pack(thing.field("letters"), "abc")).isEqualTo(hex("616263"));
  }

  @Test
  void defaults_whenWritten_thenWireForm() throws Exception {
    DcFile f = constructs();

    assertThat(f.dclass("Base").field("setName").parameters().get(0).defaultWireBytes())
        .isEqualTo(hex("0400 746f6f6e"));
    assertThat(f.dclass("Base").field("setInitial").parameters().get(0).defaultWireBytes())
        .isEqualTo(hex("61"));
    assertThat(f.dclass("Thing").field("setMarks").parameters().get(0).defaultWireBytes())
        .as("[1, -2, 3 * 2]").isEqualTo(hex("0400 01fe0303"));
    assertThat(f.dclass("Thing").field("setCodes").parameters().get(1).defaultWireBytes())
        .isEqualTo(hex("01020304"));
    assertThat(f.dclass("Thing").field("count").parameters().get(0).defaultWireBytes())
        .isEqualTo(hex("05000000"));
    assertThat(f.dclass("Thing").field("setPath").parameters().get(2).defaultWireBytes())
        .as("implicit: the shortest array").isEqualTo(hex("0400 0000 0000"));
  }

  @Test
  void constraints_whenReceivedBytesBreakThem_thenRefusedAsConstraint() throws Exception {
    DcClass base = constructs().dclass("Base");
    DcClass thing = constructs().dclass("Thing");

    assertThat(refused(base.field("setLevel"), "00")).isEqualTo(DcValueException.Kind.CONSTRAINT);
    assertThat(refused(base.field("setLevel"), "65")).isEqualTo(DcValueException.Kind.CONSTRAINT);
    assertThat(refused(base.field("setLevel"), "64")).isNull();
    assertThat(refused(base.field("setName"), "0000")).as("length 0 < 1")
        .isEqualTo(DcValueException.Kind.CONSTRAINT);
    assertThat(refused(base.field("setName"), "0900 414141414141414141"))
        .isEqualTo(DcValueException.Kind.CONSTRAINT);
    assertThat(refused(base.field("setName"), "0100 e9")).as("text above 0x7f")
        .isEqualTo(DcValueException.Kind.CONSTRAINT);
    assertThat(refused(base.field("setAngle"), "7201")).as("370: modulus not checked, as Astron")
        .isNull();
    assertThat(refused(thing.field("setMarks"), "0100 06")).as("6 > 5")
        .isEqualTo(DcValueException.Kind.CONSTRAINT);
    assertThat(refused(thing.field("setMarks"), "0100 fb")).as("-5").isNull();
    assertThat(refused(thing.field("setPath"), "0000 0000000000 0000000000 0200 0100 0000"))
        .as("one count, fewer than 2").isEqualTo(DcValueException.Kind.CONSTRAINT);
    assertThat(refused(thing.field("setPath"), "0300 000000")).as("a Point runs past its array")
        .isEqualTo(DcValueException.Kind.CONSTRAINT);
    assertThat(refused(thing.field("setPath"), "0000 00000000")).as("fixed Point[2] cut short")
        .isEqualTo(DcValueException.Kind.TRUNCATED);
  }

  @Test
  void pack_whenValueBreaksAConstraint_thenRefusedAndModulusWraps() throws Exception {
    DcClass base = constructs().dclass("Base");
    DcClass thing = constructs().dclass("Thing");

    assertThatThrownBy(() -> pack(base.field("setLevel"), 0L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pack(base.field("setName"), "toolongname"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pack(thing.field("setCodes"), "ABC", new byte[4], new byte[0]))
        .as("string(4)").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pack(thing.field("setPath"), List.of(), List.of(), List.of(1L),
        List.of(1L, 2L))).as("uint16[2-5]").isInstanceOf(IllegalArgumentException.class);
    assertThat(pack(base.field("setAngle"), 370L)).isEqualTo(hex("0a00"));
    assertThat(pack(base.field("setAngle"), -10L)).isEqualTo(hex("5e01"));
  }

  static List<Arguments> notAstron() {
    return List.of(
        Arguments.of("dclass A { f(uint8) broadcast };", "expected ';'"),
        Arguments.of("dclass A { f(uint8) secret; };", "Keyword 'secret' has not been declared"),
        Arguments.of("dclass A { f(Missing m); };", "Type 'Missing' has not been declared"),
        Arguments.of("struct S { uint8 a; }; dclass A : S { };", "inherit from struct"),
        Arguments.of("dclass A { f(uint8() a); };", "Invalid range"),
        Arguments.of("dclass A { f(uint8 a, uint16 a); };", "a parameter with that name"),
        Arguments.of("dclass A { A(uint8 a); };", "constructor field"),
        Arguments.of("dclass B { }; dclass A { f(B b); };", "a dclass as a parameter type"),
        Arguments.of("dclass A { f(uint8) ram; g(uint8) db; h : f, g; };", "Mismatched keywords"),
        Arguments.of("dclass A { f(uint8[2] a); };", "expected ')'"),
        Arguments.of("dclass A { f(uint8 a = 1.5); };", "floating-point value for integer"),
        Arguments.of("dclass A { f(string(2) a = \"abc\"); };", "incorrect length"),
        Arguments.of("dclass A { f(uint8%0 a); };", "Invalid modulus"),
        Arguments.of("dclass A { f(uint8(0-1.5) a); };", "expected ')'"),
        Arguments.of("typedef uint8 T; typedef uint16 T;", "already declared"));
  }

  @ParameterizedTest
  @MethodSource("notAstron")
  void parse_whenNotAstronsDialect_thenOneLineErrorSayingWhy(String text, String why) {
    assertThatThrownBy(() -> astron(text)).isInstanceOf(DcParseException.class)
        .hasMessageContaining(why).hasMessageStartingWith("a.dc:");
  }

  @Test
  void dialects_whenAstronWords_then2003ParserStillRefusesThem() {
    for (String text : List.of("dclass A {\n  f(char);\n};", "typedef uint32 doId;",
        "keyword broadcast;", "dclass A {\n  f(uint8) airecv;\n};")) {
      assertThatThrownBy(() -> DcParser.parse(new DcSource("t.dc", text, DcDialect.DC_2003)))
          .isInstanceOf(DcParseException.class);
    }
  }
}
