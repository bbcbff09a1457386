package org.openttserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.runtime.testing.TestServers;
import picocli.CommandLine;

/** The {@code dc-hash} and {@code dc-astron} sub-commands. */
class DcCommandsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private static String path(String repoRelative) {
    return TestServers.REPO.resolve(repoRelative).toString();
  }

  @Test
  void dcHash_whenReferenceToonDcPresent_thenPrints3005460305() {
    Path ref = TestServers.REPO.resolve("../shared/reference/toon.dc").normalize();
    assumeTrue(Files.isRegularFile(ref), "reference toon.dc not present");
    assertThat(run("dc-hash", ref.toString(), path("config/dc/openttserver.dc"))).isZero();
    assertThat(out.toString().trim()).isEqualTo("3005460305");
  }

  @Test
  void dcHash_whenOwnFixture_thenPrintsItsHash() throws Exception {
    assertThat(run("dc-hash", path("config/dc/demo-toon.dc"))).isZero();
    long expected = DcParser.parse(DcSource.read(Path.of(path("config/dc/demo-toon.dc")),
        DcDialect.DC_2003)).hash2003();
    assertThat(out.toString().trim()).isEqualTo(Long.toString(expected));
  }

  @Test
  void dcHash_whenFileMissing_thenOneLineAndExit1() {
    assertThat(run("dc-hash", "/no/such/toon.dc")).isEqualTo(1);
    assertThat(err.toString().trim()).isEqualTo("dc-hash: /no/such/toon.dc: no such file");
  }

  @Test
  void dcHash_whenSyntaxError_thenFileLineColumn(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.dc");
    Files.writeString(bad, "dclass A {\n  f(bogus);\n};\n");
    assertThat(run("dc-hash", bad.toString())).isEqualTo(1);
    assertThat(err.toString().trim()).startsWith("dc-hash: " + bad + ":2:").doesNotContain("\n");
  }

  @Test
  void dcHash_whenAstronDialect_thenAstronsLegacyHash(@TempDir Path dir) throws Exception {
    Path astron = dir.resolve("astron.dc");
    String text = "dclass A {\n  f(uint8) airecv;\n};\n";
    Files.writeString(astron, text);
    long expected = org.openttserver.api.dc.DcParser.parse(new org.openttserver.api.dc.DcSource(
        "a", text, org.openttserver.api.dc.DcDialect.ASTRON)).astronHash();

    assertThat(run("dc-hash", astron.toString())).isEqualTo(0);
    assertThat(out.toString().trim()).isEqualTo(Long.toString(expected));
  }

  @Test
  void dcAstron_whenOwnFiles_thenWritesKeywordsTypedefsAndEveryClass() {
    assertThat(run("dc-astron", path("config/dc/demo-toon.dc"),
        path("config/dc/openttserver.dc"))).isZero();
    String text = out.toString();
    assertThat(text).contains("keyword ownrecv;", "typedef uint16 uint16array[];",
        "dclass DistributedToon", "dclass OpenTTAccount");
    assertThat(text.indexOf("dclass DistributedToon"))
        .isLessThan(text.indexOf("dclass OpenTTAccount"));
  }
}
