package org.openttserver.api.datagram;

import java.nio.charset.StandardCharsets;

/**
 * Reads the little-endian primitive encodings shared by Panda's 2003 {@code DatagramIterator} and
 * Astron: fixed-width integers and floats, strings and blobs with a u16 byte count, channels as
 * u64.
 *
 * <p>Every read is bounds-checked against the reader's limit and throws {@link
 * DatagramFormatException} (never an index exception) when the bytes run out. Unsigned values are
 * widened: {@link #readU8()} and {@link #readU16()} return {@code int}, {@link #readU32()}
 * returns {@code long}; u64 values come back as the raw 64 bits in a {@code long}.
 *
 * <p>A reader is a cursor over an array it does not copy; it is not thread-safe.
 *
 * @since 0.1
 */
public final class DatagramReader {
  private final byte[] data;
  private final int limit;
  private int pos;

  /**
   * Reads {@code length} bytes of {@code data} starting at {@code offset}.
   *
   * @param data the bytes; not copied, so they must not change while being read
   * @param offset first byte to read
   * @param length number of readable bytes
   */
  public DatagramReader(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset > data.length - length) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + length);
    }
    this.data = data;
    this.pos = offset;
    this.limit = offset + length;
  }

  /**
   * Reads all of {@code data}.
   *
   * @param data the bytes; not copied
   */
  public DatagramReader(byte[] data) {
    this(data, 0, data.length);
  }

  /** {@return the number of bytes not read yet} */
  public int remaining() {
    return limit - pos;
  }

  /** {@return the index of the next byte in the underlying array} */
  public int position() {
    return pos;
  }

  /** {@return the underlying array (for zero-copy slicing together with {@link #position()})} */
  public byte[] array() {
    return data;
  }

  /**
   * Fails unless every byte was read.
   *
   * @throws DatagramFormatException if bytes are left over
   */
  public void expectEnd() {
    if (pos != limit) {
      throw new DatagramFormatException((limit - pos) + " unexpected trailing byte(s)");
    }
  }

  private int take(int n) {
    if (n < 0 || limit - pos < n) {
      throw new DatagramFormatException(
          "truncated: needed " + n + " byte(s) at offset " + pos + ", " + (limit - pos) + " left");
    }
    int at = pos;
    pos += n;
    return at;
  }

  /**
   * Skips bytes.
   *
   * @param n how many
   */
  public void skip(int n) {
    take(n);
  }

  /** {@return a u8} */
  public int readU8() {
    return data[take(1)] & 0xFF;
  }

  /** {@return an i8} */
  public int readI8() {
    return data[take(1)];
  }

  /** {@return a bool (one byte; anything but 0 is true)} */
  public boolean readBool() {
    return readU8() != 0;
  }

  /** {@return a u16} */
  public int readU16() {
    int at = take(2);
    return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8;
  }

  /** {@return an i16} */
  public int readI16() {
    return (short) readU16();
  }

  /** {@return an i32} */
  public int readI32() {
    int at = take(4);
    return (data[at] & 0xFF)
        | (data[at + 1] & 0xFF) << 8
        | (data[at + 2] & 0xFF) << 16
        | (data[at + 3] & 0xFF) << 24;
  }

  /** {@return a u32, widened} */
  public long readU32() {
    return readI32() & 0xFFFF_FFFFL;
  }

  /** {@return an i64, or the raw bits of a u64} */
  public long readI64() {
    long lo = readI32() & 0xFFFF_FFFFL;
    long hi = readI32() & 0xFFFF_FFFFL;
    return lo | hi << 32;
  }

  /** {@return a u64 as its raw 64 bits (compare with {@link Long#compareUnsigned})} */
  public long readU64() {
    return readI64();
  }

  /** {@return a channel (u64)} */
  public long readChannel() {
    return readI64();
  }

  /** {@return a doid (u32), widened} */
  public long readDoId() {
    return readU32();
  }

  /** {@return a float32} */
  public float readF32() {
    return Float.intBitsToFloat(readI32());
  }

  /** {@return a float64} */
  public double readF64() {
    return Double.longBitsToDouble(readI64());
  }

  /**
   * Reads exactly {@code n} bytes into a new array.
   *
   * @param n how many
   * @return a copy
   */
  public byte[] readBytes(int n) {
    int at = take(n);
    byte[] out = new byte[n];
    System.arraycopy(data, at, out, 0, n);
    return out;
  }

  /** {@return a blob: u16 byte count, then the bytes (copied)} */
  public byte[] readBlob() {
    return readBytes(readU16());
  }

  /**
   * {@return a string: u16 byte count, then the bytes, one character per byte (ISO-8859-1, the
   * 2003 client's text encoding; lossless, so {@link DatagramWriter#string} writes the same bytes
   * back)}
   */
  public String readString() {
    int n = readU16();
    int at = take(n);
    return new String(data, at, n, StandardCharsets.ISO_8859_1);
  }

  /**
   * Reads a string whose byte count must not exceed {@code maxBytes}.
   *
   * @param maxBytes the largest accepted byte count
   * @return the string
   * @throws DatagramFormatException if it is longer or truncated
   */
  public String readString(int maxBytes) {
    int n = readU16();
    if (n > maxBytes) {
      throw new DatagramFormatException("string of " + n + " bytes, at most " + maxBytes + " allowed");
    }
    int at = take(n);
    return new String(data, at, n, StandardCharsets.ISO_8859_1);
  }

  /**
   * Returns a reader over the next {@code n} bytes and advances this one past them.
   *
   * @param n how many bytes the slice holds
   * @return a reader sharing this reader's array
   */
  public DatagramReader slice(int n) {
    int at = take(n);
    return new DatagramReader(data, at, n);
  }

  /** {@return a copy of every byte not read yet; the reader ends up at its limit} */
  public byte[] readRemaining() {
    return readBytes(remaining());
  }
}
