package org.openttserver.api.datagram;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the little-endian primitive encodings shared by Panda's 2003 {@code Datagram} and
 * Astron into a growing byte array.
 *
 * <p>Strings and blobs are written as a u16 byte count followed by the bytes; a string or blob
 * longer than 65535 bytes, or a datagram that would grow past {@link #MAX_SIZE}, is refused with
 * {@link IllegalArgumentException} (the wire has no way to carry it). Writers are not
 * thread-safe.
 *
 * @since 0.1
 */
public final class DatagramWriter {
  /** The largest datagram body both wires can frame: the u16 length prefix's maximum. */
  public static final int MAX_SIZE = 0xFFFF;

  private byte[] buf;
  private int size;

  /** Creates an empty writer. */
  public DatagramWriter() {
    this(64);
  }

  /**
   * Creates an empty writer.
   *
   * @param initialCapacity bytes to reserve
   */
  public DatagramWriter(int initialCapacity) {
    buf = new byte[Math.max(8, initialCapacity)];
  }

  private int reserve(int n) {
    int at = size;
    int needed = size + n;
    if (needed > MAX_SIZE) {
      throw new IllegalArgumentException("datagram would exceed " + MAX_SIZE + " bytes");
    }
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(MAX_SIZE, Math.max(needed, buf.length * 2)));
    }
    size = needed;
    return at;
  }

  /** {@return the number of bytes written} */
  public int size() {
    return size;
  }

  /**
   * Writes a u8 or i8 (the low 8 bits).
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter u8(int v) {
    int at = reserve(1); // reserve may replace buf, so it must run before buf is read
    buf[at] = (byte) v;
    return this;
  }

  /**
   * Writes an i8.
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter i8(int v) {
    return u8(v);
  }

  /**
   * Writes a bool as one byte.
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  /**
   * Writes a u16 or i16 (the low 16 bits).
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter u16(int v) {
    int at = reserve(2);
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
    return this;
  }

  /**
   * Writes an i16.
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter i16(int v) {
    return u16(v);
  }

  /**
   * Writes an i32.
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter i32(int v) {
    int at = reserve(4);
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
    buf[at + 2] = (byte) (v >>> 16);
    buf[at + 3] = (byte) (v >>> 24);
    return this;
  }

  /**
   * Writes a u32 (the low 32 bits of {@code v}).
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter u32(long v) {
    return i32((int) v);
  }

  /**
   * Writes an i64 or u64.
   *
   * @param v the value (raw bits for u64)
   * @return this
   */
  public DatagramWriter i64(long v) {
    i32((int) v);
    return i32((int) (v >>> 32));
  }

  /**
   * Writes a u64.
   *
   * @param v the raw 64 bits
   * @return this
   */
  public DatagramWriter u64(long v) {
    return i64(v);
  }

  /**
   * Writes a channel (u64).
   *
   * @param channel the channel
   * @return this
   */
  public DatagramWriter channel(long channel) {
    return i64(channel);
  }

  /**
   * Writes a doid (u32).
   *
   * @param doId the object id
   * @return this
   */
  public DatagramWriter doId(long doId) {
    return u32(doId);
  }

  /**
   * Writes a float32.
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter f32(float v) {
    return i32(Float.floatToIntBits(v));
  }

  /**
   * Writes a float64.
   *
   * @param v the value
   * @return this
   */
  public DatagramWriter f64(double v) {
    return i64(Double.doubleToLongBits(v));
  }

  /**
   * Writes raw bytes with no prefix.
   *
   * @param bytes the bytes
   * @return this
   */
  public DatagramWriter bytes(byte[] bytes) {
    return bytes(bytes, 0, bytes.length);
  }

  /**
   * Writes raw bytes with no prefix.
   *
   * @param bytes the source
   * @param offset first byte
   * @param length count
   * @return this
   */
  public DatagramWriter bytes(byte[] bytes, int offset, int length) {
    int at = reserve(length);
    System.arraycopy(bytes, offset, buf, at, length);
    return this;
  }

  /**
   * Writes a blob: u16 byte count, then the bytes.
   *
   * @param bytes the bytes, at most 65535
   * @return this
   */
  public DatagramWriter blob(byte[] bytes) {
    return blob(bytes, 0, bytes.length);
  }

  /**
   * Writes a blob: u16 byte count, then the bytes.
   *
   * @param bytes the source
   * @param offset first byte
   * @param length count, at most 65535
   * @return this
   */
  public DatagramWriter blob(byte[] bytes, int offset, int length) {
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("blob of " + length + " bytes does not fit a u16 length");
    }
    u16(length);
    return bytes(bytes, offset, length);
  }

  /**
   * Writes a string: u16 byte count, then one byte per character (ISO-8859-1, the 2003 client's
   * text encoding; a character above U+00FF is written as {@code ?}). Strings read with {@link
   * DatagramReader#readString()} are written back byte for byte.
   *
   * @param s the text
   * @return this
   */
  public DatagramWriter string(String s) {
    return blob(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Overwrites a u16 written earlier (for counts known only afterwards).
   *
   * @param offset where the u16 starts
   * @param v the value
   * @return this
   */
  public DatagramWriter setU16(int offset, int v) {
    if (offset < 0 || offset > size - 2) {
      throw new IndexOutOfBoundsException("offset " + offset);
    }
    buf[offset] = (byte) v;
    buf[offset + 1] = (byte) (v >>> 8);
    return this;
  }

  /** {@return a copy of the bytes written} */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
