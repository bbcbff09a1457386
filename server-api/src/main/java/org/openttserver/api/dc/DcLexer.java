package org.openttserver.api.dc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits DC text into tokens following the 2003 lexer's rules (see {@link DcParser}), or Astron's
 * lexer's: there a number has no sign (a {@code -} before it is its own token, except in a real
 * number such as {@code -1.5}), {@code 'c'} is a character literal, quoted strings take C
 * escapes, and {@code <...>} holds hex digits only.
 */
final class DcLexer {
  /** Token kinds. */
  enum Kind { IDENT, INTEGER, REAL, STRING, CHAR, HEX, PUNCT, EOF }

  /** One token with its 1-based position. */
  record Token(Kind kind, String text, int line, int column) {
    boolean is(char c) {
      return kind == Kind.PUNCT && text.charAt(0) == c;
    }

    String describe() {
      if (kind == Kind.EOF) {
        return "end of file";
      }
      String t = text.length() > 24 ? text.substring(0, 24) + "..." : text;
      return "'" + t.replace('\n', ' ') + "'";
    }
  }

  private final String source;
  private final String text;
  private final boolean astron;
  private int pos;
  private int line = 1;
  private int lineStart;

  private DcLexer(String source, String text, boolean astron) {
    this.source = source;
    this.text = text;
    this.astron = astron;
  }

  static List<Token> tokenize(String source, String text) throws DcParseException {
    return tokenize(source, text, false);
  }

  static List<Token> tokenize(String source, String text, boolean astron)
      throws DcParseException {
    DcLexer lexer = new DcLexer(source, text, astron);
    List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (t.kind() != Kind.EOF);
    return tokens;
  }

