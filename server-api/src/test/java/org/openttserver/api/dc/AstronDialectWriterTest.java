package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramWriter;

/**
 * The converter fixture of formats.md §5.2. The expected text was checked once by hand against
 * Astron's own parser, outside the repository: it parses, with class ids 0-2, field ids 0-7 and
 * byte-identical packed defaults.
 */
class AstronDialectWriterTest {
  private static String resource(String name) throws Exception {
    try (InputStream in = AstronDialectWriterTest.class.getResourceAsStream("/dc/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static DcFile fixture() throws Exception {
    return DcParser.parse(new DcSource("converter-2003.dc", resource("converter-2003.dc"), DcDialect.DC_2003));
  }

  private static String emit(DcFile file) throws Exception {
    StringBuilder out = new StringBuilder();
    AstronDialectWriter.write(file, out);
    return out.toString();
  }

  @Test
  void fixture_rendersAsTheCheckedAstronText() throws Exception {
    String text = emit(fixture());
    assertThat(text.substring(text.indexOf("dclass DistributedObject")))
        .isEqualTo(resource("converter-astron.dc"));
  }

  @Test
  void header_declaresKeywordsAndArrayTypedefs_butNoStructs() throws Exception {
    String text = emit(fixture());
    assertThat(text).contains("keyword ownrecv;\n", "keyword airecv;\n", "typedef int16 int16array[];\n",
        "typedef uint32 uint32array[];\n", "typedef blob uint32uint8array;\n");
    assertThat(text).doesNotContain("struct", "p2p");
  }

  @Test
  void fieldIdTable_matchesTheHandComputedOne() throws Exception {
    DcFile f = fixture();
    DcClass leaf = f.dclass("Leaf");
    assertThat(leaf.number()).isEqualTo(2);
    int[] global = {0, 1, 2, 3, 4, 5, 6, 7};
    for (int n = 0; n < global.length; n++) {
      assertThat(f.toGlobalId(leaf, n)).isEqualTo(global[n]);
    }
    assertThat(f.toGlobalId(f.dclass("DistributedObject"), 0)).isEqualTo(-1);
  }

  @Test
  void sampleUpdate_hasTheSameValueBytesUnderBothNumberings() throws Exception {
    DcClass gate = fixture().dclass("Gate");
    DcField board = gate.field("requestBoard");
    DatagramWriter client = new DatagramWriter();
    DatagramWriter astron = new DatagramWriter();
    DcBlocks.writeUpdate(gate, DcNumbering.CLIENT_2003, client, board, List.of(7L, 1L, 2L));
    DcBlocks.writeUpdate(gate, DcNumbering.GLOBAL, astron, board, List.of(7L, 1L, 2L));
    assertThat(client.toByteArray()).containsExactly(1, 0, 7, 0, 0, 0, 1, 2);
    assertThat(astron.toByteArray()).containsExactly(client.toByteArray());
  }

  @Test
  void extendedFiles_keepTheirKeywordsAsWritten() throws Exception {
    DcFile f = DcParser.parse(new DcSource("x.dc", "dclass X { f(uint8) ownrecv; g(uint8) clsend airecv; }", DcDialect.EXTENDED));
    assertThat(emit(f)).contains("  f(uint8 arg0) ownrecv;\n", "  g(uint8 arg0) airecv clsend;\n");
  }
}
