package org.openttserver.api.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcBlocks;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcNumbering;
import org.openttserver.api.dc.DcRequiredSet;
import org.openttserver.api.dc.DcValueException;

/** Packs and unpacks the DC-dependent parts of 15, 24, 34 and 35 for the records. */
final class DcBodies {
  private DcBodies() {}

  /**
   * Writes a required block: the given values for the set's fields, defaults for the others.
   * A value for a field outside the set, or two values for one field, is refused.
   */
  static void writeRequired(DcClass dclass, DcRequiredSet set, List<DcFieldValue> values,
      DatagramWriter w) {
    Map<DcField, DcFieldValue> byField = index(values);
    List<DcField> fields = dclass.required(set);
    for (DcField f : byField.keySet()) {
      if (!fields.contains(f)) {
        throw new IllegalArgumentException(f + " is not a " + describe(set) + " field of "
            + dclass.name());
      }
    }
    for (DcField f : fields) {
      DcFieldValue v = byField.get(f);
      f.pack(w, v != null ? v.values() : f.defaultValues());
    }
  }

  static Map<DcField, DcFieldValue> index(List<DcFieldValue> values) {
    Map<DcField, DcFieldValue> byField = new HashMap<>();
    for (DcFieldValue v : values) {
      if (byField.put(Objects.requireNonNull(v, "value").field(), v) != null) {
        throw new IllegalArgumentException(v.field() + " is given twice");
      }
    }
    return byField;
  }

  static String describe(DcRequiredSet set) {
    return set == DcRequiredSet.ALL ? "required" : "required broadcast";
  }

  /** Reads a required block, then checks the reader is at its end. */
  static List<DcFieldValue> readRequired(DcClass dclass, DcRequiredSet set, byte[] bytes) {
    DatagramReader r = new DatagramReader(bytes);
    try {
      List<DcFieldValue> out = DcBlocks.readRequired(dclass, set, r);
      DcBlocks.requireEnd(r);
      return out;
    } catch (DcValueException e) {
      throw malformed(dclass, e);
    }
  }

  /** Reads a required block followed by an OTHER block; returns {required..., other...}. */
  static List<List<DcFieldValue>> readRequiredOther(DcClass dclass, byte[] bytes) {
    DatagramReader r = new DatagramReader(bytes);
    try {
      List<DcFieldValue> required = DcBlocks.readRequired(dclass, DcRequiredSet.BROADCAST, r);
      List<DcFieldValue> other = DcBlocks.readOther(dclass, DcNumbering.CLIENT_2003, r);
      DcBlocks.requireEnd(r);
      return List.of(required, other);
    } catch (DcValueException e) {
      throw malformed(dclass, e);
    }
  }

  /** Reads one field's arguments, then checks the reader is at its end. */
  static DcFieldValue readArgs(DcClass dclass, int fieldNumber, byte[] bytes) {
    DcField f = dclass.fieldBy2003Number(fieldNumber);
    if (f == null) {
      throw new DatagramFormatException("no field " + fieldNumber + " in " + dclass.name());
    }
    DatagramReader r = new DatagramReader(bytes);
    try {
      List<Object> values = f.unpack(r);
      DcBlocks.requireEnd(r);
      return new DcFieldValue(f, values);
    } catch (DcValueException e) {
      throw malformed(dclass, e);
    }
  }

  static void checkClass(DcClass dclass, int classNumber) {
    if (dclass.number() != classNumber) {
      throw new IllegalArgumentException("the message is for class number " + classNumber
          + ", not " + dclass);
    }
  }

  static List<DcFieldValue> concat(List<DcFieldValue> a, List<DcFieldValue> b) {
    List<DcFieldValue> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static DatagramFormatException malformed(DcClass dclass, DcValueException e) {
    return new DatagramFormatException(dclass.name() + " fields: " + e.getMessage() + " ("
        + e.kind() + ")");
  }
}
