package org.openttserver.runtime.database;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.dc.RoutingKeywords;

/**
 * SET_FIELD_IF_EQUALS (3022), SET_FIELDS_IF_EQUALS (3024) and SET_FIELD_IF_EMPTY (3026): compare,
 * then set all or nothing. A failed comparison answers ok = 0 plus the current values of the
 * compared fields that are set; invalid input (unknown or non-db field, missing object, a field
 * of another class) answers just ok = 0.
 */
final class ConditionalSet {
  private final DbRequests db;
  private final int type;
  private final Map<DcField, byte[]> criteria = DbFields.map();
  private final Map<DcField, byte[]> values = DbFields.map();

  ConditionalSet(DbRequests db, int type) {
    this.db = db;
    this.type = type;
  }

  private int replyType() {
    return switch (type) {
      case AstronMsg.DBSERVER_OBJECT_SET_FIELD_IF_EQUALS ->
          AstronMsg.DBSERVER_OBJECT_SET_FIELD_IF_EQUALS_RESP;
      case AstronMsg.DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS ->
          AstronMsg.DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS_RESP;
      default -> AstronMsg.DBSERVER_OBJECT_SET_FIELD_IF_EMPTY_RESP;
    };
  }

  void run(long sender, DatagramReader r, List<Datagram> out) throws SQLException {
    long ctx = r.readU32();
    long doid = r.readDoId();
    DatagramWriter w = db.reply(sender, replyType()).u32(ctx);
    ClusterClass cls = read(r) ? db.store().dclass(doid) : null;
    if (cls == null || !DbRequests.belongs(cls, values)) {
      out.add(Datagram.of(w.u8(0)));
      return;
    }
    Map<DcField, byte[]> current = db.store().fields(doid, cls);
    if (!matches(current)) {
      out.add(Datagram.of(mismatch(w, current)));
      return;
    }
    db.apply(doid, values);
    db.announce(sender, doid, values, out);
    out.add(Datagram.of(w.u8(1)));
  }

  /** Reads the request; false if it names an unknown or non-db field. */
  private boolean read(DatagramReader r) {
    int n = type == AstronMsg.DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS ? r.readU16() : 1;
    for (int i = 0; i < n; i++) {
      DcField f = db.dc().field(r.readU16());
      if (f == null || !RoutingKeywords.db(f)) {
        return false;
      }
      criteria.put(f, type == AstronMsg.DBSERVER_OBJECT_SET_FIELD_IF_EMPTY ? new byte[0]
          : ClusterDc.readValue(f, r));
      values.put(f, ClusterDc.readValue(f, r));
    }
    return true;
  }

  private boolean matches(Map<DcField, byte[]> current) {
    for (Map.Entry<DcField, byte[]> c : criteria.entrySet()) {
      if (!DbRequests.same(current.get(c.getKey()), c.getValue())) {
        return false;
      }
    }
    return true;
  }

  private DatagramWriter mismatch(DatagramWriter w, Map<DcField, byte[]> current) {
    Map<DcField, byte[]> present = DbFields.map();
    for (DcField f : criteria.keySet()) {
      if (current.containsKey(f)) {
        present.put(f, current.get(f));
      }
    }
    w.u8(0);
    if (type == AstronMsg.DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS) {
      w.u16(present.size());
    }
    DbRequests.writePairs(w, present);
    return w;
  }
}
