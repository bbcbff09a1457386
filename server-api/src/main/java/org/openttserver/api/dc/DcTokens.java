package org.openttserver.api.dc;

import java.util.List;
import org.openttserver.api.dc.DcLexer.Kind;
import org.openttserver.api.dc.DcLexer.Token;

/** A cursor over one file's tokens, with error helpers that name the position. */
final class DcTokens {
  private final String source;
  private final List<Token> tokens;
  private int pos;

  DcTokens(String source, String text) throws DcParseException {
    this(source, text, false);
  }

  DcTokens(String source, String text, boolean astron) throws DcParseException {
    this.source = source;
    this.tokens = DcLexer.tokenize(source, text, astron);
  }

  /** {@return the token after the next one} */
  Token peek2() {
    return tokens.get(Math.min(pos + 1, tokens.size() - 1));
  }

  Token peek() {
    return tokens.get(pos);
  }

  Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  boolean accept(char c) {
    if (peek().is(c)) {
      pos++;
      return true;
    }
    return false;
  }

  Token expect(char c) throws DcParseException {
    if (!peek().is(c)) {
      throw expected("'" + c + "'");
    }
    return next();
  }

  Token expect(Kind kind, String what) throws DcParseException {
    if (peek().kind() != kind) {
      throw expected(what);
    }
    return next();
  }

  DcParseException expected(String what) {
    return error(peek(), "expected " + what + ", found " + peek().describe());
  }

  DcParseException error(Token at, String what) {
    return new DcParseException(source, at.line(), at.column(), what);
  }
}
