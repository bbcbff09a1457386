package org.openttserver.api.bridge;

import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcKeyword;
import org.openttserver.api.dc.DcParameter;
import org.openttserver.api.dc.DcValueException;

/** Field blocks of the cluster wire: (u16 global id, value) pairs and REQ sections. */
final class Wire {
  private Wire() {}

  /**
   * Reads up to {@code n} pairs (stopping early at the end of the datagram: a DBSS answering from
   * the database may count fields the database then lacks).
   */
  static FieldValues readPairs(ClusterClass view, DatagramReader r, int n) {
    List<FieldValues.Entry> out = new ArrayList<>(Math.min(n, 64));
    for (int i = 0; i < n && r.remaining() > 0; i++) {
      int id = r.readU16();
      DcField f = view.field(id);
      if (f == null) {
        throw new DcValueException(DcValueException.Kind.CONSTRAINT,
            "reply names field " + id + ", which " + view.dclass().name() + " lacks");
      }
      out.add(FieldValues.read(f, r));
    }
    return FieldValues.decoded(view, out);
  }

  /** Reads a REQ section of the given fields. */
  static List<FieldValues.Entry> readRequired(List<DcField> fields, DatagramReader r) {
    List<FieldValues.Entry> out = new ArrayList<>(fields.size());
    for (DcField f : fields) {
      out.add(FieldValues.read(f, r));
    }
    return out;
  }

  /** Reads REQ then, if {@code other}, an OTHER section, into one set of values. */
  static FieldValues readSnapshot(ClusterClass view, List<DcField> required, boolean other,
      DatagramReader r) {
    List<FieldValues.Entry> entries = readRequired(required, r);
    if (other) {
      entries.addAll(readPairs(view, r, r.readU16()).entries());
    }
    return FieldValues.decoded(view, entries);
  }

  /** A field of a class by name, for names the caller gives. */
  static DcField field(ClusterClass view, String name) {
    DcField f = view.field(name);
    if (f == null) {
      throw new IllegalArgumentException(view.dclass().name() + " has no field " + name);
    }
    return f;
  }

  /** The REQ fields an ENTER_* snapshot carries: all, or what clients (or the owner) see. */
  static List<DcField> required(ClusterClass view, boolean clientOnly, boolean ownerView) {
    if (!clientOnly) {
      return view.required();
    }
    List<DcField> out = new ArrayList<>();
    for (DcField f : view.required()) {
      if (f.has(DcKeyword.BROADCAST) || f.has(DcKeyword.CLRECV)
          || (ownerView && f.has(DcKeyword.P2P))) {
        out.add(f);
      }
    }
    return out;
  }

  static boolean hasExplicitDefault(DcField f) {
    return f.parameters().stream().anyMatch(p -> p.hasDefault());
  }

  /** The default value of a field in wire form: explicit defaults, zero or empty elsewhere. */
  static byte[] defaultWire(DcField f) {
    DatagramWriter w = new DatagramWriter();
    for (DcParameter p : f.parameters()) {
      w.bytes(p.defaultWireBytes());
    }
    return w.toByteArray();
  }
}
