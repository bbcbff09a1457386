package org.openttserver.api.bridge;

/**
 * Argument checks shared by the bridge and the runtime's commands that put doIds and zones on
 * the cluster wire, where both are u32: {@code DatagramWriter.u32} keeps only the low 32 bits,
 * so a larger value would silently address another object.
 *
 * <p>Example: {@code long zone = BridgeArguments.requireU32("zone", z);} throws for {@code
 * 1L << 32 | 5} instead of sending zone 5.
 *
 * @since 0.2
 */
public final class BridgeArguments {
  private static final long U32_MAX = 0xFFFF_FFFFL;

  private BridgeArguments() {}

  /**
   * Checks that a value fits a u32 (0 to 4294967295).
   *
   * @param name what the value is, for the message ("doId", "parent", "zone")
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if it is negative or above 4294967295
   */
  public static long requireU32(String name, long value) {
    if (value < 0 || value > U32_MAX) {
      throw new IllegalArgumentException(name + " must be a u32 (0 to " + U32_MAX + "), got "
          + value);
    }
    return value;
  }

  /**
   * Checks a parent and every zone, as {@link #requireU32}.
   *
   * @param parent the parent doId
   * @param zones the zones
   */
  public static void requireLocation(long parent, long... zones) {
    requireU32("parent", parent);
    for (long z : zones) {
      requireU32("zone", z);
    }
  }
}
