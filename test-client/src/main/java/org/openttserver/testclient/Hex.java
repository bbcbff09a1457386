package org.openttserver.testclient;

/** Hex dumps for failure messages. */
public final class Hex {
  private static final int MAX_SHOWN = 256;

  private Hex() {}

  /**
   * Formats bytes as space-separated hex pairs, cut after 256 bytes.
   *
   * @param bytes the bytes
   * @return e.g. {@code "01 ff 10"}
   */
  public static String of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  /**
   * Formats part of an array as space-separated hex pairs, cut after 256 bytes.
   *
   * @param bytes the array
   * @param offset first byte
   * @param length how many bytes
   * @return e.g. {@code "01 ff 10"}
   */
  public static String of(byte[] bytes, int offset, int length) {
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(length, MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(Character.forDigit((bytes[offset + i] >> 4) & 0xF, 16));
      sb.append(Character.forDigit(bytes[offset + i] & 0xF, 16));
    }
    if (shown < length) {
      sb.append(" … (").append(length).append(" bytes)");
    }
    return sb.toString();
  }
}
