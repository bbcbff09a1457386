package org.openttserver.api.dc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcValueException.Kind;

/**
 * Packs, unpacks and checks values of Astron-dialect types ({@link DcValueType}).
 *
 * <p>Value model: integers and {@code char} are {@link Long} (a {@link Double} divided by the
 * divisor when there is one), floats {@link Double}; arrays of {@code char} are {@link String},
 * arrays of {@code uint8} {@code byte[]}, other arrays and structs {@link List}.
 *
 * <p>Received bytes are checked as Astron's unpacking checks them: a number's range (scaled by
 * its divisor), an array's element count (its fixed length or range; bytes for strings and
 * blobs), text bytes below 0x80; a modulus is not checked. Packing applies the modulus (the value
 * is wrapped into {@code [0, modulus)}), then refuses what breaks a range or a length with {@link
 * IllegalArgumentException}.
 */
final class AstronCodec {
  private AstronCodec() {}

  static void skip(DcValueType t, DatagramReader r) {
    unpack(t, r);
  }

  static Object unpack(DcValueType t, DatagramReader r) {
    switch (t.kind()) {
      case NUMBER:
        return readNumber(t, r);
      case STRUCT: {
        List<Object> out = new ArrayList<>();
        for (DcField f : t.struct().ownFields()) {
          out.add(unpack(f.parameters().get(0).valueType(), r));
        }
        return out;
      }
      default:
        return readArray(t, r);
    }
  }

  private static Object readNumber(DcValueType t, DatagramReader r) {
    DcType b = t.base();
    DcCodec.need(r, b.fixedSize());
    if (b == DcType.FLOAT32 || b == DcType.FLOAT64) {
      double v = b == DcType.FLOAT32 ? r.readF32() : r.readF64();
      if (t.hasRange() && !(v >= t.min() * t.divisor() && v <= t.max() * t.divisor())) {
        throw constraint(b.word() + " value out of its range");
      }
      return v;
    }
    long raw = switch (b) {
      case INT8 -> r.readI8();
      case INT16 -> r.readI16();
      case INT32 -> r.readI32();
      case INT64 -> r.readI64();
      case UINT8, CHAR -> r.readU8();
      case UINT16 -> r.readU16();
      case UINT32 -> r.readU32();
      default -> r.readU64();
    };
    if (t.hasRange() && !inRange(t, raw)) {
      throw constraint(b.word() + " value " + (b == DcType.UINT64 ? Long.toUnsignedString(raw)
          : Long.toString(raw)) + " out of its range");
    }
    return t.divisor() == 1 ? (Object) raw : (Object) ((double) raw / t.divisor());
  }

  /** Astron's test: the raw integer against the range scaled by the divisor and rounded. */
  private static boolean inRange(DcValueType t, long raw) {
    long lo = scaled(t, t.min());
    long hi = scaled(t, t.max());
    if (t.base().isSigned()) {
      return lo <= raw && raw <= hi;
    }
    return Long.compareUnsigned(lo, raw) <= 0 && Long.compareUnsigned(raw, hi) <= 0;
  }

  private static long scaled(DcValueType t, double v) {
    return (long) Math.floor(v * t.divisor() + 0.5);
  }

