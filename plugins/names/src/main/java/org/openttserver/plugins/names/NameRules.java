package org.openttserver.plugins.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The typed-name rules of the 2003 client's name shop (protocol-2003.md §7.2), applied again on
 * the server because a modified client can skip them, plus a length limit and stricter
 * whitespace (only single spaces between words' characters, none at the ends).
 *
 * <p>The client's rules, in its order: at least two bytes and not blank; no digits and no
 * punctuation other than period, comma, apostrophe and dash; every word (words are split at
 * spaces and dashes) has a letter; a word of three or more letters without a period has a vowel
 * (y counts); a word of three or more letters is not one letter repeated (the client compares
 * with the name's first character); a dash sits between two letters; a comma follows a word and
 * is followed by a space; a word with periods ends with one and has at most two, and with two
 * they are its second and fourth characters ("J.T."); at most two apostrophes a word and three a
 * name; at most four words; not all capitals (three letters or more); no word of three or more
 * characters with three or more capitals. Letters are ASCII letters; non-ASCII characters are
 * allowed (the client's {@code allow-utf8-name} default) and count as letters for the word
 * checks.
 */
final class NameRules {
  /** Why a name fails. */
  enum Problem {
    TOO_SHORT("is too short"),
    TOO_LONG("is too long"),
    SPACING("starts or ends with a space, or has a tab or line break"),
    NON_PRINTABLE("has a control character"),
    NO_DIGITS("has a digit"),
    BAD_CHARACTER("has a character names cannot have"),
    NEED_LETTERS("has a word without letters"),
    NEED_VOWELS("has a word without vowels"),
    ONE_LETTER("has a word of one letter repeated"),
    DASH("uses a dash outside a word"),
    COMMA("uses a comma other than after a word and before a space"),
    PERIOD("uses periods other than as initials or at a word's end"),
    APOSTROPHES("has too many apostrophes"),
    TOO_MANY_WORDS("has more than four words"),
    ALL_CAPS("is all capitals"),
    MIXED_CASE("has a word with more than two capitals");

    private final String description;

    Problem(String description) {
      this.description = description;
    }

    /** {@return what is wrong, for logs} */
    String description() {
      return description;
    }
  }

  private final int maxLength;
  private final boolean allowNonAscii;

  /**
   * Creates the rules.
   *
   * @param maxLength the longest name, in characters
   * @param allowNonAscii whether letters outside ASCII are allowed
   */
  NameRules(int maxLength, boolean allowNonAscii) {
    this.maxLength = maxLength;
    this.allowNonAscii = allowNonAscii;
  }

  /** {@return the first rule the name breaks, or empty if it passes} */
  Optional<Problem> check(String name) {
    return Optional.ofNullable(firstProblem(name));
  }

  private Problem firstProblem(String name) {
    if (name.length() < 2 || name.isBlank()) {
      return Problem.TOO_SHORT;
    }
    if (name.codePointCount(0, name.length()) > maxLength) {
      return Problem.TOO_LONG;
    }
    if (!name.strip().equals(name)) {
      return Problem.SPACING;
    }
    Problem chars = characters(name);
    if (chars != null) {
      return chars;
    }
    List<String> words = words(name);
    for (String w : words) {
      if (!hasNonAscii(w) && countLetters(w) == 0) {
        return Problem.NEED_LETTERS;
      }
    }
    for (String w : words) {
      if (w.indexOf('.') < 0 && !hasNonAscii(w) && countLetters(w) > 2 && !hasVowel(w)) {
        return Problem.NEED_VOWELS;
      }
    }
    char lead = name.charAt(0);
    for (String w : words) {
      if (!hasNonAscii(w) && countLetters(w) > 2 && onlyLetter(w, lead)) {
        return Problem.ONE_LETTER;
      }
    }
    if (!dashesOk(name)) {
      return Problem.DASH;
    }
    if (!commasOk(name)) {
      return Problem.COMMA;
    }
    for (String w : words) {
      if (!periodsOk(w)) {
        return Problem.PERIOD;
      }
    }
    if (count(name, '\'') > 3) {
      return Problem.APOSTROPHES;
    }
    for (String w : words) {
      if (count(w, '\'') > 2) {
        return Problem.APOSTROPHES;
      }
    }
    if (words.size() > 4) {
      return Problem.TOO_MANY_WORDS;
    }
    int letters = countLetters(name);
    if (letters > 2 && countUpper(name) == letters) {
      return Problem.ALL_CAPS;
    }
    for (String w : words) {
      if (w.length() > 2 && countUpper(w) > 2) {
        return Problem.MIXED_CASE;
      }
    }
    return null;
  }

  private Problem characters(String name) {
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      i += Character.charCount(c);
      if (c < 128) {
        if (c == ' ' || isLetter(c) || c == '.' || c == ',' || c == '\'' || c == '-') {
          continue;
        }
        if (c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) {
          return Problem.SPACING;
        }
        if (c < 0x20 || c == 0x7F) {
          return Problem.NON_PRINTABLE;
        }
        return c >= '0' && c <= '9' ? Problem.NO_DIGITS : Problem.BAD_CHARACTER;
      }
      if (!allowNonAscii || !Character.isLetter(c)) {
        // Outside ASCII only letters (the client's text is ISO-8859-1, one character per byte):
        // no invisible or format characters (soft hyphen, no-break space), no symbols that look
        // like punctuation the rules keep out.
        return Problem.BAD_CHARACTER;
      }
    }
    return null;
  }

  /** The client's word list: split at whitespace, then at dashes, empty pieces dropped. */
  static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    for (String w : name.strip().split("\\s+")) {
      for (String piece : w.split("-")) {
        if (!piece.isEmpty()) {
          out.add(piece);
        }
      }
    }
    return out;
  }

  private static boolean dashesOk(String name) {
    for (int i = name.indexOf('-'); i >= 0; i = name.indexOf('-', i + 1)) {
      if (i == 0 || i == name.length() - 1 || !isLetter(name.charAt(i - 1))
          || !isLetter(name.charAt(i + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean commasOk(String name) {
    for (int i = name.indexOf(','); i >= 0; i = name.indexOf(',', i + 1)) {
      if (i == 0 || i == name.length() - 1 || Character.isWhitespace(name.charAt(i - 1))
          || !Character.isWhitespace(name.charAt(i + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean periodsOk(String word) {
    String w = word.endsWith(",") ? word.substring(0, word.length() - 1) : word;
    int periods = count(w, '.');
    if (periods == 0) {
      return true;
    }
    if (!w.endsWith(".") || periods > 2) {
      return false;
    }
    return periods == 1 || (w.length() >= 4 && w.charAt(3) == '.');
  }

  private static boolean isLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean hasNonAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return true;
      }
    }
    return false;
  }

  private static int countLetters(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += isLetter(s.charAt(i)) ? 1 : 0;
    }
    return n;
  }

  private static int countUpper(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 'A' && c <= 'Z' ? 1 : 0;
    }
    return n;
  }

  private static boolean hasVowel(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("aeiouyAEIOUY".indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyLetter(String word, char lead) {
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (isLetter(c) && c != lead) {
        return false;
      }
    }
    return true;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
      n++;
    }
    return n;
  }
}
