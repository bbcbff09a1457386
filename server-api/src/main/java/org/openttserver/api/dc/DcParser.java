package org.openttserver.api.dc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openttserver.api.dc.DcLexer.Kind;
import org.openttserver.api.dc.DcLexer.Token;

/**
 * Parses DC files in the 2003 dialect (formats.md §1.3) into a {@link DcFile}.
 *
 * <p>Files are loaded in order into one numbering space: class numbers and Astron global field
 * ids continue from file to file, and a class may inherit from a class of an earlier file.
 *
 * <p>The 2003 dialect: {@code //} and {@code /* *}{@code /} comments; a file is {@code dclass}
 * declarations and stray {@code ;}; {@code dclass NAME [: PARENT {, PARENT}] { fields }}; an
 * atomic field is {@code NAME(elements) flags} and a molecular field {@code NAME : A {, B}};
 * {@code ;} after a field or a class is optional. An element is a type word followed by any mix
 * of {@code /DIVISOR}, a name and {@code = default}. Reserved words ({@code dclass}, the 18 type
 * words, the 8 flags, {@code mol0}, {@code mol1}, …) cannot be names. Molecular components must
 * be atomic fields visible in the class, all with the same flags.
 *
 * <p>{@link DcDialect#EXTENDED} adds exactly two things for our own files: the keywords {@code
 * airecv} (bit 0x100) and {@code ownrecv} (the {@code p2p} bit). Everything else is the 2003
 * grammar, so an extension file also loads on a 2003 parser once these keywords are removed.
 *
 * @since 0.1
 */
public final class DcParser {
  private static final Set<String> FLAGS_2003 =
      Set.of("required", "broadcast", "p2p", "ram", "db", "clsend", "clrecv", "ownsend");

  final List<DcClass> classes = new ArrayList<>();
  final List<DcClass> structs = new ArrayList<>();
  final Map<String, DcClass> byName = new HashMap<>();
  final List<DcField> fields = new ArrayList<>();
  /** Class and struct numbers given so far (Astron's type ids). */
  int typeCount;
  /** State of the Astron-dialect files read so far (their types and keywords carry over). */
  private AstronDcParser.Shared astron;
  private DcTokens in;
  private DcDialect dialect;
  int sourceIndex;

  private DcParser() {}

  /**
   * Parses files in order into one {@link DcFile}.
   *
   * @param sources the files, the user's toon.dc first
   * @return the loaded classes
   * @throws DcParseException at the first malformed construct
   */
  public static DcFile parse(List<DcSource> sources) throws DcParseException {
    DcParser p = new DcParser();
    int[] ends = new int[sources.size()];
    for (DcSource s : sources) {
      p.parseSource(s);
      ends[p.sourceIndex++] = p.classes.size();
    }
    return new DcFile(p.classes, p.structs, p.fields, sources, ends);
  }

  /**
   * Parses one file.
   *
   * @param source the file
   * @return the loaded classes
   * @throws DcParseException at the first malformed construct
   */
  public static DcFile parse(DcSource source) throws DcParseException {
    return parse(List.of(source));
  }

  private void parseSource(DcSource s) throws DcParseException {
    if (s.dialect() == DcDialect.ASTRON) {
      if (astron == null) {
        astron = new AstronDcParser.Shared();
      }
      new AstronDcParser(this, astron, new DcTokens(s.name(), s.text(), true)).parseFile();
      return;
    }
    in = new DcTokens(s.name(), s.text());
    dialect = s.dialect();
    while (in.peek().kind() != Kind.EOF) {
      if (!in.accept(';')) {
        parseClass();
      }
    }
  }

  private boolean isReserved(String word) {
    return word.equals("dclass") || DcType.byWord(word) != null || keyword(word) != null
        || word.matches("mol[0-9]+");
  }

  /** {@return the keyword a word stands for in this dialect, or null} */
  private DcKeyword keyword(String word) {
    if (FLAGS_2003.contains(word)) {
      return DcKeyword.valueOf(word.toUpperCase(java.util.Locale.ROOT));
    }
    if (dialect == DcDialect.EXTENDED) {
      return word.equals("airecv") ? DcKeyword.AIRECV : word.equals("ownrecv") ? DcKeyword.P2P : null;
    }
    return null;
  }

  private Token name(String what) throws DcParseException {
    Token t = in.peek();
    if (t.kind() != Kind.IDENT || isReserved(t.text())) {
      throw in.expected(what);
    }
    return in.next();
  }

