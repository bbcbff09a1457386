package org.openttserver.api.dc;

import java.util.ArrayList;
import java.util.List;

/** Splits DC text into tokens following the 2003 lexer's rules (see {@link DcParser}). */
final class DcLexer {
  /** Token kinds. */
  enum Kind { IDENT, INTEGER, REAL, STRING, HEX, PUNCT, EOF }

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
  private int pos;
  private int line = 1;
  private int lineStart;

  private DcLexer(String source, String text) {
    this.source = source;
    this.text = text;
  }

  static List<Token> tokenize(String source, String text) throws DcParseException {
    DcLexer lexer = new DcLexer(source, text);
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
    if (isDigit(ch) || (ch == '+' || ch == '-' || ch == '.') && startsNumber(pos)) {
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
