package org.openttserver.api.dc;

import java.io.IOException;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes loaded classes in the DC dialect Astron's parser accepts, for an Astron cluster
 * (formats.md §1.5–1.6).
 *
 * <p>The output keeps every class in order with no structs (so Astron's class ids equal our class
 * numbers) and every field in order (so Astron's global field ids equal {@link
 * DcField#globalId()}), with the same wire bytes per field. It starts with a {@code keyword} line
 * for every keyword it may use and typedefs for the 2003 array words ({@code typedef int16
 * int16array[];} …; {@code typedef blob uint32uint8array;}, which has the same wire bytes as
 * 5-byte pairs with a u16 byte count). Then:
 *
 * <ul>
 *   <li>keywords are mapped as described in {@code AstronKeywords}: {@code p2p} becomes {@code
 *       ownrecv airecv}, {@code clsend} also gets {@code airecv} (2003 files only);
 *   <li>divisors go on the type ({@code int16/10 x}); an array with a divisor becomes {@code
 *       int16/10 x[]}; divisors on float64, string, blob and uint32uint8array are dropped (they
 *       do not change the wire bytes);
 *   <li>every parameter gets a name: the 2003 one, else {@code argN}; duplicates get {@code _1},
 *       {@code _2} suffixes;
 *   <li>defaults are written as Astron literals: integers as the raw wire integer (Astron does
 *       not scale a default by the divisor, and refuses a fraction for an integer type), {@code
 *       "text"}, {@code [1, 2]} for
 *       arrays, and for blobs and pairs {@code <hex>} of the packed value, u16 length included,
 *       which is how Astron reads a hex literal); a string default with quotes, backslashes or
 *       non-ASCII bytes is dropped;
 *   <li>every field ends with {@code ;}; molecular fields carry no keywords (Astron takes them
 *       from the components).
 * </ul>
 *
 * <p>Classes and structs of Astron-dialect files are written in their number order with the
 * keywords they declare, their types spelled out (typedef names are not kept: ids and wire bytes
 * stay, the file's legacy hash may not) and their defaults as Astron literals.
 *
 * @since 0.1
 */
public final class AstronDialectWriter {
  private AstronDialectWriter() {}

  /**
   * Writes every class of {@code file}.
   *
   * @param file the loaded classes
   * @param out where to write
   * @throws IOException if {@code out} fails
   */
  public static void write(DcFile file, Appendable out) throws IOException {
    out.append("// Astron-dialect rendering of ").append(String.join(", ", file.sourceNames()))
        .append(", written by OpenTTServer. Class and field order are significant.\n\n");
    java.util.Set<String> keywords = new java.util.LinkedHashSet<>(AstronKeywords.ALL);
    for (DcField f : file.fields()) {
      if (f.owner().dialect() == DcDialect.ASTRON) {
        keywords.addAll(f.keywordNames());
      }
    }
    for (String k : keywords) {
      out.append("keyword ").append(k).append(";\n");
    }
    out.append('\n');
    if (file.classes().stream().anyMatch(c -> c.dialect() != DcDialect.ASTRON)) {
      // Only for 2003-dialect classes: the last line renames Astron's shared blob type.
      for (DcType t : DcType.values()) {
        if (t.elementType() != null) {
          out.append("typedef ").append(t.elementType().word()).append(' ').append(t.word()).append("[];\n");
        }
      }
      out.append("typedef blob uint32uint8array;\n");
    }
    for (DcClass c : file.types()) {
      if (c.isStruct()) {
        out.append("\nstruct ").append(c.name()).append(" {\n");
        for (DcField f : c.ownFields()) {
          out.append("  ").append(AstronParameters.write(f.parameters().get(0), f.name()))
              .append(";\n");
        }
        out.append("};\n");
      } else {
        writeClass(c, c.dialect(), out);
      }
    }
  }

  private static void writeClass(DcClass c, DcDialect dialect, Appendable out) throws IOException {
    out.append("\ndclass ").append(c.name());
    if (!c.parents().isEmpty()) {
      StringJoiner parents = new StringJoiner(", ", " : ", "");
      c.parents().forEach(p -> parents.add(p.name()));
      out.append(parents.toString());
    }
    out.append(" {\n");
    for (DcField f : c.ownFields()) {
      out.append("  ").append(f.isParameterField()
          ? AstronParameters.write(f.parameters().get(0), f.name()) : f.name());
      if (f.isMolecular()) {
        StringJoiner parts = new StringJoiner(", ", " : ", "");
        f.components().forEach(p -> parts.add(p.name()));
        out.append(parts.toString());
      } else if (dialect == DcDialect.ASTRON) {
        if (!f.isParameterField()) {
          out.append('(').append(AstronParameters.writeAstron(f.parameters())).append(')');
        }
        for (String k : f.keywordNames()) {
          out.append(' ').append(k);
        }
      } else {
        out.append('(').append(AstronParameters.write(f.parameters())).append(')');
        List<String> keywords = AstronKeywords.of(f, dialect);
        for (String k : keywords) {
          out.append(' ').append(k);
        }
      }
      out.append(";\n");
    }
    out.append("};\n");
  }
}
