package org.openttserver.api.dc;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.openttserver.api.datagram.DatagramReader;

/**
 * Writes a parameter list in Astron's syntax for {@link AstronDialectWriter}: divisors on the
 * (element) type, array types as {@code element/divisor name[]}, names made unique and never
 * Astron words, defaults as Astron literals.
 */
final class AstronParameters {
  private static final Set<String> ASTRON_WORDS = Set.of("dclass", "struct", "from", "import",
      "keyword", "typedef", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
      "uint64", "float32", "float64", "string", "blob", "char");

  private AstronParameters() {}

  static String write(List<DcParameter> params) {
    StringJoiner out = new StringJoiner(", ");
    Set<String> used = new HashSet<>();
    for (int i = 0; i < params.size(); i++) {
      DcParameter p = params.get(i);
      String name = uniqueName(p.name(), i, used);
      String def = p.hasDefault() ? defaultLiteral(p) : null;
      out.add(type(p, name) + (def == null ? "" : " = " + def));
    }
    return out.toString();
  }

  /** Writes the parameters of an Astron-dialect field as they were declared. */
  static String writeAstron(List<DcParameter> params) {
    StringJoiner out = new StringJoiner(", ");
    params.forEach(p -> out.add(write(p, p.name())));
    return out.toString();
  }

  /**
   * Writes one Astron-dialect parameter or struct or parameter field: its type, the name (if
   * any) with the array suffixes after it, and its default as an Astron literal.
   */
  static String write(DcParameter p, String name) {
    DcValueType t = p.valueType();
    String suffix = "";
    while (t.kind() == DcValueType.Kind.ARRAY && !name.isEmpty() && !isWord(t)) {
      suffix = "[" + range(t) + "]" + suffix;
      t = t.element();
    }
    String type = spell(t);
    String def = p.hasDefault() ? " = " + literal(p.valueType(),
        new DatagramReader(p.defaultWireBytes())) : "";
    return type + (name.isEmpty() ? "" : " " + name) + suffix + def;
  }

  private static boolean isWord(DcValueType t) {
    return (t.isText() && t.element().toString().equals("char") || t.isBytes()
        && t.element().toString().equals("uint8"))
        && (t.alias().equals("string") || t.alias().equals("blob"));
  }

  private static String range(DcValueType t) {
    if (!t.hasRange()) {
      return "";
    }
    return t.min() == t.max() ? DcValueType.num(t.min())
        : DcValueType.num(t.min()) + "-" + DcValueType.num(t.max());
  }

  /** A type with no name after it: arrays as {@code element[range]}. */
  private static String spell(DcValueType t) {
    if (t.kind() == DcValueType.Kind.ARRAY && !isWord(t)) {
      return spell(t.element()) + "[" + range(t) + "]";
    }
    return t.toString();
  }

  /** A value in Astron's literal syntax, read from its wire form. */
  private static String literal(DcValueType t, DatagramReader r) {
    switch (t.kind()) {
      case NUMBER: {
        Object v = AstronCodec.unpack(DcValueType.number(t.base()), r);
        return v instanceof Double d ? Double.toString(d) : t.base() == DcType.UINT64
            ? Long.toUnsignedString((Long) v) : v.toString();
      }
      case STRUCT: {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        t.struct().ownFields().forEach(f -> out.add(literal(f.parameters().get(0).valueType(), r)));
        return out.toString();
      }
      default:
        if (t.isBytes()) {
          int start = r.position();
          Object b = AstronCodec.unpack(t, r);
          // A variable blob's hex literal is its packed form, length included (as Astron reads it).
          return "<" + HexFormat.of().formatHex(t.lengthPrefixed()
              ? java.util.Arrays.copyOfRange(r.array(), start, r.position()) : (byte[]) b) + ">";
        }
        if (t.isText()) {
          String s = (String) AstronCodec.unpack(t, r);
          StringBuilder q = new StringBuilder("\"");
          for (char ch : s.toCharArray()) {
            q.append(ch == '"' || ch == '\\' ? "\\" + ch : ch < 0x20 || ch > 0x7e
                ? String.format("\\x%02x", (int) ch) : String.valueOf(ch));
          }
          return q.append('"').toString();
        }
        int n = t.fixedLength();
        DatagramReader in = r;
        if (t.lengthPrefixed()) {
          in = r.slice(r.readU16());
        }
        StringJoiner out = new StringJoiner(", ", "[", "]");
        for (int i = 0; t.lengthPrefixed() ? in.remaining() > 0 : i < n; i++) {
          out.add(literal(t.element(), in));
        }
        return out.toString();
    }
  }

  private static String uniqueName(String name, int index, Set<String> used) {
    String base = name.isEmpty() || ASTRON_WORDS.contains(name) ? "arg" + index : name;
    String n = base;
    for (int k = 1; !used.add(n); k++) {
      n = base + "_" + k;
    }
    return n;
  }

  private static String type(DcParameter p, String name) {
    DcType t = p.type();
    String div = p.divisor() != 1 && (t.isInteger() || t.elementType() != null) ? "/" + p.divisor() : "";
    if (t.elementType() != null && !div.isEmpty()) {
      return t.elementType().word() + div + " " + name + "[]";
    }
    return t.word() + div + " " + name;
  }

  /** {@return the default as an Astron literal, or null where Astron cannot express it} */
  private static String defaultLiteral(DcParameter p) {
    DcType t = p.type();
    if (t == DcType.BLOB || t == DcType.UINT32UINT8ARRAY) {
      // Astron takes <hex> as the packed value, so it includes the u16 length prefix.
      return "<" + HexFormat.of().formatHex(p.defaultWireBytes()) + ">";
    }
    if (t == DcType.STRING) {
      String s = new String(p.defaultBytes(), StandardCharsets.ISO_8859_1);
      return s.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ? "\"" + s + "\"" : null;
    }
    // Astron does not scale defaults by the divisor: it wants the raw wire integer.
    DcParameter raw = new DcParameter(t, 1, p.name(), p.defaultBytes());
    Object v = raw.unpack(new DatagramReader(raw.defaultWireBytes()));
    if (v instanceof List<?> list) {
      StringJoiner items = new StringJoiner(", ", "[", "]");
      list.forEach(e -> items.add(number(e)));
      return items.toString();
    }
    return number(v);
  }

  private static String number(Object v) {
    return v instanceof Double d ? Double.toString(d) : v.toString();
  }
}
