package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

/**
 * Astron-dialect DC files: every construct of the dialect (our own small fixtures), Astron's
 * legacy hash (vectors computed with Astron's own dclass library, formats.md §5.1), and Astron's
 * own test DC read from an Astron checkout ({@code ASTRON_SRC}, default {@code /work/astron-src})
 * when present.
 */
class AstronDialectTest {
  static DcFile astron(String text) throws DcParseException {
    return DcParser.parse(new DcSource("a.dc", text, DcDialect.ASTRON));
  }

  private static byte[] pack(DcField f, List<?> values) {
    DatagramWriter w = new DatagramWriter();
    f.pack(w, values);
    return w.toByteArray();
  }

  private static List<Object> unpack(DcField f, byte[] bytes) {
    DatagramReader r = new DatagramReader(bytes);
    List<Object> v = f.unpack(r);
    r.expectEnd();
    return v;
  }

  private static byte[] hex(String h) {
    return java.util.HexFormat.of().parseHex(h.replace(" ", ""));
  }

  private static DcValueException.Kind refusal(DcField f, byte[] bytes) {
    try {
      unpack(f, bytes);
    } catch (DcValueException e) {
      return e.kind();
    }
    return null;
  }

  // ----- Astron's legacy hash: vectors from Astron's own library -----

  @Test
  void astronHash_whenVectorsOfFormatsDoc_thenAstronsValues() throws Exception {
    assertThat(astron("").astronHash()).isEqualTo(2L);
    assertThat(astron("dclass A {\n};").astronHash()).isEqualTo(465L);
    assertThat(astron("// test vector 3\ndclass DistributedObject {\n};\n"
        + "dclass Foo : DistributedObject {\n  setX(int16 / 10) broadcast ram;\n"
        + "  setName(string) required broadcast ram db;\n  setPos : setX;\n};").astronHash())
        .isEqualTo(613540L);
    StringBuilder big = new StringBuilder("dclass Big {\n");
    for (int i = 0; i < 1000; i++) {
      big.append(String.format("  f%04d(uint32);%n", i));
    }
    assertThat(astron(big.append("};\n").toString()).astronHash()).as("prime index wraps")
        .isEqualTo(4063185160L);
  }

  private static DcFile rendered(DcFile f) throws Exception {
    StringBuilder out = new StringBuilder();
    AstronDialectWriter.write(f, out);
    return astron(out.toString());
  }

  @Test
  void astronHash_when2003Files_thenTheHashOfTheirAstronRendering() throws Exception {
    DcFile demo = DcTestFiles.demo();

    assertThat(demo.astronHash()).isEqualTo(rendered(demo).astronHash());
  }

  @Test
  void astronHash_whenReferenceToonDc_thenWhatAstrondReportsForItsRendering() throws Exception {
    DcFile ref = DcTestFiles.reference();

    // The patched astrond with the dc-astron rendering of this file reports server=0x14d1754c.
    assertThat(ref.astronHash()).isEqualTo(0x14D1754CL);
    assertThat(rendered(ref).astronHash()).isEqualTo(0x14D1754CL);
    assertThat(ref.hash2003()).as("the 2003 hash is unchanged").isEqualTo(3005460305L);
  }

  @Test
  void astronTestDc_whenPresent_thenLoadsWithAstronsPublishedHash() throws Exception {
    DcFile f = astronTestDc();

    assertThat(f.astronHash()).as("test/common/dcfile.py DC_HASH").isEqualTo(0x0B77BAF2L);
    assertThat(f.structs()).extracting(DcClass::name).containsExactly("Block");
    assertThat(f.dclass("DistributedChunk").number()).as("after struct Block").isEqualTo(9);
    assertThat(f.classByNumber(8)).as("struct Block is no class").isNull();
    DcField color = f.dclass("DistributedClientTestObject").field("setColor");
    assertThat(f.fieldByGlobalId(color.globalId())).isSameAs(color);
  }

  @Test
  void astronTestDc_whenPresent_thenEveryFieldRoundTripsItsDefaultAndSamples() throws Exception {
    DcFile f = astronTestDc();
    int checked = 0;
    for (DcClass c : f.classes()) {
      for (DcField field : c.ownFields()) {
        byte[] zero = defaults(field);
        assertThat(pack(field, unpack(field, zero))).as(field.toString()).isEqualTo(zero);
        List<Object> sample = sample(field);
        assertThat(unpack(field, pack(field, sample))).as(field.toString())
            .usingRecursiveComparison().isEqualTo(sample);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(f.fields().size() - 3); // Block's three fields are no class's
    DcField req = f.dclass("DistributedTestObject1").field("setRequired1");
    assertThat(req.parameters().get(0).defaultWireBytes()).isEqualTo(hex("4e000000")); // 78
  }

  private static byte[] defaults(DcField field) {
    DatagramWriter w = new DatagramWriter();
    field.parameters().forEach(p -> w.bytes(p.defaultWireBytes()));
    return w.toByteArray();
  }

  /** A value for every parameter that is not the default: within ranges and lengths. */
  private static List<Object> sample(DcField f) {
    List<Object> out = new ArrayList<>();
    for (DcParameter p : f.parameters()) {
      out.add(sample(p.valueType()));
    }
    return out;
  }

  private static Object sample(DcValueType t) {
    switch (t.kind()) {
      case NUMBER:
        if (t.base() == DcType.FLOAT32 || t.base() == DcType.FLOAT64) {
          return 1.5;
        }
        long v = t.hasRange() ? (long) t.max() : 7;
        return t.divisor() == 1 ? (Object) v : (Object) ((double) v / t.divisor());
      case STRUCT: {
        List<Object> out = new ArrayList<>();
        t.struct().ownFields().forEach(x -> out.add(sample(x.parameters().get(0).valueType())));
        return out;
      }
      default:
        int n = t.fixedLength() > 0 ? t.fixedLength() : t.hasRange() ? (int) t.max() : 2;
        if (t.isText()) {
          return "x".repeat(n);
        }
        if (t.isBytes()) {
          byte[] b = new byte[n];
          java.util.Arrays.fill(b, (byte) 0xAB);
          return b;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          out.add(sample(t.element()));
        }
        return out;
    }
  }

  static DcFile astronTestDc() throws Exception {
    Path p = Path.of(System.getenv().getOrDefault("ASTRON_SRC", "/work/astron-src"),
        "test", "files", "test.dc");
    assumeTrue(Files.isRegularFile(p), "no Astron test DC at " + p);
    return DcParser.parse(DcSource.read(p, DcDialect.ASTRON));
  }
}
