package org.openttserver.api.dc;

import java.util.Objects;

/**
 * The structure of a parameter's type as Astron's DC dialect describes it: a number (with its
 * divisor, modulus and range), an array (of any element type, with a fixed length or a length
 * range; {@code string} and {@code blob} are arrays of {@code char} and {@code uint8}), or a
 * struct. Parameters of 2003-dialect files have the equivalent structure (an {@code int16array}
 * is an array of int16; a {@code uint32uint8array} a blob, which has the same wire bytes).
 *
 * <p>Wire forms, as Astron packs them: numbers little-endian and fixed width; an array whose
 * length is fixed and whose elements have a fixed size is its elements back to back; any other
 * array is a u16 <em>byte</em> count followed by its elements; a struct is its fields back to
 * back. Immutable.
 *
 * @since 0.3
 */
public final class DcValueType {
  /** What a type is. */
  public enum Kind {
    /** An integer, {@code char} or floating-point number. */
    NUMBER,
    /** An array, {@code string} or {@code blob}. */
    ARRAY,
    /** A struct. */
    STRUCT
  }

  private final Kind kind;
  private final DcType base;
  private final int divisor;
  private final double modulus;
  private final boolean hasRange;
  private final double min;
  private final double max;
  private final DcValueType element;
  private final DcClass struct;
  private String alias;
  private final int shared;
  /** {@link #fixedSize()}, worked out once (-2: not yet). */
  private int size = -2;

  private DcValueType(Kind kind, DcType base, int divisor, double modulus, boolean hasRange,
      double min, double max, DcValueType element, DcClass struct, String alias, int shared) {
    this.kind = kind;
    this.base = base;
    this.divisor = divisor;
    this.modulus = modulus;
    this.hasRange = hasRange;
    this.min = min;
    this.max = max;
    this.element = element;
    this.struct = struct;
    this.alias = alias;
    this.shared = shared;
  }

  static DcValueType number(DcType base) {
    return new DcValueType(Kind.NUMBER, base, 1, 0, false, 0, 0, null, null, "", 0);
  }

  DcValueType withDivisor(int d) {
    return new DcValueType(kind, base, d, modulus, hasRange, min, max, null, null, alias, 0);
  }

  DcValueType withModulus(double m) {
    return new DcValueType(kind, base, divisor, m, hasRange, min, max, null, null, alias, 0);
  }

  DcValueType withRange(double lo, double hi) {
    return new DcValueType(kind, base, divisor, modulus, true, lo, hi, element, struct, alias,
        shared);
  }

  /** An array; {@code alias} is "string" or "blob" for those words, else empty. */
  static DcValueType array(DcValueType element, boolean hasRange, long lo, long hi, String alias) {
    return new DcValueType(Kind.ARRAY, null, 1, 0, hasRange, lo, hi, element, null, alias, 0);
  }

  /** The plain {@code string} or {@code blob} word: one shared type per file, as in Astron. */
  static DcValueType basic(DcValueType element, String alias, int shared) {
    return new DcValueType(Kind.ARRAY, null, 1, 0, false, 0, 0, element, null, alias, shared);
  }

  static DcValueType struct(DcClass s) {
    return new DcValueType(Kind.STRUCT, null, 1, 0, false, 0, 0, null, s, s.name(), 0);
  }

  /** Renames the type (a typedef); Astron gives the type object itself the new name. */
  void setAlias(String name) {
    this.alias = name;
  }

  /** {@return 1 for the file's plain string, 2 for its plain blob, 0 otherwise} */
  int shared() {
    return shared;
  }

  /** {@return what the type is} */
  public Kind kind() {
    return kind;
  }

  /**
   * {@return for a number: its type ({@link DcType#INT8} … {@link DcType#UINT64}, {@link
   * DcType#CHAR}, {@link DcType#FLOAT32}, {@link DcType#FLOAT64}); null otherwise}
   */
  public DcType base() {
    return base;
  }

  /** {@return the divisor of a number, 1 if none} */
  public int divisor() {
    return divisor;
  }

  /** {@return whether a number has a modulus} */
  public boolean hasModulus() {
    return modulus != 0;
  }

  /** {@return a number's modulus as written (before scaling by the divisor), 0 if none} */
  public double modulus() {
    return modulus;
  }

  /**
   * {@return whether the type has a range: of values for a number (as written, before scaling),
   * of lengths for an array (element counts; bytes for string and blob)}
   */
  public boolean hasRange() {
    return hasRange;
  }

  /** {@return the range's lower end (see {@link #hasRange()})} */
  public double min() {
    return min;
  }

  /** {@return the range's upper end (see {@link #hasRange()})} */
  public double max() {
    return max;
  }

  /** {@return an array's element type; null otherwise} */
  public DcValueType element() {
    return element;
  }

  /** {@return a struct's declaration (a {@link DcClass} whose {@link DcClass#isStruct()}); null otherwise} */
  public DcClass struct() {
    return struct;
  }

  /** {@return the name the type was declared with: a typedef's name, "string", "blob", or ""} */
  public String alias() {
    return alias;
  }

  /** {@return an array's fixed element count, or 0 if its length varies} */
  public int fixedLength() {
    return kind == Kind.ARRAY && hasRange && min == max ? (int) min : 0;
  }

  /** {@return whether this is an array of {@code char} (a string)} */
  public boolean isText() {
    return kind == Kind.ARRAY && element.kind == Kind.NUMBER && element.base == DcType.CHAR;
  }

  /** {@return whether this is an array of {@code uint8} (a blob)} */
  public boolean isBytes() {
    return kind == Kind.ARRAY && element.kind == Kind.NUMBER && element.base == DcType.UINT8;
  }

  /** {@return the wire size in bytes, or -1 when it varies} */
  public int fixedSize() {
    if (size == -2) {
      size = computeSize();
    }
    return size;
  }

  private int computeSize() {
    switch (kind) {
      case NUMBER:
        return base.fixedSize();
      case ARRAY:
        int e = element.fixedSize();
        return fixedLength() > 0 && e > 0 ? fixedLength() * e : -1;
      default:
        int total = 0;
        for (DcField f : struct.ownFields()) {
          int s = f.parameters().get(0).valueType().fixedSize();
          if (s < 0) {
            return -1;
          }
          total += s;
        }
        return total;
    }
  }

  /** {@return whether the wire form carries a u16 byte count} */
  boolean lengthPrefixed() {
    return kind == Kind.ARRAY && fixedSize() < 0;
  }

  /** Equal structure (a struct: the same name and number), whatever the alias. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DcValueType t && kind == t.kind && base == t.base
        && divisor == t.divisor && modulus == t.modulus && hasRange == t.hasRange && min == t.min
        && max == t.max && Objects.equals(element, t.element)
        && (struct == null ? t.struct == null : t.struct != null
            && struct.name().equals(t.struct.name()) && struct.number() == t.struct.number());
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, base, divisor, modulus, min, max, element);
  }

  @Override
  public String toString() {
    switch (kind) {
      case NUMBER:
        return base.word() + (hasModulus() ? "%" + num(modulus) : "")
            + (divisor != 1 ? "/" + divisor : "")
            + (hasRange ? "(" + num(min) + (max == Math.rint(max) ? "-" : " - ") + num(max) + ")"
            : "");
      case STRUCT:
        return struct.name();
      default:
        String range = !hasRange ? "" : min == max ? num(min) : num(min) + "-" + num(max);
        if (alias.equals("string") || alias.equals("blob")) {
          return alias + (hasRange ? "(" + range + ")" : "");
        }
        return element + "[" + range + "]";
    }
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
