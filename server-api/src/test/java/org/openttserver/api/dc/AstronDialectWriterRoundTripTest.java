package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dc-astron of Astron-dialect files: read back, the same ids, types and defaults. */
class AstronDialectWriterRoundTripTest {
  private static DcFile constructs() throws Exception {
    try (InputStream in = AstronDialectWriterRoundTripTest.class
        .getResourceAsStream("astron-constructs.dc")) {
      return DcParser.parse(new DcSource("astron-constructs.dc",
          new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), DcDialect.ASTRON));
    }
  }

  private static DcFile roundTrip(DcFile f) throws Exception {
    StringBuilder out = new StringBuilder();
    AstronDialectWriter.write(f, out);
    return DcParser.parse(new DcSource("written.dc", out.toString(), DcDialect.ASTRON));
  }

  private static void assertSame(DcFile a, DcFile b) {
    assertThat(b.classes()).extracting(DcClass::name, DcClass::number)
        .isEqualTo(a.classes().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.name(),
            c.number())).toList());
    assertThat(b.structs()).extracting(DcClass::name)
        .isEqualTo(a.structs().stream().map(DcClass::name).toList());
    assertThat(b.fields()).hasSameSizeAs(a.fields());
    for (int i = 0; i < a.fields().size(); i++) {
      DcField x = a.fields().get(i);
      DcField y = b.fields().get(i);
      assertThat(y.name()).isEqualTo(x.name());
      assertThat(y.keywordNames()).as(x.toString()).isEqualTo(x.keywordNames());
      List<DcParameter> px = x.parameters();
      List<DcParameter> py = y.parameters();
      assertThat(py).hasSameSizeAs(px);
      for (int j = 0; j < px.size(); j++) {
        assertThat(py.get(j).valueType()).as(x + " " + j).isEqualTo(px.get(j).valueType());
        assertThat(py.get(j).defaultWireBytes()).as(x + " " + j)
            .isEqualTo(px.get(j).defaultWireBytes());
      }
    }
  }

  @Test
  void write_whenAstronDialectFixture_thenReadsBackTheSame() throws Exception {
    DcFile f = constructs();
    assertSame(f, roundTrip(f));
  }

  @Test
  void write_whenAstronsTestDcPresent_thenReadsBackTheSameAndTheSameHash() throws Exception {
    DcFile f = AstronDialectTest.astronTestDc();
    DcFile back = roundTrip(f);
    assertSame(f, back);
    assertThat(back.astronHash()).as("test.dc has no typedefs, so even the hash stays")
        .isEqualTo(f.astronHash());
  }
}
