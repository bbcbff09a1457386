package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterClassTest {
  private static DcFile parse(String text) throws Exception {
    return DcParser.parse(new DcSource("cluster.dc", text, DcDialect.EXTENDED));
  }

  private static final String TEXT = """
      dclass A {
        setA(uint8 a) required;
        setName(string n) ram;
      };
      dclass B {
        setB(uint8 b) required broadcast;
      };
      dclass C : A, B {
        setName(string n) required;
        setC(uint8 c) ram;
      };
      """;

  @Test
  void cluster_whenSeveralParentsAndARedeclaredField_thenAllParentsFieldsAndTheRedeclaredOne()
      throws Exception {
    DcClass c = parse(TEXT).dclass("C");

    ClusterClass view = c.cluster();

    assertThat(view.fields()).extracting(DcField::name)
        .containsExactlyInAnyOrder("setA", "setB", "setName", "setC");
    assertThat(view.field("setName").owner()).isSameAs(c);
    assertThat(view.field("setB")).as("second parent's field, not in the 2003 table").isNotNull();
    assertThat(c.findField("setB")).isEmpty();
    assertThat(view.required()).extracting(DcField::name)
        .containsExactly("setA", "setB", "setName");
    assertThat(view.field(view.field("setC").globalId())).isSameAs(view.field("setC"));
    assertThat(view.has(view.field("setC"))).isTrue();
    assertThat(view.has(parse(TEXT).dclass("C").cluster().field("setC"))).isFalse();
  }

  @Test
  void cluster_whenAskedTwiceOrAfterAnotherParse_thenOnePerClass() throws Exception {
    DcClass c = parse(TEXT).dclass("C");

    assertThat(c.cluster()).isSameAs(c.cluster());
    assertThat(parse(TEXT).dclass("C").cluster()).isNotSameAs(c.cluster());
  }
}
