package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.api.dc.DcTestFiles.parse2003;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DcParserTest {
  private static List<String> table(DcFile f, String cls) {
    return f.dclass(cls).fieldTable().stream().map(DcField::name).toList();
  }

  @Test
  void v5_numbersFollowTheFirstParentOnly() throws Exception {
    DcFile f = parse2003(DcHashTest.V5);
    assertThat(f.classes()).extracting(DcClass::number).containsExactly(0, 1, 2, 3);
    assertThat(table(f, "Base")).containsExactly("setA", "setB", "setAB");
    assertThat(table(f, "Mid")).containsExactly("setA", "setB", "setAB", "setC");
    assertThat(table(f, "Other")).containsExactly("ping");
    assertThat(table(f, "Leaf")).containsExactly("setA", "setB", "setAB", "setC", "setD", "setCD");
    assertThat(f.dclass("Leaf").findField("ping")).isEmpty();
  }

  @Test
  void v5_globalIdsRunInDeclarationOrder_andMapBothWays() throws Exception {
    DcFile f = parse2003(DcHashTest.V5);
    assertThat(f.fields()).extracting(DcField::name)
        .containsExactly("setA", "setB", "setAB", "setC", "ping", "setD", "setCD");
    DcClass leaf = f.dclass("Leaf");
    int[] expected = {0, 1, 2, 3, 5, 6};
    for (int n = 0; n < expected.length; n++) {
      assertThat(f.toGlobalId(leaf, n)).isEqualTo(expected[n]);
      assertThat(f.to2003Number(leaf, expected[n])).isEqualTo(n);
    }
    assertThat(f.to2003Number(leaf, 4)).isEqualTo(-1);
    assertThat(f.toGlobalId(leaf, 6)).isEqualTo(-1);
  }

  @Test
  void molecular_hasItsComponentsParametersAndFlags() throws Exception {
    DcField ab = parse2003(DcHashTest.V5).dclass("Base").field("setAB");
    assertThat(ab.isMolecular()).isTrue();
    assertThat(ab.parameters()).extracting(DcParameter::type).containsExactly(DcType.UINT32, DcType.UINT8);
    assertThat(ab.keywords()).containsExactlyInAnyOrder(DcKeyword.REQUIRED, DcKeyword.BROADCAST, DcKeyword.RAM);
  }

  @Test
  void requiredLists_skipMoleculesAndFollowTheTable() throws Exception {
    DcClass leaf = parse2003(DcHashTest.V5).dclass("Leaf");
    assertThat(leaf.requiredFields()).extracting(DcField::name).containsExactly("setA", "setB");
    assertThat(leaf.requiredBroadcastFields()).extracting(DcField::name).containsExactly("setA", "setB");
  }

  @Test
  void parameters_keepDivisorNameAndDefault() throws Exception {
    DcFile f = parse2003("dclass A { f(int16 x/10 = 3.5, uint16array / 100 a = {1, 2 * 2}); }");
    List<DcParameter> ps = f.dclass("A").field("f").parameters();
    assertThat(ps.get(0).divisor()).isEqualTo(10);
    assertThat(ps.get(0).name()).isEqualTo("x");
    assertThat(ps.get(0).defaultBytes()).containsExactly(35, 0);
    assertThat(ps.get(0).defaultValue()).isEqualTo(3.5);
    assertThat(ps.get(1).defaultValue()).isEqualTo(List.of(1.0, 2.0, 2.0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "mismatched molecule flags|dclass Base { setA(uint32 a) required broadcast ram; setB(uint8 b) broadcast; setAB : setA, setB; };|1:93: Mismatched flags",
      "airecv|dclass A { f(uint8) airecv };|1:28: expected '(' or ':'",
      "typedef|typedef uint32 doId;|1:1: expected 'dclass'",
      "char|dclass A { f(char); };|1:14: expected a type",
      "keyword|keyword broadcast;|1:1: expected 'dclass'",
      "duplicate field|dclass A { f(uint8); f(int8); };|1:22: duplicate field name 'f'",
      "array suffix|dclass A { f(uint8[]); };|1:19: expected ',' or ')'",
      "float32|dclass A { f(float32); };|1:14: expected a type",
      "from import|from game import A/AI\\ndclass A {};|1:1: expected 'dclass'",
      "parent before declaration|dclass B : A {};\\ndclass A {};|1:12: unknown class 'A'",
      "duplicate class|dclass A {};\\ndclass A {};|2:8: duplicate class name 'A'",
      "mol word|dclass A { mol1(uint8); };|1:12: expected a field name",
      "reserved name|dclass A { f(uint8 db); };|1:20: expected ',' or ')'",
      "molecule of molecule|dclass A { f(uint8); g : f; h : g; };|1:33: not an atomic field 'g'",
      "unterminated|dclass A { f(uint8);|1:21: expected a field name or '}'",
  })
  void strict2003_rejects(String label, String text, String message) {
    assertThatThrownBy(() -> parse2003(text.replace("\\n", "\n")))
        .isInstanceOf(DcParseException.class)
        .hasMessageStartingWith("test.dc:" + message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void extended_acceptsAirecvAndOwnrecv() throws Exception {
    DcFile f = DcParser.parse(new DcSource("x.dc", "dclass A { f(uint8) airecv ownrecv clsend; }", DcDialect.EXTENDED));
    assertThat(f.dclass("A").field("f").keywords())
        .containsExactlyInAnyOrder(DcKeyword.AIRECV, DcKeyword.P2P, DcKeyword.CLSEND);
  }

  @Test
  void laterFiles_continueNumbering_andMayInheritFromEarlierFiles() throws Exception {
    DcFile f = DcParser.parse(List.of(
        new DcSource("a.dc", DcHashTest.V5, DcDialect.DC_2003),
        new DcSource("b.dc", "dclass Ext : Base { setE(string) required broadcast db; }", DcDialect.EXTENDED)));
    DcClass ext = f.dclass("Ext");
    assertThat(ext.number()).isEqualTo(4);
    assertThat(ext.sourceIndex()).isEqualTo(1);
    assertThat(ext.field("setE").globalId()).isEqualTo(7);
    assertThat(ext.field("setE").number2003()).isEqualTo(3);
    assertThat(f.sourceNames()).containsExactly("a.dc", "b.dc");
  }
}
