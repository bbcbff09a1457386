package org.openttserver.plugins.names;

import java.util.List;
import org.openttserver.api.protocol.SetNamePattern;

/**
 * Builds a pick-a-name pattern (CLIENT_SET_NAME_PATTERN) into the name string the 2003 client
 * shows for it, refusing any pattern its name shop cannot produce (protocol-2003.md §7.1,
 * formats.md §3.2).
 *
 * <p>What the client can send: a title only with a first or last name; a first name or a last
 * name (prefix and suffix together) or both. Each id must name a line of a category that fits
 * its slot, and titles and first names must be on the lists the name shop shows for the toon's
 * gender (its own and the neutral ones). The client sends the lowest id with the chosen text, so
 * a word listed for both genders may arrive with the other gender's id: the gender check is on
 * the text. Flags: title and prefix are always 1; the first name's is 0 only for a lower-case
 * "von" after a title; the suffix's is 1 exactly when the prefix is one of the capitalising
 * prefixes (category 6).
 */
final class PatternNames {
  /** An unused part's index: the client's −1 written as a u16. */
  static final int UNUSED = 0xFFFF;
  /** The neutral first name the name shop lists in lower case. */
  static final String VON = "Von";

  private PatternNames() {}

  /**
   * The outcome: a name, or why the pattern cannot come from the client.
   *
   * @param name the built name, or null
   * @param problem what is wrong, or null
   */
  record Result(String name, String problem) {
    static Result ok(String name) {
      return new Result(name, null);
    }

    static Result refused(String problem) {
      return new Result(null, problem);
    }

    boolean accepted() {
      return name != null;
    }
  }

  /**
   * Builds a pattern.
   *
   * @param names the word list
   * @param male whether the toon is a boy
   * @param parts title, first name, last-name prefix, last-name suffix
   * @return the name, or the problem
   */
  static Result build(NameMaster names, boolean male, List<SetNamePattern.Part> parts) {
    if (parts.size() != SetNamePattern.PARTS) {
      return Result.refused("a pattern has four parts");
    }
    SetNamePattern.Part title = parts.get(0);
    SetNamePattern.Part first = parts.get(1);
    SetNamePattern.Part prefix = parts.get(2);
    SetNamePattern.Part suffix = parts.get(3);
    boolean hasTitle = title.index() != UNUSED;
    boolean hasFirst = first.index() != UNUSED;
    boolean hasPrefix = prefix.index() != UNUSED;
    if (hasPrefix != (suffix.index() != UNUSED)) {
      return Result.refused("a last name needs both a prefix and a suffix");
    }
    if (!hasFirst && !hasPrefix) {
      return Result.refused("neither a first nor a last name");
    }
    StringBuilder name = new StringBuilder();
    if (hasTitle) {
      NameMaster.Entry e = names.entry(title.index());
      if (e == null || e.category() > NameMaster.NEUTRAL_TITLE) {
        return Result.refused("title id " + title.index() + " is not a title");
      }
      if (!names.has(male ? NameMaster.BOY_TITLE : NameMaster.GIRL_TITLE, e.text())
          && !names.has(NameMaster.NEUTRAL_TITLE, e.text())) {
        return Result.refused("title '" + e.text() + "' is not offered to a "
            + (male ? "boy" : "girl"));
      }
      if (title.flag() != 1) {
        return Result.refused("title flag " + title.flag() + " (the client sends 1)");
      }
      name.append(e.text()).append(' ');
    }
    if (hasFirst) {
      NameMaster.Entry e = names.entry(first.index());
      if (e == null || e.category() < NameMaster.BOY_FIRST
          || e.category() > NameMaster.NEUTRAL_FIRST) {
        return Result.refused("first-name id " + first.index() + " is not a first name");
      }
      if (!names.has(male ? NameMaster.BOY_FIRST : NameMaster.GIRL_FIRST, e.text())
          && !names.has(NameMaster.NEUTRAL_FIRST, e.text())) {
        return Result.refused("first name '" + e.text() + "' is not offered to a "
            + (male ? "boy" : "girl"));
      }
      if (first.flag() == 0) {
        if (!VON.equals(e.text()) || !hasTitle) {
          return Result.refused("first-name flag 0 is only for 'von' after a title");
        }
        name.append("von");
      } else if (first.flag() == 1) {
        name.append(e.text());
      } else {
        return Result.refused("first-name flag " + first.flag());
      }
      if (hasPrefix) {
        name.append(' ');
      }
    }
    if (hasPrefix) {
      NameMaster.Entry p = names.entry(prefix.index());
      if (p == null || (p.category() != NameMaster.CAP_PREFIX
          && p.category() != NameMaster.PREFIX) || !names.has(NameMaster.PREFIX, p.text())) {
        return Result.refused("prefix id " + prefix.index() + " is not a last-name prefix");
      }
      NameMaster.Entry s = names.entry(suffix.index());
      if (s == null || s.category() != NameMaster.SUFFIX) {
        return Result.refused("suffix id " + suffix.index() + " is not a last-name suffix");
      }
      if (prefix.flag() != 1) {
        return Result.refused("prefix flag " + prefix.flag() + " (the client sends 1)");
      }
      boolean capital = names.has(NameMaster.CAP_PREFIX, p.text());
      if (suffix.flag() != (capital ? 1 : 0)) {
        return Result.refused("suffix flag " + suffix.flag() + " after prefix '" + p.text()
            + "' (the client sends " + (capital ? 1 : 0) + ")");
      }
      name.append(p.text()).append(capital ? capitalize(s.text()) : s.text());
    }
    return Result.ok(name.toString());
  }

  /**
   * Upper-cases the first letter and lower-cases the rest, ASCII letters only (what Python 2's
   * {@code str.capitalize} does to the 2003 client's byte strings).
   */
  static String capitalize(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (i == 0 && c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      } else if (i > 0 && c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      }
      b.append(c);
    }
    return b.toString();
  }
}