  private static Object readArray(DcValueType t, DatagramReader r) {
    if (!t.lengthPrefixed()) {
      int n = t.fixedLength();
      if (t.isText() || t.isBytes()) {
        DcCodec.need(r, n);
        return bytesValue(t, r.readBytes(n));
      }
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(unpack(t.element(), r));
      }
      return out;
    }
    DcCodec.need(r, 2);
    int len = r.readU16();
    DcCodec.need(r, len);
    Object value;
    int count;
    if (t.isText() || t.isBytes()) {
      value = bytesValue(t, r.readBytes(len));
      count = len;
    } else {
      DatagramReader in = r.slice(len);
      List<Object> out = new ArrayList<>();
      while (in.remaining() > 0) {
        try {
          out.add(unpack(t.element(), in));
        } catch (DcValueException e) {
          throw e.kind() == Kind.TRUNCATED
              ? constraint("an element runs past the end of its array") : e;
        }
      }
      value = out;
      count = out.size();
    }
    checkCount(t, count, true);
    return value;
  }

  private static Object bytesValue(DcValueType t, byte[] b) {
    if (t.isBytes()) {
      return b;
    }
    for (byte x : b) {
      if (x < 0) {
        throw constraint("text byte above 0x7f");
      }
    }
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static void checkCount(DcValueType t, long count, boolean received) {
    boolean ok = t.fixedLength() > 0 ? count == t.fixedLength()
        : !t.hasRange() || count >= (long) t.min() && count <= (long) t.max();
    if (!ok) {
      String what = "length " + count + " outside " + t;
      if (received) {
        throw constraint(what);
      }
      throw new IllegalArgumentException(what);
    }
  }

  private static DcValueException constraint(String what) {
    return new DcValueException(Kind.CONSTRAINT, what);
  }

  static void pack(DcValueType t, DatagramWriter w, Object v) {
    switch (t.kind()) {
      case NUMBER -> writeNumber(t, w, v);
      case STRUCT -> {
        List<DcField> fields = t.struct().ownFields();
        List<?> values = cast(v, List.class, t);
        if (values.size() != fields.size()) {
          throw new IllegalArgumentException(t + " takes " + fields.size() + " value(s), got "
              + values.size());
        }
        for (int i = 0; i < fields.size(); i++) {
          pack(fields.get(i).parameters().get(0).valueType(), w, values.get(i));
        }
      }
      default -> writeArray(t, w, v);
    }
  }

  private static void writeNumber(DcValueType t, DatagramWriter w, Object v) {
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(t + " needs a number, got " + name(v));
    }
    DcType b = t.base();
    if (b == DcType.FLOAT32 || b == DcType.FLOAT64) {
      double d = n.doubleValue();
      if (t.hasModulus()) {
        double m = t.modulus() * t.divisor();
        d = d - Math.floor(d / m) * m;
      }
      if (t.hasRange() && !(d >= t.min() * t.divisor() && d <= t.max() * t.divisor())) {
        throw new IllegalArgumentException(d + " outside " + t);
      }
      if (b == DcType.FLOAT32) {
        w.f32((float) d);
      } else {
        w.f64(d);
      }
      return;
    }
    long raw = t.divisor() == 1 && !(n instanceof Double || n instanceof Float) ? n.longValue()
        : (long) Math.floor(n.doubleValue() * t.divisor() + 0.5);
    if (t.hasModulus()) {
      raw = Math.floorMod(raw, scaled(t, t.modulus()));
    }
    if (b != DcType.INT64 && b != DcType.UINT64) {
      int bits = b.fixedSize() * 8;
      long min = b.isSigned() ? -(1L << (bits - 1)) : 0;
      long max = b.isSigned() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
      if (raw < min || raw > max) {
        throw new IllegalArgumentException(raw + " does not fit " + b.word());
      }
    }
    if (t.hasRange() && !inRange(t, raw)) {
      throw new IllegalArgumentException(n + " outside " + t);
    }
    switch (b.fixedSize()) {
      case 1 -> w.u8((int) raw);
      case 2 -> w.u16((int) raw);
      case 4 -> w.u32(raw & 0xFFFF_FFFFL);
      default -> w.i64(raw);
    }
  }

  private static void writeArray(DcValueType t, DatagramWriter w, Object v) {
    DatagramWriter body = new DatagramWriter();
    long count;
    if (t.isText() || t.isBytes()) {
      byte[] b = t.isBytes() ? cast(v, byte[].class, t)
          : cast(v, String.class, t).getBytes(StandardCharsets.ISO_8859_1);
      if (t.isText() && !new String(b, StandardCharsets.ISO_8859_1).equals(v)) {
        throw new IllegalArgumentException(t + " holds characters up to U+00FF only");
      }
      for (byte x : b) {
        if (t.isText() && x < 0) {
          throw new IllegalArgumentException(t + " holds characters below 0x80 only");
        }
      }
      body.bytes(b);
      count = b.length;
    } else {
      List<?> list = cast(v, List.class, t);
      for (Object e : list) {
        pack(t.element(), body, e);
      }
      count = list.size();
    }
    checkCount(t, count, false);
    byte[] bytes = body.toByteArray();
    if (t.lengthPrefixed()) {
      if (bytes.length > 0xFFFF) {
        throw new IllegalArgumentException(t + " value of " + bytes.length + " bytes exceeds 65535");
      }
      w.u16(bytes.length);
    }
    w.bytes(bytes);
  }

  /** {@return the implicit default of a type in wire form: zeros, and the shortest array} */
  static byte[] zero(DcValueType t) {
    DatagramWriter w = new DatagramWriter();
    writeZero(t, w);
    return w.toByteArray();
  }

  private static void writeZero(DcValueType t, DatagramWriter w) {
    switch (t.kind()) {
      case NUMBER -> w.bytes(new byte[t.base().fixedSize()]);
      case STRUCT -> t.struct().ownFields()
          .forEach(f -> w.bytes(f.parameters().get(0).defaultWireBytes()));
      default -> {
        long n = t.fixedLength() > 0 ? t.fixedLength() : t.hasRange() ? (long) t.min() : 0;
        DatagramWriter body = new DatagramWriter();
        for (long i = 0; i < n; i++) {
          writeZero(t.element(), body);
        }
        byte[] b = body.toByteArray();
        if (t.lengthPrefixed()) {
          w.u16(b.length);
        }
        w.bytes(b);
      }
    }
  }

  private static <T> T cast(Object v, Class<T> type, DcValueType t) {
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    throw new IllegalArgumentException(t + " needs a " + type.getSimpleName() + ", got " + name(v));
  }

  private static String name(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }
}
