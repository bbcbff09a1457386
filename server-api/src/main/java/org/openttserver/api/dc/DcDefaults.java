package org.openttserver.api.dc;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.openttserver.api.dc.DcLexer.Kind;
import org.openttserver.api.dc.DcLexer.Token;

/**
 * Parses a 2003 default value ({@code = 5}, {@code = "x"}, {@code = <00ff>}, {@code = {1, 2 *
 * 3}}) into the bytes 2003 stores: element bytes, scaled by the divisor, no length prefix.
 */
final class DcDefaults {
  private final DcTokens in;
  private final DcType type;
  private final int divisor;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int itemIndex;

  private DcDefaults(DcTokens in, DcType type, int divisor) {
    this.in = in;
    this.type = type;
    this.divisor = divisor;
  }

  static byte[] parse(DcTokens in, DcType type, int divisor) throws DcParseException {
    return new DcDefaults(in, type, divisor).value();
  }

  private byte[] value() throws DcParseException {
    Token t = in.peek();
    if (t.kind() == Kind.HEX) {
      in.next();
      return HexFormat.of().parseHex(t.text());
    }
    if (t.kind() == Kind.STRING) {
      if (type != DcType.STRING && type != DcType.BLOB) {
        throw in.error(t, "a string default needs type string or blob");
      }
      in.next();
      return t.text().getBytes(StandardCharsets.ISO_8859_1);
    }
    if (t.is('{')) {
      return list();
    }
    if (t.kind() == Kind.INTEGER || t.kind() == Kind.REAL) {
      if (!scalarNumberAllowed()) {
        throw in.error(t, "a numeric default is not allowed for " + type.word());
      }
      in.next();
      number(type, t);
      return out.toByteArray();
    }
    throw in.expected("a default value");
  }

  private boolean scalarNumberAllowed() {
    return type.fixedSize() > 0 && type != DcType.INT64 && type != DcType.UINT64;
  }

  private byte[] list() throws DcParseException {
    Token open = in.expect('{');
    if (!type.isArray() && type != DcType.BLOB) {
      throw in.error(open, "a {...} default needs an array type or blob");
    }
    while (!in.peek().is('}')) {
      item();
      if (!in.accept(',')) {
        break;
      }
    }
    in.expect('}');
    return out.toByteArray();
  }

  private void item() throws DcParseException {
    Token t = in.next();
    int repeat = 1;
    if (in.accept('*')) {
      repeat = repeatCount(in.expect(Kind.INTEGER, "a repeat count"));
    }
    for (int i = 0; i < repeat; i++) {
      switch (t.kind()) {
        case HEX -> out.writeBytes(HexFormat.of().parseHex(t.text()));
        case STRING -> out.writeBytes(t.text().getBytes(StandardCharsets.ISO_8859_1));
        case INTEGER, REAL -> number(elementType(), t);
        default -> throw in.error(t, "expected a number, string or hex item, found " + t.describe());
      }
    }
  }

  private int repeatCount(Token t) throws DcParseException {
    try {
      int n = Integer.parseInt(t.text());
      if (n >= 0 && n <= 0xFFFF) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw in.error(t, "repeat count must be 0..65535");
  }

  private DcType elementType() {
    if (type == DcType.UINT32UINT8ARRAY) {
      return itemIndex % 2 == 0 ? DcType.UINT32 : DcType.UINT8;
    }
    return type == DcType.BLOB ? DcType.UINT8 : type.isArray() ? type.elementType() : type;
  }

  private void number(DcType t, Token tok) throws DcParseException {
    itemIndex++;
    BigDecimal v;
    try {
      v = tok.text().startsWith("0x") || tok.text().startsWith("0X")
          ? new BigDecimal(Long.parseLong(tok.text().substring(2), 16))
          : new BigDecimal(tok.text().startsWith("+") ? tok.text().substring(1) : tok.text());
    } catch (NumberFormatException e) {
      throw in.error(tok, "malformed number " + tok.describe());
    }
    if (t == DcType.FLOAT64) {
      writeLe(Double.doubleToLongBits(v.doubleValue()), 8);
      return;
    }
    long raw = (long) Math.floor(v.doubleValue() * divisor + 0.5);
    writeLe(raw, t.fixedSize());
  }

  private void writeLe(long v, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (v >>> (8 * i)));
    }
  }
}
