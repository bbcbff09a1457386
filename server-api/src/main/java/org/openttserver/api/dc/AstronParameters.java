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
