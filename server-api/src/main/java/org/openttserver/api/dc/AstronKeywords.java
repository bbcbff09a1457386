package org.openttserver.api.dc;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps 2003 flags to Astron keywords for {@link AstronDialectWriter}.
 *
 * <p>Fields from a {@link DcDialect#DC_2003} file: {@code p2p} becomes {@code ownrecv airecv}
 * (2003 {@code p2p} means "to the owner", and the 2003 server also let the AI see these
 * updates), and every {@code clsend} field also gets {@code airecv} (the 2003 server routed
 * client-sent updates on AI objects to the AI; without a receiving keyword Astron would route a
 * plain {@code clsend} field nowhere). The AI ignores what it does not handle. Fields from an
 * {@link DcDialect#EXTENDED} file keep exactly the keywords written ({@code p2p}/{@code ownrecv}
 * as {@code ownrecv}).

 * @since 0.1
 */
public final class AstronKeywords {
  /** Every keyword the writer may emit, in the order declared. */
  static final List<String> ALL = List.of(
      "required", "broadcast", "ownrecv", "ram", "db", "airecv", "clsend", "clrecv", "ownsend");

  private AstronKeywords() {}

  /**
   * Tells whether Astron delivers the field's updates to the object's AI on our rendering: the
   * one place the {@code airecv} rewrite of 2003 fields is decided, for the writer and for the
   * embedded roles alike.
   *
   * @param f the field
   * @param dialect the dialect of the file that declares it
   * @return true if the rendering gives the field {@code airecv}
   */
  public static boolean airecv(DcField f, DcDialect dialect) {
    return f.has(DcKeyword.AIRECV)
        || dialect == DcDialect.DC_2003 && (f.has(DcKeyword.P2P) || f.has(DcKeyword.CLSEND));
  }

  static List<String> of(DcField f, DcDialect dialect) {
    boolean airecv = airecv(f, dialect);
    List<String> out = new ArrayList<>();
    add(out, f.has(DcKeyword.REQUIRED), "required");
    add(out, f.has(DcKeyword.BROADCAST), "broadcast");
    add(out, f.has(DcKeyword.P2P), "ownrecv");
    add(out, f.has(DcKeyword.RAM), "ram");
    add(out, f.has(DcKeyword.DB), "db");
    add(out, airecv, "airecv");
    add(out, f.has(DcKeyword.CLSEND), "clsend");
    add(out, f.has(DcKeyword.CLRECV), "clrecv");
    add(out, f.has(DcKeyword.OWNSEND), "ownsend");
    return out;
  }

  private static void add(List<String> out, boolean present, String word) {
    if (present) {
      out.add(word);
    }
  }
}
