package org.openttserver.api.dc;

/**
 * Which numbers identify fields on a wire.
 *
 * @since 0.1
 */
public enum DcNumbering {
  /** The 2003 client's per-class numbers ({@link DcField#number2003()}). */
  CLIENT_2003,
  /** Astron's global ids ({@link DcField#globalId()}). */
  GLOBAL
}
