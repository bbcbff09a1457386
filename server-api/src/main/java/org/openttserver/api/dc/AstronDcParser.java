package org.openttserver.api.dc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcLexer.Kind;
import org.openttserver.api.dc.DcLexer.Token;

/**
 * Parses one file of {@link DcDialect#ASTRON} into the {@link DcParser}'s numbering space (see
 * that constant for the dialect). Classes and structs take type numbers in declaration order,
 * and every field (struct fields included) a global id, as in Astron.
 *
 * <p>Not supported, each refused with a parse error saying so: a constructor field (named like
 * its class), a {@code dclass} used as a parameter type, and a default value on a field with a
 * parameter list.
 */
final class AstronDcParser {
  private static final Set<String> RESERVED = Set.of("dclass", "struct", "from", "import",
      "keyword", "typedef", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
      "uint64", "float32", "float64", "string", "blob", "char");
  private static final Map<String, DcType> NUMBERS = Map.ofEntries(
      Map.entry("int8", DcType.INT8), Map.entry("int16", DcType.INT16),
      Map.entry("int32", DcType.INT32), Map.entry("int64", DcType.INT64),
      Map.entry("uint8", DcType.UINT8), Map.entry("uint16", DcType.UINT16),
      Map.entry("uint32", DcType.UINT32), Map.entry("uint64", DcType.UINT64),
      Map.entry("char", DcType.CHAR), Map.entry("float32", DcType.FLOAT32),
      Map.entry("float64", DcType.FLOAT64));
  private static final Map<String, DcKeyword> FLAG_WORDS = Map.of("required", DcKeyword.REQUIRED,
      "broadcast", DcKeyword.BROADCAST, "ownrecv", DcKeyword.P2P, "ram", DcKeyword.RAM,
      "db", DcKeyword.DB, "clsend", DcKeyword.CLSEND, "clrecv", DcKeyword.CLRECV,
      "ownsend", DcKeyword.OWNSEND, "airecv", DcKeyword.AIRECV);

  /** What Astron-dialect files share: types by name, declared keywords, string and blob. */
  static final class Shared {
    final Map<String, DcValueType> types = new HashMap<>();
    final Set<String> keywords = new LinkedHashSet<>(FLAG_WORDS.keySet());
    final DcValueType string =
        DcValueType.basic(DcValueType.number(DcType.CHAR), "string", 1);
    final DcValueType blob =
        DcValueType.basic(DcValueType.number(DcType.UINT8), "blob", 2);
  }

  private final DcParser out;
  private final Shared shared;
  private final DcTokens in;

  AstronDcParser(DcParser out, Shared shared, DcTokens in) {
    this.out = out;
    this.shared = shared;
    this.in = in;
  }

  void parseFile() throws DcParseException {
    while (in.peek().kind() != Kind.EOF) {
      Token t = in.peek();
      if (in.accept(';')) {
        continue;
      }
      switch (t.kind() == Kind.IDENT ? t.text() : "") {
        case "dclass" -> dclass();
        case "struct" -> struct();
        case "typedef" -> typedef();
        case "keyword" -> keywordDecl();
        case "import", "from" -> importLine();
        default -> throw in.expected("'dclass', 'struct', 'typedef', 'keyword' or an import");
      }
    }
  }

  // ----- declarations -----

  private void importLine() throws DcParseException {
    // Read and ignored, as Astron keeps imports only for the Python side.
    boolean from = in.next().text().equals("from");
    module();
    if (from) {
      expectWord("import");
      if (!in.accept('*')) {
        do {
          alternatives();
        } while (in.accept(','));
      }
    }
  }

  private void module() throws DcParseException {
    do {
      alternatives();
    } while (in.accept('.'));
  }

  private void alternatives() throws DcParseException {
    do {
      identifier("a module or symbol name");
    } while (in.accept('/'));
  }

  private void keywordDecl() throws DcParseException {
    in.next();
    while (in.peek().kind() == Kind.IDENT && !RESERVED.contains(in.peek().text())) {
      shared.keywords.add(in.next().text());
    }
  }

  private void typedef() throws DcParseException {
    in.next();
    DcValueType t = nonMethodType();
    Token name = identifier("a typedef name");
    t = arraySuffixes(t);
    checkNewTypeName(name, "typedef");
    t.setAlias(name.text());
    shared.types.put(name.text(), t);
  }

  private void checkNewTypeName(Token name, String what) throws DcParseException {
    if (shared.types.containsKey(name.text()) || out.byName.containsKey(name.text())) {
      throw in.error(name, "Cannot add '" + what + " " + name.text()
          + "' to file because a type was already declared with that name.");
    }
  }

