package org.openttserver.api.dc;

import java.util.List;
import java.util.TreeSet;

/**
 * Astron's {@code legacy_hash} of a loaded set of files (see {@link DcFile#astronHash()}): the
 * 2003 prime-weighted sum of integers, fed in the order Astron feeds them.
 *
 * <p>The file adds 1, the number of classes and structs, then each by type id. A class adds its
 * name, parent count, parent type ids, own field count and own fields; a struct its name, 1, 0,
 * field count and fields. A field with a parameter list adds its name, global id, parameter
 * count, each parameter's type and its keywords; a parameter field its keywords (if any) and its
 * type; a molecular field its name, global id, component count and components. Keywords add
 * their flag mask when all are in Astron's table (required 0x1, broadcast 0x2, ownrecv 0x4, ram
 * 0x8, db 0x10, clsend 0x20, clrecv 0x40, ownsend 0x80, airecv 0x100), else their count and
 * names in sorted order. A number adds its code (int8 … float64 0–8, char 19), divisor, the
 * modulus scaled by the divisor (if any) and 1, min, max of its range scaled and rounded (if
 * any); float32 adds nothing. A string adds 9 (19 when its type has another name), a blob 10 (4
 * when renamed), then 1 and the length range (1, min, max) if any; another array its element's
 * type and its length range if any; a struct its whole declaration again.
 *
 * <p>The name quirk is Astron's: {@code typedef string Name;} renames the one type every plain
 * {@code string} of the file shares, so all of them then hash as 19. Files of the 2003 dialects
 * are hashed as their {@link AstronDialectWriter} rendering, whose {@code typedef blob
 * uint32uint8array;} renames every plain {@code blob} the same way (4).
 */
final class DcLegacyHash {
  private static final int L_STRING = 9;
  private static final int L_BLOB = 10;
  private static final int L_UINT8 = 4;
  private static final int L_CHAR = 19;

  private long hash;
  private int index;
  /** Whether 2003-dialect files are hashed: as their rendering, whose typedef renames blob. */
  private boolean rendered2003;

  private DcLegacyHash() {}

  static long hash(DcFile file) {
    DcLegacyHash h = new DcLegacyHash();
    h.add(1);
    List<DcClass> types = file.types();
    h.rendered2003 = types.stream().anyMatch(t -> t.dialect() != DcDialect.ASTRON);
    h.add(types.size());
    for (DcClass t : types) {
      h.type(t);
    }
    return h.hash & 0xFFFF_FFFFL;
  }

  private void add(int n) {
    hash += DcHash.PRIMES[index] * n;
    index = (index + 1) % DcHash.PRIME_COUNT;
  }

  private void add(String s) {
    add(s.length());
    for (int i = 0; i < s.length(); i++) {
      add((byte) s.charAt(i)); // C char: signed
    }
  }

  private void type(DcClass c) {
    add(c.name());
    if (c.isStruct()) {
      add(1);
      add(0);
    } else {
      add(c.parents().size());
      for (DcClass p : c.parents()) {
        add(p.number());
      }
    }
    add(c.ownFields().size());
    for (DcField f : c.ownFields()) {
      field(f);
    }
  }

  private void field(DcField f) {
    if (f.isMolecular()) {
      add(f.name());
      add(f.globalId());
      add(f.components().size());
      f.components().forEach(this::field);
    } else if (f.isParameterField()) {
      if (!f.keywordNames().isEmpty()) {
        keywords(f);
      }
      valueType(f.parameters().get(0).valueType());
    } else {
      add(f.name());
      add(f.globalId());
      add(f.parameters().size());
      for (DcParameter p : f.parameters()) {
        valueType(p.valueType());
      }
      keywords(f);
    }
  }

  private void keywords(DcField f) {
    DcDialect d = f.owner().dialect();
    // 2003-dialect fields are hashed with the keywords AstronDialectWriter renders for them.
    List<String> names = d == DcDialect.ASTRON ? f.keywordNames() : AstronKeywords.of(f, d);
    int flags = 0;
    for (String k : names) {
      int bit = legacyBit(k);
      if (bit == 0) {
        add(names.size());
        new TreeSet<>(names).forEach(this::add);
        return;
      }
      flags |= bit;
    }
    add(flags);
  }

  private static int legacyBit(String keyword) {
    return switch (keyword) {
      case "required" -> 0x1;
      case "broadcast" -> 0x2;
      case "ownrecv" -> 0x4;
      case "ram" -> 0x8;
      case "db" -> 0x10;
      case "clsend" -> 0x20;
      case "clrecv" -> 0x40;
      case "ownsend" -> 0x80;
      case "airecv" -> 0x100;
      default -> 0;
    };
  }

  private void valueType(DcValueType t) {
    switch (t.kind()) {
      case STRUCT -> type(t.struct());
      case NUMBER -> number(t);
      default -> {
        if (t.isText() || t.isBytes()) {
          if (t.isText()) {
            add(t.alias().equals("string") ? L_STRING : L_CHAR);
          } else {
            add(t.alias().equals("blob") && !rendered2003 ? L_BLOB : L_UINT8);
          }
          add(1);
        } else {
          valueType(t.element());
        }
        if (t.hasRange()) {
          add(1);
          add((int) (long) t.min());
          add((int) (long) t.max());
        }
      }
    }
  }

  private void number(DcValueType t) {
    DcType b = t.base();
    if (b == DcType.FLOAT32) {
      return; // Astron: "float32 ignored in legacy_hash"
    }
    int div = t.divisor();
    if (b == DcType.FLOAT64) {
      add(8);
      add(div);
      if (t.hasModulus()) {
        add(toInt(t.modulus() * div));
      }
      if (t.hasRange()) {
        add(1);
        add(toInt(t.min() * div));
        add(toInt(t.max() * div));
      }
      return;
    }
    add(b == DcType.CHAR ? L_CHAR : b.code());
    add(div);
    if (t.hasModulus()) {
      add((int) (long) Math.floor(t.modulus() * div + 0.5));
    }
    if (t.hasRange()) {
      add(1);
      add(toInt(Math.floor(t.min() * div + 0.5)));
      add(toInt(Math.floor(t.max() * div + 0.5)));
    }
  }

  /** C's double-to-int conversion on x86: out-of-range values become INT_MIN. */
  private static int toInt(double v) {
    return v >= Integer.MIN_VALUE && v < 2147483648.0 ? (int) v : Integer.MIN_VALUE;
  }
}
