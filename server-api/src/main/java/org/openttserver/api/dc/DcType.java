package org.openttserver.api.dc;

import java.util.HashMap;
import java.util.Map;

/**
 * The 18 element types of the 2003 DC dialect, with their hash codes and wire widths, and the
 * kinds Astron's dialect adds ({@link #CHAR}, {@link #FLOAT32}, {@link #ARRAY}, {@link #STRUCT};
 * see {@link DcValueType} for their structure).
 *
 * <p>Scalars are little-endian and fixed width; {@code string} and {@code blob} are a u16 byte
 * count and the bytes; every array type is a u16 <em>byte</em> count followed by the packed
 * elements ({@code uint32uint8array}: 5 bytes per pair, a u32 then a u8).
 *
 * @since 0.1
 */
public enum DcType {
  /** Signed 8-bit integer. */
  INT8(0, "int8", 1, null),
  /** Signed 16-bit integer. */
  INT16(1, "int16", 2, null),
  /** Signed 32-bit integer. */
  INT32(2, "int32", 4, null),
  /** Signed 64-bit integer. */
  INT64(3, "int64", 8, null),
  /** Unsigned 8-bit integer. */
  UINT8(4, "uint8", 1, null),
  /** Unsigned 16-bit integer. */
  UINT16(5, "uint16", 2, null),
  /** Unsigned 32-bit integer. */
  UINT32(6, "uint32", 4, null),
  /** Unsigned 64-bit integer. */
  UINT64(7, "uint64", 8, null),
  /** IEEE 754 double. */
  FLOAT64(8, "float64", 8, null),
  /** Text: u16 byte count, then the bytes. */
  STRING(9, "string", -1, null),
  /** Opaque bytes: u16 byte count, then the bytes. */
  BLOB(10, "blob", -1, null),
  /** Array of int16. */
  INT16ARRAY(11, "int16array", -1, INT16),
  /** Array of int32. */
  INT32ARRAY(12, "int32array", -1, INT32),
  /** Array of uint16. */
  UINT16ARRAY(13, "uint16array", -1, UINT16),
  /** Array of uint32. */
  UINT32ARRAY(14, "uint32array", -1, UINT32),
  /** Array of int8. */
  INT8ARRAY(15, "int8array", -1, INT8),
  /** Array of uint8. */
  UINT8ARRAY(16, "uint8array", -1, UINT8),
  /** Array of (uint32, uint8) pairs, 5 bytes each. */
  UINT32UINT8ARRAY(17, "uint32uint8array", -1, null),
  /**
   * Astron's {@code char}: one byte, a number in the value model ({@link Long}).
   *
   * @since 0.3
   */
  CHAR(19, "char", 1, null),
  /**
   * Astron's {@code float32}: an IEEE 754 single, a {@link Double} in the value model.
   *
   * @since 0.3
   */
  FLOAT32(-1, "float32", 4, null),
  /**
   * An Astron array other than a string or blob ({@link DcParameter#valueType()} has its
   * element type and length): a {@link java.util.List} in the value model.
   *
   * @since 0.3
   */
  ARRAY(-1, "", -1, null),
  /**
   * An Astron struct: a {@link java.util.List} of its fields' values in the value model.
   *
   * @since 0.3
   */
  STRUCT(-1, "", -1, null);

  private static final Map<String, DcType> BY_WORD = new HashMap<>();

  static {
    for (DcType t : values()) {
      if (t.ordinal() <= UINT32UINT8ARRAY.ordinal()) {
        BY_WORD.put(t.word, t);
      }
    }
  }

  private final int code;
  private final String word;
  private final int size;
  private final DcType element;

  DcType(int code, String word, int size, DcType element) {
    this.code = code;
    this.word = word;
    this.size = size;
    this.element = element;
  }

  /**
   * {@return the 2003 type code fed to the hash (int8 0 … uint32uint8array 17); 19 for char and
   * -1 for the other Astron kinds, which have none}
   */
  public int code() {
    return code;
  }

  /** {@return the type word as written in a DC file} */
  public String word() {
    return word;
  }

  /** {@return the fixed wire width in bytes, or -1 for a length-prefixed type} */
  public int fixedSize() {
    return size;
  }

  /** {@return whether this is one of the seven 2003 array types} */
  public boolean isArray() {
    return code >= 11 && code <= 17;
  }

  /** {@return whether this is a fixed-width integer type ({@code char} included)} */
  public boolean isInteger() {
    return code >= 0 && code <= 7 || this == CHAR;
  }

  /** {@return whether values of this integer type are signed} */
  public boolean isSigned() {
    return code >= 0 && code <= 3;
  }

  /**
   * {@return the element type of a simple array type, or null for scalars, string, blob and
   * uint32uint8array}
   */
  public DcType elementType() {
    return element;
  }

  /** {@return bytes per array element: 5 for uint32uint8array, the element width otherwise} */
  public int elementSize() {
    return this == UINT32UINT8ARRAY ? 5 : element == null ? 1 : element.size;
  }

  /**
   * Looks up a type word.
   *
   * @param word e.g. {@code "uint16array"}
   * @return the type, or null if the word is not a 2003 type word (Astron's {@code char} and
   *     {@code float32} are not)
   */
  public static DcType byWord(String word) {
    return BY_WORD.get(word);
  }
}