  private void struct() throws DcParseException {
    in.next();
    Token name = identifier("a struct name");
    checkNewTypeName(name, "struct");
    DcClass s = new DcClass(name.text(), out.typeCount++, out.sourceIndex, List.of(), true,
        DcDialect.ASTRON);
    in.expect('{');
    Set<String> names = new java.util.HashSet<>();
    while (!in.accept('}')) {
      if (in.accept(';')) {
        continue;
      }
      Token at = in.peek();
      DcValueType t = nonMethodType();
      String fieldName = "";
      if (in.peek().kind() == Kind.IDENT && !RESERVED.contains(in.peek().text())) {
        Token n = in.next();
        fieldName = n.text();
        if (fieldName.equals(s.name())) {
          throw in.error(n, "A constructor can't be defined in a struct.");
        }
        if (!names.add(fieldName)) {
          throw in.error(n, "Cannot add field '" + fieldName + "', a field with that name already "
              + "exists in 'struct " + s.name() + "'.");
        }
        t = arraySuffixes(t);
      } else if (in.peek().is('(')) {
        throw in.error(at, "A method can't be defined in a struct.");
      }
      byte[] def = in.accept('=') ? value(t) : null;
      in.expect(';');
      DcParameter p = new DcParameter(t, fieldName, def);
      DcField f = new DcField(fieldName, s, out.fields.size(), s.nextNumber(), 0, List.of(p),
          List.of(), List.of(), true);
      out.fields.add(f);
      s.add(f);
    }
    out.structs.add(s);
    out.byName.put(s.name(), s);
    shared.types.put(s.name(), DcValueType.struct(s));
  }

  private void dclass() throws DcParseException {
    in.next();
    Token name = identifier("a class name");
    checkNewTypeName(name, "dclass");
    List<DcClass> parents = new ArrayList<>();
    if (in.accept(':')) {
      do {
        Token p = identifier("a parent class name");
        DcClass c = out.byName.get(p.text());
        if (c == null || c.isStruct()) {
          throw in.error(p, c == null ? "'dclass " + p.text() + "' has not been declared."
              : "class cannot inherit from struct type '" + p.text() + "'.");
        }
        parents.add(c);
      } while (in.accept(','));
    }
    in.expect('{');
    DcClass c = new DcClass(name.text(), out.typeCount++, out.sourceIndex, parents, false,
        DcDialect.ASTRON);
    while (!in.accept('}')) {
      if (!in.accept(';')) {
        classField(c);
        in.expect(';');
      }
    }
    out.classes.add(c);
    out.byName.put(c.name(), c);
  }

  private void classField(DcClass c) throws DcParseException {
    Token first = in.peek();
    DcField f;
    if (first.kind() == Kind.IDENT && !RESERVED.contains(first.text()) && in.peek2().is(':')) {
      f = molecular(c);
    } else if (first.kind() == Kind.IDENT && !RESERVED.contains(first.text())
        && in.peek2().is('(')) {
      Token name = in.next();
      checkFieldName(c, name);
      List<DcParameter> params = parameters();
      if (in.peek().is('=')) {
        throw in.error(in.peek(), "a default value on a field with a parameter list is not "
            + "supported");
      }
      List<String> kws = keywords();
      f = new DcField(name.text(), c, out.fields.size(), c.nextNumber(), flags(kws), params,
          List.of(), kws, false);
    } else {
      DcValueType t = nonMethodType();
      Token name = identifier("a field name");
      checkFieldName(c, name);
      t = arraySuffixes(t);
      byte[] def = in.accept('=') ? value(t) : null;
      List<String> kws = keywords();
      f = new DcField(name.text(), c, out.fields.size(), c.nextNumber(), flags(kws),
          List.of(new DcParameter(t, name.text(), def)), List.of(), kws, true);
    }
    out.fields.add(f);
    c.add(f);
  }

  private void checkFieldName(DcClass c, Token name) throws DcParseException {
    if (name.text().equals(c.name())) {
      throw in.error(name, "a constructor field (named like its class) is not supported");
    }
    for (DcField f : c.ownFields()) {
      if (f.name().equals(name.text())) {
        throw in.error(name, "Cannot add field '" + name.text() + "', a field with that name "
            + "already exists in 'dclass " + c.name() + "'.");
      }
    }
  }

