package org.openttserver.plugins.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pick-a-name word list in the 2003 {@code NameMasterEnglish.txt} format (formats.md §3.1):
 * one {@code id*category*text} entry a line, {@code #} comments, ids unique across the file.
 */
final class NameMaster {
  static final int BOY_TITLE = 0;
  static final int GIRL_TITLE = 1;
  static final int NEUTRAL_TITLE = 2;
  static final int BOY_FIRST = 3;
  static final int GIRL_FIRST = 4;
  static final int NEUTRAL_FIRST = 5;
  static final int CAP_PREFIX = 6;
  static final int PREFIX = 7;
  static final int SUFFIX = 8;
  static final int CATEGORIES = 9;

  /** One line of the list. */
  record Entry(int id, int category, String text) {}

  private final String source;
  private final Map<Integer, Entry> byId;
  private final List<Set<String>> textsByCategory;

  private NameMaster(String source, Map<Integer, Entry> byId) {
    this.source = source;
    this.byId = Map.copyOf(byId);
    List<Set<String>> texts = new ArrayList<>();
    for (int c = 0; c < CATEGORIES; c++) {
      texts.add(new HashSet<>());
    }
    for (Entry e : byId.values()) {
      texts.get(e.category()).add(e.text());
    }
    List<Set<String>> frozen = new ArrayList<>();
    for (Set<String> s : texts) {
      frozen.add(Set.copyOf(s));
    }
    this.textsByCategory = Collections.unmodifiableList(frozen);
  }

  /**
   * Reads a list.
   *
   * @param in the file's bytes (Latin-1, as the 2003 client reads them byte by byte)
   * @param source the file name, for messages
   * @return the list
   * @throws IOException if reading fails
   * @throws IllegalArgumentException naming the source and line if a line is malformed, an id
   *     repeats or a category is out of range
   */
  static NameMaster read(InputStream in, String source) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
    Map<Integer, Entry> entries = new HashMap<>();
    String line;
    int number = 0;
    while ((line = r.readLine()) != null) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Entry e = parse(line, source, number);
      if (entries.putIfAbsent(e.id(), e) != null) {
        throw new IllegalArgumentException(source + ":" + number + ": id " + e.id()
            + " appears twice");
      }
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(source + ": no name entries");
    }
    return new NameMaster(source, entries);
  }

  private static Entry parse(String line, String source, int number) {
    // Text runs from the second '*' to the end of the line (it may hold spaces and periods).
    int a = line.indexOf('*');
    int b = a < 0 ? -1 : line.indexOf('*', a + 1);
    if (b < 0) {
      throw new IllegalArgumentException(source + ":" + number
          + ": expected id*category*text, got '" + line + "'");
    }
    int id;
    int category;
    try {
      id = Integer.parseInt(line.substring(0, a).strip());
      category = Integer.parseInt(line.substring(a + 1, b).strip());
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException(source + ":" + number
          + ": id and category must be numbers in '" + line + "'");
    }
    if (id < 0 || id >= 0xFFFF) {
      throw new IllegalArgumentException(source + ":" + number + ": id " + id
          + " does not fit the client's u16 (0xFFFF means an unused part)");
    }
    if (category < 0 || category >= CATEGORIES) {
      throw new IllegalArgumentException(source + ":" + number + ": category " + category
          + " is not 0-8");
    }
    String text = line.substring(b + 1);
    if (text.isEmpty()) {
      throw new IllegalArgumentException(source + ":" + number + ": empty text");
    }
    return new Entry(id, category, text);
  }

  /** {@return where the list came from} */
  String source() {
    return source;
  }

  /** {@return the entry with this id, or null} */
  Entry entry(int id) {
    return byId.get(id);
  }

  /** {@return how many entries the list has} */
  int size() {
    return byId.size();
  }

  /** {@return every entry, in no particular order} */
  List<Entry> entries() {
    return List.copyOf(byId.values());
  }

  /** {@return true if a category holds this exact text} */
  boolean has(int category, String text) {
    return textsByCategory.get(category).contains(text);
  }
}
