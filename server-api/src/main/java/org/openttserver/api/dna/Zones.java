package org.openttserver.api.dna;

/**
 * Zone arithmetic of the 2003 game (its {@code ZoneUtil}): a hood is a multiple of 1000, its
 * playground is the hood zone itself, streets are branch zones (multiples of 100) and their
 * visgroups, interiors are at {@code branch + 500 + block}.
 *
 * <pre>{@code
 * Zones.hood(2135) == 2000; Zones.branch(2135) == 2100; Zones.interior(2100, 7) == 2607;
 * }</pre>
 *
 * @since 0.2
 */
public final class Zones {
  /** The quiet zone clients pass through between places. */
  public static final int QUIET_ZONE = 1;
  /** The zone of district-wide objects. */
  public static final int UBER_ZONE = 2;

  private Zones() {}

  /** {@return the hood of a zone: zone - zone mod 1000} */
  public static int hood(int zone) {
    return zone - zone % 1000;
  }

  /** {@return true for a playground zone (a multiple of 1000, not 0)} */
  public static boolean isPlayground(int zone) {
    return zone >= 1000 && zone % 1000 == 0;
  }

  /** {@return true for an interior zone (zone mod 1000 of 500 or more)} */
  public static boolean isInterior(int zone) {
    return zone >= 1000 && zone % 1000 >= 500;
  }

  /** {@return true for a street zone: a branch or one of its visgroups} */
  public static boolean isStreet(int zone) {
    return zone >= 1000 && zone % 1000 != 0 && zone % 1000 < 500;
  }

  /** {@return the branch (street) zone of a street or interior zone: zone - zone mod 100, minus
   * 500 for interiors} */
  public static int branch(int zone) {
    int b = zone - zone % 100;
    return isInterior(zone) ? b - 500 : b;
  }

  /**
   * The interior zone of a building.
   *
   * @param branchOrHood the street's branch zone, or the hood zone for a playground building
   * @param block the landmark block number
   * @return {@code branchOrHood - branchOrHood mod 100 + 500 + block}
   */
  public static int interior(int branchOrHood, int block) {
    return branchOrHood - branchOrHood % 100 + 500 + block;
  }
}