  private DcField molecular(DcClass c) throws DcParseException {
    Token name = in.next();
    checkFieldName(c, name);
    in.expect(':');
    List<DcField> parts = new ArrayList<>();
    do {
      Token t = identifier("an atomic field name");
      DcField part = lookup(c, t.text());
      if (part == null) {
        throw in.error(t, "Field '" + t.text() + "' not defined in current class.");
      }
      if (part.isMolecular()) {
        throw in.error(t, "Cannot add molecular '" + t.text() + "' to a molecular field.");
      }
      if (!parts.isEmpty() && !Set.copyOf(parts.get(0).keywordNames())
          .equals(Set.copyOf(part.keywordNames()))) {
        throw in.error(t, "Mismatched keywords in molecular between " + parts.get(0).name()
            + " and " + t.text() + ".");
      }
      parts.add(part);
    } while (in.accept(','));
    DcField head = parts.get(0);
    return new DcField(name.text(), c, out.fields.size(), c.nextNumber(), head.flags(),
        List.of(), parts, head.keywordNames(), false);
  }

  /** A field by name as Astron's classes see it: own fields, then those of every parent. */
  private static DcField lookup(DcClass c, String name) {
    for (DcField f : c.ownFields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    for (DcClass p : c.parents()) {
      DcField f = lookup(p, name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private List<String> keywords() throws DcParseException {
    List<String> kws = new ArrayList<>();
    while (in.peek().kind() == Kind.IDENT && !RESERVED.contains(in.peek().text())) {
      Token k = in.next();
      if (!shared.keywords.contains(k.text())) {
        throw in.error(k, "Keyword '" + k.text() + "' has not been declared.");
      }
      if (!kws.contains(k.text())) {
        kws.add(k.text());
      }
    }
    return kws;
  }

  private static int flags(List<String> kws) {
    int flags = 0;
    for (String k : kws) {
      DcKeyword known = FLAG_WORDS.get(k);
      flags |= known == null ? 0 : known.bit();
    }
    return flags;
  }

  private List<DcParameter> parameters() throws DcParseException {
    in.expect('(');
    List<DcParameter> params = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    if (in.accept(')')) {
      return params;
    }
    do {
      DcValueType base = baseType();
      String name = "";
      DcValueType t;
      if (in.peek().kind() == Kind.IDENT && !RESERVED.contains(in.peek().text())) {
        Token n = in.next();
        name = n.text();
        if (!names.add(name)) {
          throw in.error(n, "Cannot add parameter '" + name + "', a parameter with that name is "
              + "already used in this method.");
        }
        t = arraySuffixes(base);
      } else {
        t = arraySuffixes(base);
      }
      byte[] def = in.accept('=') ? value(t) : null;
      params.add(new DcParameter(t, name, def));
    } while (in.accept(','));
    in.expect(')');
    return params;
  }

  // ----- types -----

  /** A type with any {@code [range]} suffixes directly after it. */
  private DcValueType nonMethodType() throws DcParseException {
    return arraySuffixes(baseType());
  }

  private DcValueType arraySuffixes(DcValueType t) throws DcParseException {
    while (in.accept('[')) {
      long[] r = arrayRange(']');
      t = DcValueType.array(t, r != null, r == null ? 0 : r[0], r == null ? 0 : r[1], "");
    }
    return t;
  }

  private DcValueType baseType() throws DcParseException {
    Token t = in.peek();
    if (t.kind() != Kind.IDENT) {
      throw in.expected("a type");
    }
    DcType number = NUMBERS.get(t.text());
    if (number != null) {
      in.next();
      return numeric(number);
    }
    if (t.text().equals("string") || t.text().equals("blob")) {
      in.next();
      boolean text = t.text().equals("string");
      if (!in.accept('(')) {
        return text ? shared.string : shared.blob;
      }
      long[] r = arrayRange(')');
      return DcValueType.array(DcValueType.number(text ? DcType.CHAR : DcType.UINT8), r != null,
          r == null ? 0 : r[0], r == null ? 0 : r[1], t.text());
    }
    if (RESERVED.contains(t.text())) {
      throw in.expected("a type");
    }
    in.next();
    DcValueType named = shared.types.get(t.text());
    if (named == null) {
      DcClass c = out.byName.get(t.text());
      throw in.error(t, c != null ? "a dclass as a parameter type is not supported ('"
          + t.text() + "')" : "Type '" + t.text() + "' has not been declared.");
    }
    return named;
  }

  private DcValueType numeric(DcType base) throws DcParseException {
    DcValueType t = DcValueType.number(base);
    if (in.peek().is('%')) {
      Token at = in.next();
      double m = number();
      if (!validModulus(base, m, 1)) {
        throw in.error(at, "Invalid modulus for type.");
      }
      t = t.withModulus(m);
    }
    if (in.peek().is('/')) {
      Token at = in.next();
      long d = unsigned();
      if (d == 0 || (t.hasModulus() && !validModulus(base, t.modulus(), d))) {
        throw in.error(at, "Invalid divisor for type.");
      }
      t = t.withDivisor((int) d);
    }
    if (in.peek().is('(')) {
      Token at = in.next();
      double[] r = numericRange();
      if (r == null) {
        throw in.error(at, "Invalid range for type.");
      }
      t = t.withRange(r[0], r[1]);
    }
    return t;
  }

  /** Astron's rule: the modulus scaled by the divisor is 1 to the type's largest value + 1. */
  private static boolean validModulus(DcType base, double m, long divisor) {
    if (m <= 0) {
      return false;
    }
    if (base == DcType.FLOAT32 || base == DcType.FLOAT64) {
      return true;
    }
    double scaled = Math.floor(m * divisor + 0.5);
    int bytes = base.fixedSize();
    return scaled >= 1 && (bytes == 8 || scaled <= Math.pow(2, bytes * 8));
  }

  /** {@code (lo-hi)} or {@code (v)} of a number; null for {@code ()}. */
  private double[] numericRange() throws DcParseException {
    if (in.accept(')')) {
      return null;
    }
    double lo = charOrNumber();
    double hi = lo;
    if (in.accept('-')) {
      hi = charOrNumber();
    }
    in.expect(')');
    return new double[] {lo, hi};
  }

  /** {@code [lo-hi]}, {@code [n]} or {@code []} (null) of an array, closed by {@code close}. */
  private long[] arrayRange(char close) throws DcParseException {
    if (in.accept(close)) {
      return null;
    }
    long lo = charOrUnsigned();
    long hi = lo;
    if (in.accept('-')) {
      hi = charOrUnsigned();
    }
    in.expect(close);
    return new long[] {lo, hi};
  }

  private long charOrUnsigned() throws DcParseException {
    if (in.peek().kind() == Kind.CHAR) {
      return singleChar(in.next());
    }
    Token at = in.peek();
    long v = unsigned();
    if (v > 0xFFFF) {
      // A longer array could not be sent: a datagram holds at most 65535 bytes.
      throw in.error(at, "an array length above 65535 is not supported");
    }
    return v;
  }

  private double charOrNumber() throws DcParseException {
    if (in.peek().kind() == Kind.CHAR) {
      return singleChar(in.next());
    }
    return number();
  }

  private int singleChar(Token t) throws DcParseException {
    if (t.text().length() != 1) {
      throw in.error(t, "Single character required.");
    }
    return t.text().charAt(0) & 0xFF;
  }

  private long unsigned() throws DcParseException {
    Token t = in.expect(Kind.INTEGER, "an unsigned integer");
    return parseUnsigned(t);
  }

  private long parseUnsigned(Token t) throws DcParseException {
    try {
      String s = t.text();
      return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
          : Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw in.error(t, "Number out of range.");
    }
  }

  /** An unsigned integer, {@code +n}, {@code -n} or a real number. */
  private double number() throws DcParseException {
    Token t = in.peek();
    if (t.kind() == Kind.REAL) {
      in.next();
      return Double.parseDouble(t.text());
    }
    if (t.is('+') || t.is('-')) {
      in.next();
      double v = (double) parseUnsigned(in.expect(Kind.INTEGER, "an integer"));
      return t.is('-') ? -v : v;
    }
    return (double) unsigned();
  }

  // ----- values -----

  /** A value literal in the wire form of {@code t}. */
  private byte[] value(DcValueType t) throws DcParseException {
    DatagramWriter w = new DatagramWriter();
    writeValue(t, w);
    return w.toByteArray();
  }

  private void writeValue(DcValueType t, DatagramWriter w) throws DcParseException {
    Token v = in.peek();
    switch (t.kind()) {
      case NUMBER -> w.bytes(numberValue(t.base()));
      case STRUCT -> {
        in.expect('{');
        List<DcField> fields = t.struct().ownFields();
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            in.expect(',');
          }
          writeValue(fields.get(i).parameters().get(0).valueType(), w);
        }
        in.expect('}');
      }
      default -> {
        if (v.kind() == Kind.STRING && (t.isText() || t.isBytes())) {
          in.next();
          byte[] b = v.text().getBytes(StandardCharsets.ISO_8859_1);
          prefixed(t, w, b, v);
        } else if (v.kind() == Kind.HEX && t.isBytes()) {
          in.next();
          byte[] b = HexFormat.of().parseHex(v.text());
          if (t.lengthPrefixed()) {
            w.bytes(b); // Astron takes the hex of a variable blob as its packed form
          } else {
            prefixed(t, w, b, v);
          }
        } else if (v.is('[')) {
          arrayValue(t, w);
        } else {
          throw in.error(v, "Cannot use this value for type '" + t + "'.");
        }
      }
    }
  }

  private void prefixed(DcValueType t, DatagramWriter w, byte[] b, Token at)
      throws DcParseException {
    if (t.fixedLength() > 0 && b.length != t.fixedLength()) {
      throw in.error(at, "Value for fixed-length " + (t.isText() ? "string" : "blob")
          + " has incorrect length.");
    }
    if (t.lengthPrefixed()) {
      w.u16(b.length);
    }
    w.bytes(b);
  }

  private void arrayValue(DcValueType t, DatagramWriter w) throws DcParseException {
    Token open = in.expect('[');
    DatagramWriter body = new DatagramWriter();
    long count = 0;
    while (!in.peek().is(']')) {
      int before = body.size();
      writeValue(t.element(), body);
      long n = 1;
      if (in.accept('*')) {
        // "value * n": the element n times.
        n = unsigned();
        byte[] all = body.toByteArray();
        byte[] one = java.util.Arrays.copyOfRange(all, before, all.length);
        if (n == 0) {
          body = new DatagramWriter().bytes(all, 0, before);
        }
        for (long i = 1; i < n; i++) {
          body.bytes(one);
        }
      }
      count += n;
      if (!in.accept(',')) {
        break;
      }
    }
    in.expect(']');
    if (t.fixedLength() > 0 ? count != t.fixedLength()
        : t.hasRange() && (count < t.min() || count > t.max())) {
      throw in.error(open, "Wrong number of elements (" + count + ") in array value for '" + t
          + "'.");
    }
    byte[] b = body.toByteArray();
    if (t.lengthPrefixed()) {
      w.u16(b.length);
    }
    w.bytes(b);
  }

  /** A number literal packed as {@code base}, as Astron's checks allow (no divisor applied). */
  private byte[] numberValue(DcType base) throws DcParseException {
    Token t = in.peek();
    DatagramWriter w = new DatagramWriter();
    boolean real = base == DcType.FLOAT32 || base == DcType.FLOAT64;
    if (t.kind() == Kind.CHAR) {
      in.next();
      if (base != DcType.CHAR) {
        throw in.error(t, "Cannot use char value for non-char type '" + base.word() + "'.");
      }
      return new byte[] {(byte) singleChar(t)};
    }
    if (t.kind() == Kind.REAL) {
      if (!real) {
        throw in.error(t, "Cannot use floating-point value for integer datatype.");
      }
      in.next();
      double d = Double.parseDouble(t.text());
      return base == DcType.FLOAT32 ? w.f32((float) d).toByteArray() : w.f64(d).toByteArray();
    }
    boolean negative = t.is('-');
    if (t.is('-') || t.is('+')) {
      in.next();
    }
    Token n = in.expect(Kind.INTEGER, "a value");
    long v = parseUnsigned(n);
    if (real) {
      double d = negative ? -(double) v : (double) v;
      return base == DcType.FLOAT32 ? w.f32((float) d).toByteArray() : w.f64(d).toByteArray();
    }
    if (negative && !base.isSigned()) {
      throw in.error(t, "Can't use negative value for unsigned integer datatype.");
    }
    long raw = negative ? -v : v;
    if (base != DcType.INT64 && base != DcType.UINT64) {
      int bits = base.fixedSize() * 8;
      long min = base.isSigned() ? -(1L << (bits - 1)) : 0;
      long max = base.isSigned() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
      if (raw < min || raw > max) {
        throw in.error(n, "Integer out of range for type '" + base.word() + "'.");
      }
    }
    switch (base.fixedSize()) {
      case 1 -> w.u8((int) raw);
      case 2 -> w.u16((int) raw);
      case 4 -> w.u32(raw & 0xFFFF_FFFFL);
      default -> w.i64(raw);
    }
    return w.toByteArray();
  }

  // ----- tokens -----

  private Token identifier(String what) throws DcParseException {
    Token t = in.peek();
    if (t.kind() != Kind.IDENT || RESERVED.contains(t.text())) {
      throw in.expected(what);
    }
    return in.next();
  }

  private void expectWord(String word) throws DcParseException {
    if (in.peek().kind() != Kind.IDENT || !in.peek().text().equals(word)) {
      throw in.expected("'" + word + "'");
    }
    in.next();
  }
}
