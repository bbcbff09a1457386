package org.openttserver.plugins.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openttserver.api.protocol.SetNamePattern.Part;

class PatternNamesTest {
  static final int U = PatternNames.UNUSED;
  static final NameMaster DEMO = NamesPlugin.demo();

  static List<Part> parts(int... v) {
    List<Part> out = new ArrayList<>();
    for (int i = 0; i < 8; i += 2) {
      out.add(new Part(v[i], v[i + 1]));
    }
    return out;
  }

  static String build(boolean male, int... v) {
    PatternNames.Result r = PatternNames.build(DEMO, male, parts(v));
    return r.accepted() ? r.name() : "refused: " + r.problem();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "title first last    | true  | 0,1,10,1,25,1,31,0   | Sprocketeer Bartok Wobblesprocket",
      "first only          | true  | U,1,18,1,U,1,U,0     | Fizz",
      "last only           | false | U,1,U,1,26,1,34,0    | Plinknozzle",
      "title last          | false | 3,1,U,1,28,1,32,0    | Duchess Snorfbottom",
      "cap prefix, cat 6   | true  | U,1,12,1,21,1,30,1   | Pelham FitzWorth",
      "cap prefix, cat 7   | true  | U,1,12,1,23,1,30,1   | Pelham FitzWorth",
      "von after title     | true  | 6,1,16,0,24,1,33,1   | Marshal von MabWick",
      "Von after title, 1  | true  | 6,1,16,1,U,1,U,0     | Marshal Von",
      "Von alone           | false | U,1,16,1,U,1,U,0     | Von",
      "shared title, girl  | false | 2,1,13,1,U,1,U,0     | Knave Pippa",
      "shared title, boy   | true  | 5,1,11,1,U,1,U,0     | Knave Grumbo",
      "neutral both        | false | 40,1,20,1,27,1,41,0  | Admiral Doc Bramblefumble",
      "unused flags ignored| true  | U,0,U,7,25,1,30,0    | Wobbleworth",
  })
  void build_whenClientCouldSendIt_thenNameAsTheClientShowsIt(String what, boolean male,
      String ids, String expected) {
    int[] v = java.util.Arrays.stream(ids.split(","))
        .mapToInt(s -> s.equals("U") ? U : Integer.parseInt(s)).toArray();
    assertThat(build(male, v)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "title only             | true  | 0,1,U,1,U,1,U,0    | neither",
      "nothing                | true  | U,1,U,1,U,1,U,0    | neither",
      "prefix without suffix  | true  | U,1,10,1,25,1,U,0  | both a prefix and a suffix",
      "suffix without prefix  | true  | U,1,10,1,U,1,30,0  | both a prefix and a suffix",
      "girl title for boy     | true  | 3,1,10,1,U,1,U,0   | not offered to a boy",
      "boy title for girl     | false | 0,1,13,1,U,1,U,0   | not offered to a girl",
      "girl first for boy     | true  | U,1,14,1,U,1,U,0   | not offered to a boy",
      "boy first for girl     | false | U,1,10,1,U,1,U,0   | not offered to a girl",
      "first name as title    | true  | 10,1,11,1,U,1,U,0  | not a title",
      "title as first name    | true  | U,1,0,1,U,1,U,0    | not a first name",
      "suffix as prefix       | true  | U,1,10,1,30,1,31,0 | not a last-name prefix",
      "prefix as suffix       | true  | U,1,10,1,25,1,26,0 | not a last-name suffix",
      "unknown id             | true  | U,1,999,1,U,1,U,0  | not a first name",
      "unknown title id       | true  | 9,1,10,1,U,1,U,0   | not a title",
      "von without title      | true  | U,1,16,0,U,1,U,0   | only for 'von' after a title",
      "flag 0 not von         | true  | 0,1,10,0,U,1,U,0   | only for 'von' after a title",
      "first flag 2           | true  | U,1,10,2,U,1,U,0   | first-name flag 2",
      "title flag 0           | true  | 0,0,10,1,U,1,U,0   | title flag 0",
      "prefix flag 0          | true  | U,1,10,1,25,0,30,0 | prefix flag 0",
      "cap prefix, flag 0     | true  | U,1,10,1,21,1,30,0 | suffix flag 0",
      "plain prefix, flag 1   | true  | U,1,10,1,25,1,30,1 | suffix flag 1",
  })
  void build_whenClientCannotSendIt_thenRefused(String what, boolean male, String ids,
      String problem) {
    int[] v = java.util.Arrays.stream(ids.split(","))
        .mapToInt(s -> s.equals("U") ? U : Integer.parseInt(s)).toArray();
    assertThat(build(male, v)).startsWith("refused: ").contains(problem);
  }

  @Test
  void capitalize_likePython2() {
    assertThat(PatternNames.capitalize("worth")).isEqualTo("Worth");
    assertThat(PatternNames.capitalize("mIXED")).isEqualTo("Mixed");
    assertThat(PatternNames.capitalize("")).isEmpty();
    assertThat(PatternNames.capitalize("\u00e9t\u00c9")).isEqualTo("\u00e9t\u00c9");
  }

  // ------------------------------------------------ the real list, as the client's name shop

  /** The id the client sends for a text: the lowest id in the slot's categories. */
  static int clientId(NameMaster m, String text, Set<Integer> categories) {
    return m.entries().stream().filter(e -> categories.contains(e.category())
        && e.text().equals(text)).map(NameMaster.Entry::id).min(Comparator.naturalOrder())
        .orElseThrow();
  }

  static List<String> texts(NameMaster m, int... categories) {
    Set<Integer> cats = new java.util.HashSet<>();
    for (int c : categories) {
      cats.add(c);
    }
    return m.entries().stream().filter(e -> cats.contains(e.category()))
        .map(NameMaster.Entry::text).distinct().sorted().toList();
  }

  static String expectedCap(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT)
        + s.substring(1).toLowerCase(Locale.ROOT);
  }

  @Test
  void real_everyTitleAndFirstNameOfEachGender_thenAcceptedAndShownAsPicked() throws Exception {
    NameMaster m = NameMasterTest.real();
    int checked = 0;
    for (boolean male : new boolean[] {true, false}) {
      List<String> titles = texts(m, male ? 0 : 1, 2);
      List<String> firsts = texts(m, male ? 3 : 4, 5);
      String someFirst = firsts.stream().filter(f -> !f.equals("Von")).findFirst().orElseThrow();
      int someFirstId = clientId(m, someFirst, Set.of(3, 4, 5));
      for (String t : titles) {
        PatternNames.Result r = PatternNames.build(m, male, List.of(
            new Part(clientId(m, t, Set.of(0, 1, 2)), 1), new Part(someFirstId, 1),
            new Part(U, 1), new Part(U, 0)));
        assertThat(r.name()).as("%s %s (%s)", t, someFirst, r.problem())
            .isEqualTo(t + " " + someFirst);
        checked++;
      }
      int someTitleId = clientId(m, titles.get(0), Set.of(0, 1, 2));
      for (String f : firsts) {
        int id = clientId(m, f, Set.of(3, 4, 5));
        boolean von = f.equals("Von");
        PatternNames.Result r = PatternNames.build(m, male, List.of(new Part(someTitleId, 1),
            new Part(id, von ? 0 : 1), new Part(U, 1), new Part(U, 0)));
        assertThat(r.name()).as("%s (%s)", f, r.problem())
            .isEqualTo(titles.get(0) + " " + (von ? "von" : f));
        checked++;
      }
      // The other gender's own titles and first names are refused.
      for (String t : texts(m, male ? 1 : 0)) {
        if (!titles.contains(t)) {
          assertThat(PatternNames.build(m, male, List.of(new Part(clientId(m, t,
              Set.of(0, 1, 2)), 1), new Part(someFirstId, 1), new Part(U, 1), new Part(U, 0)))
              .accepted()).as(t).isFalse();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(200);
  }

  @Test
  void real_everyLastName_thenJoinedAndCapitalisedAfterCapPrefixes() throws Exception {
    NameMaster m = NameMasterTest.real();
    List<String> capPrefixes = texts(m, 6);
    assertThat(capPrefixes).hasSize(2);
    int capitalised = 0;
    int all = 0;
    for (String p : texts(m, 7)) {
      int pid = clientId(m, p, Set.of(6, 7));
      boolean cap = capPrefixes.contains(p);
      if (cap) {
        assertThat(m.entry(pid).category()).as("the client sends the category-6 id of %s", p)
            .isEqualTo(6);
      }
      for (String s : texts(m, 8)) {
        PatternNames.Result r = PatternNames.build(m, true, List.of(new Part(U, 1),
            new Part(U, 1), new Part(pid, 1), new Part(clientId(m, s, Set.of(8)), cap ? 1 : 0)));
        assertThat(r.name()).as("%s+%s (%s)", p, s, r.problem())
            .isEqualTo(p + (cap ? expectedCap(s) : s));
        capitalised += cap ? 1 : 0;
        all++;
      }
    }
    assertThat(all).isEqualTo(84 * 98);
    assertThat(capitalised).isEqualTo(2 * 98);
  }
}
