package org.openttserver.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/plugins.md shows code only as copies of tagged regions of sources the build compiles (the
 * example plugin, its test, the kit's own test plugin): each code block follows a line
 * {@code <!-- snippet: path#tag -->} and must equal the region between {@code tag::tag[]} and
 * {@code end::tag[]} of that file, less the common indent. A Java block without such a line
 * fails too. Run with {@code -Dsnippets.write=true} to rewrite the blocks from the sources.
 */
class PluginGuideSnippetsTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path GUIDE = REPO.resolve("docs/plugins.md");
  private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");

  @Test
  void everyCodeBlockOfTheGuide_isItsTaggedRegion() throws IOException {
    List<String> lines = Files.readAllLines(GUIDE);
    List<String> out = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    int snippets = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      out.add(line);
      Matcher m = MARKER.matcher(line.trim());
      if (line.startsWith("```java") && (i == 0 || !MARKER.matcher(lines.get(i - 1).trim())
          .matches())) {
        wrong.add("line " + (i + 1) + ": a Java block without a snippet line before it");
      }
      if (!m.matches()) {
        continue;
      }
      snippets++;
      String fence = lines.get(++i);
      assertThat(fence).as("line %d: a code block must follow the snippet line", i + 1)
          .startsWith("```");
      out.add(fence);
      int end = i + 1;
      while (!lines.get(end).equals("```")) {
        end++;
      }
      List<String> shown = lines.subList(i + 1, end);
      List<String> region = region(REPO.resolve(m.group(1)), m.group(2));
      if (!shown.equals(region)) {
        wrong.add("line " + (i + 1) + ": the block differs from " + m.group(1) + "#" + m.group(2)
            + "; it should read:\n" + String.join("\n", region));
      }
      out.addAll(region);
      out.add("```");
      i = end;
    }
    if (Boolean.getBoolean("snippets.write")) {
      Files.write(GUIDE, out);
      return;
    }
    assertThat(snippets).as("snippets in %s", GUIDE).isGreaterThanOrEqualTo(8);
    assertThat(wrong).as("docs/plugins.md against the sources").isEmpty();
  }

  /** The lines between the tag's markers, without marker lines, less their common indent. */
  static List<String> region(Path file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String begin = "tag::" + tag + "[]";
    String stop = "end::" + tag + "[]";
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(begin)) {
        from = i + 1;
      } else if (lines.get(i).contains(stop)) {
        to = i;
      }
    }
    assertThat(from).as("%s has no %s", file, begin).isPositive();
    assertThat(to).as("%s has no %s after its start", file, stop).isGreaterThanOrEqualTo(from);
    List<String> body = lines.subList(from, to).stream()
        .filter(l -> !l.contains("tag::") && !l.contains("end::")).toList();
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }
}
