package org.openttserver.api.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** Range checks and byte-array helpers shared by the message records. */
final class Fields {
  private Fields() {}

  static int u8(String name, int v) {
    if (v < 0 || v > 0xFF) {
      throw new IllegalArgumentException(name + " " + v + " is not a u8");
    }
    return v;
  }

  static int u16(String name, int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException(name + " " + v + " is not a u16");
    }
    return v;
  }

  static long u32(String name, long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(name + " " + v + " is not a u32");
    }
    return v;
  }

  static String str(String name, String v) {
    return Objects.requireNonNull(v, name);
  }

  static byte[] copy(String name, byte[] v) {
    return Objects.requireNonNull(v, name).clone();
  }

  static String hex(byte[] v) {
    return v.length <= 32 ? HexFormat.of().formatHex(v)
        : HexFormat.of().formatHex(v, 0, 32) + "…(" + v.length + " bytes)";
  }

  static boolean same(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }

  static int hash(byte[] v) {
    return Arrays.hashCode(v);
  }
}
