package org.openttserver.plugins.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameMasterTest {
  /** The real 2003 list, read where it is and never copied (tests skip without it). */
  static final Path REAL = Path.of("../../../shared/reference/NameMasterEnglish.txt")
      .toAbsolutePath().normalize();

  static NameMaster parse(String text) throws Exception {
    return NameMaster.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
        "test.txt");
  }

  static NameMaster real() throws Exception {
    assumeTrue(Files.isRegularFile(REAL), "no " + REAL);
    try (InputStream in = Files.newInputStream(REAL)) {
      return NameMaster.read(in, REAL.toString());
    }
  }

  @Test
  void read_whenCommentsBlankLinesAndCrLf_thenEntriesWithTextToLineEnd() throws Exception {
    NameMaster m = parse("# header\r\n\r\n  # indented comment\n3*5*Dr. Quack Jr\r\n7*8*zle\n");
    assertThat(m.size()).isEqualTo(2);
    assertThat(m.entry(3)).isEqualTo(new NameMaster.Entry(3, 5, "Dr. Quack Jr"));
    assertThat(m.entry(7).text()).isEqualTo("zle");
    assertThat(m.entry(4)).isNull();
    assertThat(m.has(5, "Dr. Quack Jr")).isTrue();
    assertThat(m.has(4, "Dr. Quack Jr")).isFalse();
  }

  @Test
  void read_whenLineMalformed_thenMessageNamesLine() {
    assertThatThrownBy(() -> parse("# c\n1*2\n")).hasMessageContaining("test.txt:2");
    assertThatThrownBy(() -> parse("x*2*Bob\n")).hasMessageContaining("test.txt:1");
    assertThatThrownBy(() -> parse("1*9*Bob\n")).hasMessageContaining("category 9");
    assertThatThrownBy(() -> parse("1*2*\n")).hasMessageContaining("empty text");
    assertThatThrownBy(() -> parse("65535*2*Bob\n")).hasMessageContaining("u16");
    assertThatThrownBy(() -> parse("1*2*Bob\n1*3*Bob\n")).hasMessageContaining("test.txt:2")
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> parse("# only comments\n")).hasMessageContaining("no name entries");
  }

  @Test
  void demo_whenLoadedFromJarResource_thenEveryCategoryHasWords() {
    NameMaster m = NamesPlugin.demo();
    int[] counts = new int[NameMaster.CATEGORIES];
    for (NameMaster.Entry e : m.entries()) {
      counts[e.category()]++;
    }
    assertThat(counts).doesNotContain(0);
    // Every capitalising prefix is also an ordinary prefix (the name shop lists only those).
    m.entries().stream().filter(e -> e.category() == NameMaster.CAP_PREFIX)
        .forEach(e -> assertThat(m.has(NameMaster.PREFIX, e.text())).isTrue());
  }

  @Test
  void demo_hasNoLineOfTheRealList() throws Exception {
    NameMaster real = real();
    Map<String, Integer> realLines = new HashMap<>();
    real.entries().forEach(e -> realLines.put(e.id() + "*" + e.category() + "*" + e.text(), 1));
    long shared = NamesPlugin.demo().entries().stream()
        .filter(e -> realLines.containsKey(e.id() + "*" + e.category() + "*" + e.text()))
        .count();
    assertThat(shared).isZero();
  }

  @Test
  void real_whenRead_thenCountsOfFormatsMd() throws Exception {
    NameMaster m = real();
    int[] counts = new int[NameMaster.CATEGORIES];
    int maxId = 0;
    for (NameMaster.Entry e : m.entries()) {
      counts[e.category()]++;
      maxId = Math.max(maxId, e.id());
    }
    assertThat(m.size()).isEqualTo(414);
    assertThat(counts).containsExactly(7, 6, 21, 62, 35, 99, 2, 84, 98);
    assertThat(maxId).isEqualTo(416);
  }
}
