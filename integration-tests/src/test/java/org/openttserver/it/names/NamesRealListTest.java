package org.openttserver.it.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePattern.Part;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * With the real NameMasterEnglish.txt from ../shared/reference (skipped when it is absent; it is
 * read in place, never copied): a pattern with a capitalising prefix, sent with the ids the 2003
 * name shop would send, is stored as the name the client shows.
 */
class NamesRealListTest {
  static final Path REAL = NamesCluster.REPO.resolve("../shared/reference/NameMasterEnglish.txt")
      .normalize();

  record Line(int id, int category, String text) {}

  static List<Line> lines() throws Exception {
    List<Line> out = new ArrayList<>();
    for (String l : Files.readAllLines(REAL, StandardCharsets.ISO_8859_1)) {
      if (l.isBlank() || l.strip().startsWith("#")) {
        continue;
      }
      int a = l.indexOf('*');
      int b = l.indexOf('*', a + 1);
      out.add(new Line(Integer.parseInt(l.substring(0, a)), Integer.parseInt(l.substring(a + 1,
          b)), l.substring(b + 1)));
    }
    return out;
  }

  /** The id the client sends: the lowest id with that text in the slot's categories. */
  static int clientId(List<Line> all, String text, int lo, int hi) {
    return all.stream().filter(l -> l.category() >= lo && l.category() <= hi
        && l.text().equals(text)).map(Line::id).min(Comparator.naturalOrder()).orElseThrow();
  }

  @Test
  void pattern_whenRealListAndCapitalisingPrefix_thenStoredAsTheClientShowsIt(@TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isRegularFile(REAL), "no " + REAL);
    List<Line> all = lines();
    String first = all.stream().filter(l -> l.category() == 5 && !l.text().equals("Von"))
        .findFirst().orElseThrow().text();
    String prefix = all.stream().filter(l -> l.category() == 6).findFirst().orElseThrow().text();
    String suffix = all.stream().filter(l -> l.category() == 8).findFirst().orElseThrow().text();
    String expected = first + " " + prefix + suffix.substring(0, 1).toUpperCase(Locale.ROOT)
        + suffix.substring(1).toLowerCase(Locale.ROOT);

    try (NamesCluster cluster = NamesCluster.start(dir, true, "    name_master: [" + REAL + "]\n");
        ScriptedClient c = cluster.client()) {
      long account = cluster.login(c, "RealNamer");
      long girl = cluster.toons(account).get(1).avatarId();
      c.send(new SetNamePattern(girl, List.of(new Part(0xFFFF, 1),
          new Part(clientId(all, first, 3, 5), 1), new Part(clientId(all, prefix, 6, 7), 1),
          new Part(clientId(all, suffix, 8, 8), 1))));
      assertThat(c.expect(SetNamePatternAnswer.class))
          .isEqualTo(new SetNamePatternAnswer(girl, 0));
      assertThat(cluster.toon(girl).name()).isEqualTo(expected);
    }
  }
}
