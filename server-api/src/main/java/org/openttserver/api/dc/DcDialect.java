package org.openttserver.api.dc;

/**
 * Which DC dialect a source is parsed in.
 *
 * @since 0.1
 */
public enum DcDialect {
  /**
   * The 2003 dialect exactly as the sv1.0.6.9 client's parser accepts it (the user's toon.dc).
   * Every non-2003 construct is a parse error.
   */
  DC_2003,
  /**
   * The 2003 dialect plus the few extras our own files use: the keywords {@code airecv} and
   * {@code ownrecv} (a synonym of {@code p2p}).
   */
  EXTENDED,
  /**
   * Astron's dialect, as Astron's parser reads it: {@code struct}, {@code typedef}, {@code
   * keyword} declarations, {@code import} and {@code from … import} lines (read and ignored),
   * the types {@code char} and {@code float32}, sized {@code string(n)} and {@code blob(n)},
   * arrays ({@code T x[]}, {@code T[3]}, {@code T[2-5]}), ranges ({@code uint8(0-100)}),
   * divisors and moduli ({@code int16/10}, {@code uint16%360}), parameter fields ({@code uint8
   * level db;}), Astron's value literals for defaults, a {@code ;} after every field. The
   * keywords astrond declares itself (required, broadcast, ownrecv, ram, db, airecv, clsend,
   * clrecv, ownsend) need no declaration.
   *
   * @since 0.3
   */
  ASTRON
}
