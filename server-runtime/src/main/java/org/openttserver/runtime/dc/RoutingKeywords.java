package org.openttserver.runtime.dc;

import org.openttserver.api.dc.AstronKeywords;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcKeyword;

/**
 * The keywords the cluster roles route and store by, exactly as Astron sees them on the
 * {@code dc-astron} rendering of our DC files. This is the one place that mapping lives.
 *
 * <p>The rendering (AstronDialectWriter) rewrites fields of the client's 2003 file (class source
 * index 0): {@code p2p} becomes {@code ownrecv airecv}, and every {@code clsend} field also gets
 * {@code airecv}. Fields of our own files keep their keywords ({@code ownrecv} is the
 * {@code p2p} bit there), as do fields of Astron-dialect files. So the same AI and extension
 * code sees the same traffic embedded and on a real Astron.
 */
public final class RoutingKeywords {
  private RoutingKeywords() {}

  /**
   * {@return whether updates go to the object's location channel}
   *
   * @param f the field
   */
  public static boolean broadcast(DcField f) {
    return f.has(DcKeyword.BROADCAST);
  }

  /**
   * {@return whether updates go to the owner channel (Astron {@code ownrecv})}
   *
   * @param f the field
   */
  public static boolean ownrecv(DcField f) {
    return f.has(DcKeyword.P2P);
  }

  /**
   * {@return whether updates go to the AI channel (Astron {@code airecv}, after the rewrite)}
   *
   * @param f the field
   */
  public static boolean airecv(DcField f) {
    return AstronKeywords.airecv(f, f.owner().dialect());
  }

  /**
   * {@return whether clients receive the field in generates (Astron {@code clrecv})}
   *
   * @param f the field
   */
  public static boolean clrecv(DcField f) {
    return f.has(DcKeyword.CLRECV);
  }

  /**
   * {@return whether the field is stored while the object lives}
   *
   * @param f the field
   */
  public static boolean ram(DcField f) {
    return f.has(DcKeyword.RAM);
  }

  /**
   * {@return whether the field is persisted}
   *
   * @param f the field
   */
  public static boolean db(DcField f) {
    return f.has(DcKeyword.DB);
  }

  /**
   * {@return whether the field is required}
   *
   * @param f the field
   */
  public static boolean required(DcField f) {
    return f.has(DcKeyword.REQUIRED);
  }

  /**
   * Whether a stored field goes into a client-facing snapshot (ENTER_LOCATION, ENTER_INTEREST:
   * broadcast or clrecv; ENTER_OWNER: also ownrecv).
   *
   * @param f the field
   * @param owner whether the snapshot is the owner's view
   * @return whether it is included
   */
  public static boolean clientVisible(DcField f, boolean owner) {
    return broadcast(f) || clrecv(f) || (owner && ownrecv(f));
  }
}