  private void parseClass() throws DcParseException {
    Token kw = in.peek();
    if (kw.kind() != Kind.IDENT || !kw.text().equals("dclass")) {
      throw in.expected("'dclass'");
    }
    in.next();
    Token name = name("a class name");
    if (byName.containsKey(name.text()) || astron != null && astron.types.containsKey(name.text())) {
      throw in.error(name, "duplicate class name '" + name.text() + "'");
    }
    List<DcClass> parents = new ArrayList<>();
    if (in.accept(':')) {
      do {
        parents.add(parent());
      } while (in.accept(','));
    }
    in.expect('{');
    DcClass c = new DcClass(name.text(), typeCount++, sourceIndex, parents, false, dialect);
    while (!in.accept('}')) {
      if (!in.accept(';')) {
        parseField(c);
      }
    }
    classes.add(c);
    byName.put(c.name(), c);
  }

  private DcClass parent() throws DcParseException {
    Token t = name("a parent class name");
    DcClass p = byName.get(t.text());
    if (p == null || p.isStruct()) {
      throw in.error(t, "unknown class '" + t.text() + "' (a parent must be declared earlier)");
    }
    return p;
  }

  private void parseField(DcClass c) throws DcParseException {
    Token name = name("a field name or '}'");
    for (DcField f : c.ownFields()) {
      if (f.name().equals(name.text())) {
        throw in.error(name, "duplicate field name '" + name.text() + "' in " + c.name());
      }
    }
    DcField f;
    if (in.accept('(')) {
      f = atomic(c, name.text());
    } else if (in.accept(':')) {
      f = molecular(c, name.text());
    } else {
      throw in.expected("'(' or ':' after field name");
    }
    fields.add(f);
    c.add(f);
  }

  private DcField atomic(DcClass c, String name) throws DcParseException {
    List<DcParameter> params = new ArrayList<>();
    if (!in.accept(')')) {
      do {
        params.add(parameter());
      } while (in.accept(','));
      if (!in.accept(')')) {
        throw in.expected("',' or ')'");
      }
    }
    int flags = 0;
    while (in.peek().kind() == Kind.IDENT && keyword(in.peek().text()) != null) {
      flags |= keyword(in.next().text()).bit();
    }
    return new DcField(name, c, fields.size(), c.nextNumber(), flags, params, List.of());
  }

  private DcParameter parameter() throws DcParseException {
    Token t = in.peek();
    DcType type = t.kind() == Kind.IDENT ? DcType.byWord(t.text()) : null;
    if (type == null) {
      throw in.expected("a type");
    }
    in.next();
    int divisor = 1;
    String name = "";
    byte[] def = null;
    while (true) {
      if (in.accept('/')) {
        divisor = divisor(in.expect(Kind.INTEGER, "a divisor"));
      } else if (in.peek().kind() == Kind.IDENT && !isReserved(in.peek().text())) {
        name = in.next().text();
      } else if (in.accept('=')) {
        def = DcDefaults.parse(in, type, divisor);
      } else {
        return new DcParameter(type, divisor, name, def);
      }
    }
  }

  private int divisor(Token t) throws DcParseException {
    try {
      int d = Integer.parseInt(t.text());
      if (d > 0 && d <= 0xFFFF) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw in.error(t, "a divisor must be 1..65535");
  }

  private DcField molecular(DcClass c, String name) throws DcParseException {
    List<DcField> parts = new ArrayList<>();
    do {
      Token t = name("an atomic field name");
      DcField part = visible(c, t.text());
      if (part == null || part.isMolecular()) {
        throw in.error(t, (part == null ? "unknown field '" : "not an atomic field '") + t.text() + "'");
      }
      if (!parts.isEmpty() && parts.get(0).flags() != part.flags()) {
        throw in.error(t, "Mismatched flags in molecule '" + name + "'");
      }
      parts.add(part);
    } while (in.accept(','));
    return new DcField(name, c, fields.size(), c.nextNumber(), parts.get(0).flags(), List.of(), parts);
  }

  /** Finds a field the way 2003's get_field_by_name does: own fields, then each parent. */
  static DcField visible(DcClass c, String name) {
    for (DcField f : c.ownFields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    for (DcClass p : c.parents()) {
      DcField f = visible(p, name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }
}
