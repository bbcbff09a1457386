package org.openttserver.runtime.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.testing.TestServers;

/** Each DC file loads in its own dialect, detected or declared, with the matching client hash. */
class DcDialectDetectionTest {
  private static final Path DEMO = TestServers.REPO.resolve("config/dc/demo-toon.dc");
  private static final Path OURS = TestServers.REPO.resolve("config/dc/openttserver.dc");
  private static final Path T = Path.of("t.yml");

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void load_whenAstronFileFirstWithAirecv_thenAstronDialectAndLegacyHash() throws Exception {
    Path a = write("a.dc", "dclass A {\n  setX(uint8 x) broadcast airecv;\n};\n");

    DcLoader.Loaded loaded = DcLoader.load(List.of(a), null, T);

    assertThat(loaded.file().sourceDialects()).containsExactly(DcDialect.ASTRON);
    assertThat(loaded.clientHash()).isEqualTo(loaded.file().astronHash());
  }

  @Test
  void load_whenAstronFileAfterThe2003One_thenEachInItsDialectAnd2003Hash() throws Exception {
    Path a = write("a.dc", "dclass AstronOnly {\n  setLevel(uint8(0-100) level) ram;\n};\n");
    long demoHash = DcLoader.load(List.of(DEMO), null, T).clientHash();

    DcLoader.Loaded loaded = DcLoader.load(List.of(DEMO, OURS, a), null, T);

    assertThat(loaded.file().sourceDialects())
        .containsExactly(DcDialect.DC_2003, DcDialect.EXTENDED, DcDialect.ASTRON);
    assertThat(loaded.clientHash()).isEqualTo(demoHash);
    assertThat(loaded.file().dclass("AstronOnly").field("setLevel").parameters().get(0)
        .valueType().max()).isEqualTo(100.0);
  }

  @Test
  void load_whenAstronDeclarationWords_thenAstronWithoutTryingOthers() throws Exception {
    Path a = write("a.dc", "// comment\nkeyword hidden;\ndclass A {\n  f(uint8) hidden;\n};\n");

    assertThat(DcLoader.load(List.of(DEMO, a), null, T).file().sourceDialects().get(1))
        .isEqualTo(DcDialect.ASTRON);
  }

  @Test
  void load_whenDialectDeclared_thenThatOneOnly() throws Exception {
    Path a = write("a.dc", "dclass A {\n  f(uint8) broadcast\n};\n");

    assertThat(DcLoader.load(List.of(a), Map.of(a, DcDialect.DC_2003), null, T).file()
        .sourceDialects()).containsExactly(DcDialect.DC_2003);
    assertThatThrownBy(() -> DcLoader.load(List.of(a), Map.of(a, DcDialect.ASTRON), null, T))
        .isInstanceOf(ConfigException.class).hasMessageContaining("expected ';'");
  }

  @Test
  void load_whenNeitherDialect_thenTheDefaultsErrorAndAstronsOnOneLine() throws Exception {
    Path a = write("a.dc", "dclass A {\n  f(bogus);\n};\n");

    assertThatThrownBy(() -> DcLoader.load(List.of(DEMO, a), null, T))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(a + ":2:")
        .hasMessageContaining("nor does it parse in Astron's dialect: line 2:")
        .hasMessageContaining("Type 'bogus' has not been declared")
        .hasMessageNotContaining("\n");
  }

  @Test
  void load_whenAstronsTestDcPresent_thenDetectedWithAstronsPublishedHash() {
    Path p = Path.of(System.getenv().getOrDefault("ASTRON_SRC", "/work/astron-src"),
        "test", "files", "test.dc");
    assumeTrue(Files.isRegularFile(p), "no Astron test DC at " + p);

    DcLoader.Loaded loaded = DcLoader.load(List.of(p), null, T);

    assertThat(loaded.file().sourceDialects()).containsExactly(DcDialect.ASTRON);
    assertThat(loaded.clientHash()).isEqualTo(0x0B77BAF2L);
  }
}