  private char at(int i) {
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private void advance(int n) {
    for (int i = 0; i < n; i++) {
      if (text.charAt(pos++) == '\n') {
        line++;
        lineStart = pos;
      }
    }
  }

  private DcParseException error(int l, int c, String what) {
    return new DcParseException(source, l, c, what);
  }

  private Token next() throws DcParseException {
    skipSpaceAndComments();
    int l = line;
    int c = pos - lineStart + 1;
    int start = pos;
    if (pos >= text.length()) {
      return new Token(Kind.EOF, "", l, c);
    }
    char ch = at(pos);
    if (Character.isLetter(ch) && ch < 128 || ch == '_') {
      while (isIdentChar(at(pos))) {
        advance(1);
      }
      return new Token(Kind.IDENT, text.substring(start, pos), l, c);
    }
    if (astron) {
      Token t = astronLiteral(ch, l, c);
      if (t != null) {
        return t;
      }
    } else if (isDigit(ch) || (ch == '+' || ch == '-' || ch == '.') && startsNumber(pos)) {
      return number(l, c);
    }
    if (ch == '"') {
      int end = text.indexOf('"', pos + 1);
      if (end < 0) {
        throw error(l, c, "unterminated string");
      }
      advance(end + 1 - pos);
      return new Token(Kind.STRING, text.substring(start + 1, end), l, c);
    }
    if (ch == '<') {
      return hex(l, c);
    }
    advance(1);
    return new Token(Kind.PUNCT, String.valueOf(ch), l, c);
  }

  /** Astron's numbers, quoted strings, character literals and hex strings; null for others. */
  private Token astronLiteral(char ch, int l, int c) throws DcParseException {
    int start = pos;
    if (isDigit(ch) || (ch == '-' || ch == '.') && realAt(pos)) {
      if (ch == '0' && (at(pos + 1) == 'x' || at(pos + 1) == 'X')) {
        advance(2);
        while (isHex(at(pos))) {
          advance(1);
        }
        return new Token(Kind.INTEGER, text.substring(start, pos), l, c);
      }
      if (!realAt(pos)) {
        while (isDigit(at(pos))) {
          advance(1);
        }
        return new Token(Kind.INTEGER, text.substring(start, pos), l, c);
      }
      return number(l, c);
    }
    if (ch == '"' || ch == '\'') {
      advance(1);
      StringBuilder sb = new StringBuilder();
      while (at(pos) != ch) {
        if (pos >= text.length() || at(pos) == '\n') {
          throw error(l, c, "This quotation mark is unterminated.");
        }
        sb.append(escaped());
      }
      advance(1);
      return new Token(ch == '"' ? Kind.STRING : Kind.CHAR, sb.toString(), l, c);
    }
    if (ch == '<') {
      int end = text.indexOf('>', pos);
      String body = end < 0 ? "" : text.substring(pos + 1, end);
      if (end < 0 || body.length() % 2 != 0 || !body.chars().allMatch(x -> isHex((char) x))) {
        throw error(l, c, "expected an even number of hex digits and '>' after '<'");
      }
      advance(end + 1 - pos);
      return new Token(Kind.HEX, body, l, c);
    }
    return null;
  }

  /** Whether a real number (one with a '.') starts at i: {@code -?(d+.|d*.d+)}. */
  private boolean realAt(int i) {
    if (at(i) == '-') {
      i++;
    }
    int digits = i;
    while (isDigit(at(i))) {
      i++;
    }
    return at(i) == '.' && (i > digits || isDigit(at(i + 1)));
  }

  /** One character of a quoted string, with Astron's escapes. */
  private char escaped() {
    char ch = at(pos);
    advance(1);
    if (ch != '\\') {
      return ch;
    }
    char e = at(pos);
    advance(1);
    switch (e) {
      case 'a': return 7;
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'x': {
        int v = 0;
        for (int i = 0; i < 2 && isHex(at(pos)); i++) {
          v = v * 16 + Character.digit(at(pos), 16);
          advance(1);
        }
        return (char) (v & 0xFF);
      }
      default:
        if (isDigit(e)) {
          // \0 starts up to three octal digits, \1..\9 up to three more decimal digits.
          int v = 0;
          int radix = e == '0' ? 8 : 10;
          for (int i = 0; i < 3 && isDigit(at(pos)) && Character.digit(at(pos), radix) >= 0; i++) {
            v = v * radix + Character.digit(at(pos), radix);
            advance(1);
          }
          return (char) (v & 0xFF);
        }
        return e;
    }
  }

  private boolean startsNumber(int i) {
    if (at(i) == '+' || at(i) == '-') {
      i++;
    }
    return isDigit(at(i)) || at(i) == '.' && isDigit(at(i + 1));
  }

  private Token number(int l, int c) {
    int start = pos;
    if (at(pos) == '+' || at(pos) == '-') {
      advance(1);
    }
    if (at(pos) == '0' && (at(pos + 1) == 'x' || at(pos + 1) == 'X') && isHex(at(pos + 2))) {
      advance(2);
      while (isHex(at(pos))) {
        advance(1);
      }
      return new Token(Kind.INTEGER, text.substring(start, pos), l, c);
    }
    boolean real = false;
    while (isDigit(at(pos))) {
      advance(1);
    }
    if (at(pos) == '.') {
      real = true;
      advance(1);
      while (isDigit(at(pos))) {
        advance(1);
      }
    }
    int e = pos;
    if (real && (at(e) == 'e' || at(e) == 'E')) {
      e++;
      if (at(e) == '+' || at(e) == '-') {
        e++;
      }
      if (isDigit(at(e))) {
        while (isDigit(at(e))) {
          e++;
        }
        advance(e - pos);
      }
    }
    return new Token(real ? Kind.REAL : Kind.INTEGER, text.substring(start, pos), l, c);
  }

  private Token hex(int l, int c) throws DcParseException {
    int end = text.indexOf('>', pos);
    if (end < 0) {
      throw error(l, c, "unterminated hex string");
    }
    String body = text.substring(pos + 1, end).replaceAll("\\s", "");
    if (body.length() % 2 != 0 || !body.chars().allMatch(ch -> isHex((char) ch))) {
      throw error(l, c, "expected an even number of hex digits in <...>");
    }
    advance(end + 1 - pos);
    return new Token(Kind.HEX, body, l, c);
  }

  private void skipSpaceAndComments() throws DcParseException {
    while (pos < text.length()) {
      char ch = at(pos);
      if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f') {
        advance(1);
      } else if (ch == '/' && at(pos + 1) == '/') {
        while (pos < text.length() && at(pos) != '\n') {
          advance(1);
        }
      } else if (ch == '/' && at(pos + 1) == '*') {
        int end = text.indexOf("*/", pos + 2);
        if (end < 0) {
          throw error(line, pos - lineStart + 1, "unterminated comment");
        }
        advance(end + 2 - pos);
      } else {
        return;
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static boolean isIdentChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }
}
