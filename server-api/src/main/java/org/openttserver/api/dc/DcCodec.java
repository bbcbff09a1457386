package org.openttserver.api.dc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

/** Packs, unpacks and skips values of the 2003 types; see {@link DcParameter} for the model. */
final class DcCodec {
  private DcCodec() {}

  static void need(DatagramReader r, int n) {
    if (r.remaining() < n) {
      throw new DcValueException(
          DcValueException.Kind.TRUNCATED, "truncated: needed " + n + " byte(s), " + r.remaining() + " left");
    }
  }

  /** Reads a u16 byte count and checks the bytes are there and fit whole elements. */
  private static int byteCount(DatagramReader r, DcType type) {
    need(r, 2);
    int n = r.readU16();
    need(r, n);
    int size = type.elementSize();
    if (n % size != 0) {
      throw new DcValueException(
          DcValueException.Kind.CONSTRAINT, type.word() + " byte count " + n + " is not a multiple of " + size);
    }
    return n;
  }

  static void skip(DcParameter p, DatagramReader r) {
    if (p.astronType() != null) {
      AstronCodec.skip(p.astronType(), r);
      return;
    }
    DcType t = p.type();
    if (t.fixedSize() > 0) {
      need(r, t.fixedSize());
      r.skip(t.fixedSize());
    } else {
      r.skip(byteCount(r, t));
    }
  }

  static Object unpack(DcParameter p, DatagramReader r) {
    if (p.astronType() != null) {
      return AstronCodec.unpack(p.astronType(), r);
    }
    DcType t = p.type();
    switch (t) {
      case FLOAT64:
        need(r, 8);
        return r.readF64();
      case STRING:
        return readText(r);
      case BLOB:
        return r.readBytes(byteCount(r, t));
      case UINT32UINT8ARRAY:
        return unpackPairs(p, r);
      default:
        return t.isArray() ? unpackArray(p, r) : scaled(p, readInteger(t, r));
    }
  }

  private static String readText(DatagramReader r) {
    int n = byteCount(r, DcType.STRING);
    // One character per byte, as DatagramWriter.string writes it back (the 2003 encoding).
    String s = new String(r.array(), r.position(), n, StandardCharsets.ISO_8859_1);
    r.skip(n);
    return s;
  }

  private static List<Object> unpackArray(DcParameter p, DatagramReader r) {
    DcType e = p.type().elementType();
    int count = byteCount(r, p.type()) / e.fixedSize();
    List<Object> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(scaled(p, readInteger(e, r)));
    }
    return out;
  }

  private static List<Object> unpackPairs(DcParameter p, DatagramReader r) {
    int count = byteCount(r, DcType.UINT32UINT8ARRAY) / 5;
    List<Object> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Object a = scaled(p, r.readU32());
      out.add(List.of(a, scaled(p, r.readU8())));
    }
    return out;
  }

  private static Object scaled(DcParameter p, long raw) {
    return p.divisor() == 1 ? (Object) raw : (Object) ((double) raw / p.divisor());
  }

  /** Reads an integer of type {@code t}; the caller guarantees nothing, so check here. */
  private static long readInteger(DcType t, DatagramReader r) {
    need(r, t.fixedSize());
    switch (t) {
      case INT8: return r.readI8();
      case UINT8: return r.readU8();
      case INT16: return r.readI16();
      case UINT16: return r.readU16();
      case INT32: return r.readI32();
      case UINT32: return r.readU32();
      default: return r.readI64();
    }
  }

  static void pack(DcParameter p, DatagramWriter w, Object v) {
    if (p.astronType() != null) {
      AstronCodec.pack(p.astronType(), w, v);
      return;
    }
    DcType t = p.type();
    switch (t) {
      case FLOAT64:
        w.f64(number(v).doubleValue());
        break;
      case STRING:
        w.string(cast(v, String.class, t));
        break;
      case BLOB:
        w.blob(cast(v, byte[].class, t));
        break;
      case UINT32UINT8ARRAY:
        packPairs(p, w, cast(v, List.class, t));
        break;
      default:
        if (t.isArray()) {
          packArray(p, w, cast(v, List.class, t));
        } else {
          writeInteger(t, w, raw(p, t, v));
        }
    }
  }

  private static void packArray(DcParameter p, DatagramWriter w, List<?> list) {
    DcType e = p.type().elementType();
    w.u16(arrayBytes(list.size(), e.fixedSize()));
    for (Object o : list) {
      writeInteger(e, w, raw(p, e, o));
    }
  }

  private static void packPairs(DcParameter p, DatagramWriter w, List<?> list) {
    w.u16(arrayBytes(list.size(), 5));
    for (Object o : list) {
      List<?> pair = cast(o, List.class, DcType.UINT32UINT8ARRAY);
      if (pair.size() != 2) {
        throw new IllegalArgumentException("uint32uint8array element must be a pair, got " + pair.size());
      }
      writeInteger(DcType.UINT32, w, raw(p, DcType.UINT32, pair.get(0)));
      writeInteger(DcType.UINT8, w, raw(p, DcType.UINT8, pair.get(1)));
    }
  }

  private static int arrayBytes(int count, int size) {
    long bytes = (long) count * size;
    if (bytes > 0xFFFF) {
      throw new IllegalArgumentException("array of " + count + " elements exceeds 65535 bytes");
    }
    return (int) bytes;
  }

  /** Converts a model number to the wire integer: scaled and rounded, then range-checked. */
  private static long raw(DcParameter p, DcType t, Object v) {
    Number n = number(v);
    long raw;
    if (p.divisor() == 1 && !(n instanceof Double || n instanceof Float)) {
      raw = n.longValue();
    } else {
      raw = (long) Math.floor(n.doubleValue() * p.divisor() + 0.5);
    }
    checkRange(t, raw);
    return raw;
  }

  private static void checkRange(DcType t, long raw) {
    if (t == DcType.INT64 || t == DcType.UINT64) {
      return;
    }
    int bits = t.fixedSize() * 8;
    long min = t.isSigned() ? -(1L << (bits - 1)) : 0;
    long max = t.isSigned() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    if (raw < min || raw > max) {
      throw new IllegalArgumentException(raw + " does not fit " + t.word());
    }
  }

  private static void writeInteger(DcType t, DatagramWriter w, long raw) {
    switch (t.fixedSize()) {
      case 1: w.u8((int) raw); break;
      case 2: w.u16((int) raw); break;
      case 4: w.u32(raw); break;
      default: w.i64(raw);
    }
  }

  private static Number number(Object v) {
    if (v instanceof Number) {
      return (Number) v;
    }
    throw new IllegalArgumentException("expected a number, got " + typeName(v));
  }

  private static <T> T cast(Object v, Class<T> type, DcType dc) {
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    throw new IllegalArgumentException(dc.word() + " needs a " + type.getSimpleName() + ", got " + typeName(v));
  }

  private static String typeName(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }
}
