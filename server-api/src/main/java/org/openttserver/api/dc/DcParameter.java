package org.openttserver.api.dc;

import java.util.Arrays;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

/**
 * One element of an atomic field: its type, divisor, optional name and optional default.
 *
 * <p>The value model of {@link #unpack} and {@link #pack}:
 *
 * <ul>
 *   <li>integer types: {@link Long} (uint32 widened; uint64 as its raw 64 bits); with a divisor
 *       other than 1: {@link Double}, the wire integer divided by the divisor;
 *   <li>float64: {@link Double} (the 2003 client ignores a divisor on float64, and so do we);
 *   <li>string: {@link String} (bytes decoded as UTF-8); blob: {@code byte[]};
 *   <li>the six simple array types: a {@link java.util.List} of element values as above;
 *   <li>uint32uint8array: a {@code List} of two-element {@code List}s (the divisor, if any,
 *       applies to both numbers of a pair).
 * </ul>
 *
 * <p>{@link #pack} accepts any {@link Number} for numbers and rounds with floor(v × divisor +
 * 0.5), the 2003 rule; a value that does not fit the type is refused with {@link
 * IllegalArgumentException}. Instances are immutable.
 *
 * @since 0.1
 */
public final class DcParameter {
  private final DcType type;
  private final int divisor;
  private final String name;
  private final byte[] defaultBytes;
  /** The type of a parameter of an Astron-dialect file; null for the 2003 dialects. */
  private final DcValueType astron;

  DcParameter(DcType type, int divisor, String name, byte[] defaultBytes) {
    this.type = type;
    this.divisor = divisor;
    this.name = name;
    this.defaultBytes = defaultBytes;
    this.astron = null;
  }

  /** A parameter of an Astron-dialect file; {@code defaultWire} is the default's wire form. */
  DcParameter(DcValueType astron, String name, byte[] defaultWire) {
    this.astron = astron;
    this.name = name;
    this.defaultBytes = defaultWire;
    this.divisor = astron.kind() == DcValueType.Kind.NUMBER ? astron.divisor() : 1;
    this.type = switch (astron.kind()) {
      case NUMBER -> astron.base();
      case STRUCT -> DcType.STRUCT;
      default -> astron.isText() ? DcType.STRING : astron.isBytes() ? DcType.BLOB : DcType.ARRAY;
    };
  }

  /** {@return the Astron type, or null for a parameter of a 2003-dialect file} */
  DcValueType astronType() {
    return astron;
  }

  /**
   * The type's full structure. For a parameter of a 2003-dialect file it is the equivalent
   * Astron type: {@code int16array} an array of int16 (its divisor on the element), {@code
   * uint32uint8array} a blob (the same wire bytes).
   *
   * @return the structure
   * @since 0.3
   */
  public DcValueType valueType() {
    if (astron != null) {
      return astron;
    }
    if (type == DcType.STRING) {
      return DcValueType.array(DcValueType.number(DcType.CHAR), false, 0, 0, "string");
    }
    if (type == DcType.BLOB || type == DcType.UINT32UINT8ARRAY) {
      return DcValueType.array(DcValueType.number(DcType.UINT8), false, 0, 0, "blob");
    }
    if (type.elementType() != null) {
      return DcValueType.array(DcValueType.number(type.elementType()).withDivisor(divisor), false,
          0, 0, "");
    }
    return DcValueType.number(type).withDivisor(divisor);
  }

  /** {@return the element type} */
  public DcType type() {
    return type;
  }

  /** {@return the divisor, 1 if none was written} */
  public int divisor() {
    return divisor;
  }

  /** {@return the element name as written, or the empty string} */
  public String name() {
    return name;
  }

  /** {@return whether the file gave a default value} */
  public boolean hasDefault() {
    return defaultBytes != null;
  }

  /**
   * {@return the explicit default as 2003 stores it (element bytes, no length prefix), or null;
   * for a parameter of an Astron-dialect file, its wire form}
   */
  public byte[] defaultBytes() {
    return defaultBytes == null ? null : defaultBytes.clone();
  }

  /** {@return the default in wire form: the explicit default, else zero or empty} */
  public byte[] defaultWireBytes() {
    if (astron != null) {
      return defaultBytes != null ? defaultBytes.clone() : AstronCodec.zero(astron);
    }
    DatagramWriter w = new DatagramWriter();
    byte[] d = defaultBytes == null ? new byte[0] : defaultBytes;
    if (type.fixedSize() > 0) {
      w.bytes(Arrays.copyOf(d, type.fixedSize()));
    } else {
      w.blob(d);
    }
    return w.toByteArray();
  }

  /** {@return the default in the value model (see {@link #defaultWireBytes()})} */
  public Object defaultValue() {
    return unpack(new DatagramReader(defaultWireBytes()));
  }

  /**
   * Reads one value.
   *
   * @param reader the bytes
   * @return the value, in the model described above
   * @throws DcValueException if the bytes are truncated or break a constraint
   */
  public Object unpack(DatagramReader reader) {
    return DcCodec.unpack(this, reader);
  }

  /**
   * Checks and skips one value without building it.
   *
   * @param reader the bytes
   * @throws DcValueException if the bytes are truncated or break a constraint
   */
  public void skip(DatagramReader reader) {
    DcCodec.skip(this, reader);
  }

  /**
   * Writes one value.
   *
   * @param writer where to write
   * @param value the value, in the model described above
   * @throws IllegalArgumentException if the value has the wrong Java type or does not fit
   */
  public void pack(DatagramWriter writer, Object value) {
    DcCodec.pack(this, writer, value);
  }

  @Override
  public String toString() {
    if (astron != null) {
      return astron + (name.isEmpty() ? "" : " " + name);
    }
    return type.word() + (divisor != 1 ? "/" + divisor : "") + (name.isEmpty() ? "" : " " + name);
  }
}
