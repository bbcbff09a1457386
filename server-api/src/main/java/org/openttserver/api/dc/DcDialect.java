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
  EXTENDED
}
