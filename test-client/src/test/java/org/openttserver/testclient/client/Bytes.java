package org.openttserver.testclient.client;

/** Hand-written byte layouts for tests. */
final class Bytes {
  private Bytes() {}

  /** {@return the ints as bytes (low 8 bits each)} */
  static byte[] of(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  /** {@return several byte arrays one after another} */
  static byte[] cat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** {@return an ASCII string as u16 length + bytes} */
  static byte[] str(String ascii) {
    byte[] s = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return cat(of(s.length, s.length >>> 8), s);
  }
}
