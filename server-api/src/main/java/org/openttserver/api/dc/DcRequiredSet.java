package org.openttserver.api.dc;

/**
 * Which required fields a required block holds.
 *
 * @since 0.1
 */
public enum DcRequiredSet {
  /** Every required atomic field: Astron's REQ section and the 2003 avatar details (15). */
  ALL,
  /** Required and broadcast: the 2003 generates (34 and 35). */
  BROADCAST
}
