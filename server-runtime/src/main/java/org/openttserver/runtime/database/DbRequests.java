package org.openttserver.runtime.database;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.dc.RoutingKeywords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out DBSERVER_* requests against the store, inside the writer's open transaction; the
 * replies and broadcasts it produces are routed only after that transaction commits.
 */
final class DbRequests {
  private static final Logger log = LoggerFactory.getLogger(DbRequests.class);

  private final SqliteStore store;
  private final ClusterDc dc;
  private final long control;
  private final boolean broadcast;
  private final DoidAllocator doids;

  DbRequests(SqliteStore store, ClusterDc dc, long control, boolean broadcast,
      DoidAllocator doids) {
    this.store = store;
    this.dc = dc;
    this.control = control;
    this.broadcast = broadcast;
    this.doids = doids;
  }

  /**
   * Handles one request.
   *
   * @param d the request
   * @param out receives the datagrams to route once the transaction commits
   * @throws SQLException if the store failed (the batch is retried or dropped)
   * @throws RuntimeException for malformed input (the caller logs it)
   */
  void handle(Datagram d, List<Datagram> out) throws SQLException {
    long sender = d.sender();
    DatagramReader r = d.payload();
    switch (d.msgType()) {
      case AstronMsg.DBSERVER_CREATE_OBJECT -> create(sender, r, out);
      case AstronMsg.DBSERVER_OBJECT_GET_ALL -> getAll(sender, r, out);
      case AstronMsg.DBSERVER_OBJECT_GET_FIELD -> getFields(sender, r, false, out);
      case AstronMsg.DBSERVER_OBJECT_GET_FIELDS -> getFields(sender, r, true, out);
      case AstronMsg.DBSERVER_OBJECT_SET_FIELD -> set(sender, r, false, false, out);
      case AstronMsg.DBSERVER_OBJECT_SET_FIELDS -> set(sender, r, true, false, out);
      case AstronMsg.DBSERVER_OBJECT_DELETE_FIELD -> set(sender, r, false, true, out);
      case AstronMsg.DBSERVER_OBJECT_DELETE_FIELDS -> set(sender, r, true, true, out);
      case AstronMsg.DBSERVER_OBJECT_SET_FIELD_IF_EQUALS,
          AstronMsg.DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS,
          AstronMsg.DBSERVER_OBJECT_SET_FIELD_IF_EMPTY ->
          new ConditionalSet(this, d.msgType()).run(sender, r, out);
      case AstronMsg.DBSERVER_OBJECT_DELETE -> delete(sender, r, out);
      case AstronMsg.DBSERVER_LIST_OBJECTS -> list(sender, r, out);
      default -> log.warn("database: ignoring {} from {}", AstronMsg.nameOf(d.msgType()), sender);
    }
  }

  SqliteStore store() {
    return store;
  }

  ClusterDc dc() {
    return dc;
  }

  DatagramWriter reply(long to, int type) {
    return Datagram.header(to, control, type);
  }

  private void create(long sender, DatagramReader r, List<Datagram> out) throws SQLException {
    long ctx = r.readU32();
    int classId = r.readU16();
    ClusterClass cls = dc.dclass(classId);
    Map<DcField, byte[]> values = null;
    try {
      values = cls == null ? null : readCreateFields(cls, r);
    } catch (RuntimeException e) {
      log.warn("database: truncated or invalid create of class {}: {}", classId, e.getMessage());
    }
    long doid = 0;
    if (values == null) {
      log.warn("database: create of class {} refused (unknown class or invalid field)", classId);
    } else {
      addDefaults(cls, values);
      doid = doids.next();
      if (doid == 0) {
        log.error("database: no free doid left in the generate range");
      } else {
        store.insert(doid, cls, values);
      }
    }
    out.add(Datagram.of(reply(sender, AstronMsg.DBSERVER_CREATE_OBJECT_RESP).u32(ctx).doId(doid)));
  }

  private void list(long sender, DatagramReader r, List<Datagram> out) throws SQLException {
    long ctx = r.readU32();
    ClusterClass cls = dc.dclass(r.readU16());
    long after = r.readDoId();
    int max = r.readU16();
    List<Long> ids = cls == null ? List.of() : store.list(cls, after, max);
    DatagramWriter w = reply(sender, AstronMsg.DBSERVER_LIST_OBJECTS_RESP).u32(ctx)
        .u16(ids.size());
    ids.forEach(w::doId);
    out.add(Datagram.of(w));
  }

  /** Reads a create's fields; null if one is unknown, truncated or not of the class. */
  private Map<DcField, byte[]> readCreateFields(ClusterClass cls, DatagramReader r) {
    int n = r.readU16();
    Map<DcField, byte[]> values = DbFields.map();
    for (int i = 0; i < n; i++) {
      DcField f = dc.field(r.readU16());
      if (f == null) {
        return null;
      }
      byte[] v = ClusterDc.readValue(f, r);
      if (!RoutingKeywords.db(f)) {
        log.info("database: create of {} skips non-db field {}", cls, f.name());
      } else if (cls.field(f.globalId()) != f) {
        return null;
      } else {
        values.put(f, v);
      }
    }
    return values;
  }

  private static void addDefaults(ClusterClass cls, Map<DcField, byte[]> values) {
    for (DcField f : cls.fields()) {
      if (RoutingKeywords.db(f) && !f.isMolecular() && ClusterDc.hasExplicitDefault(f)
          && !values.containsKey(f)) {
        values.put(f, ClusterDc.defaultValue(f));
      }
    }
  }

  private void getAll(long sender, DatagramReader r, List<Datagram> out) throws SQLException {
    long ctx = r.readU32();
    long doid = r.readDoId();
    ClusterClass cls = store.dclass(doid);
    DatagramWriter w = reply(sender, AstronMsg.DBSERVER_OBJECT_GET_ALL_RESP).u32(ctx);
    if (cls == null) {
      out.add(Datagram.of(w.u8(0)));
      return;
    }
    Map<DcField, byte[]> values = store.fields(doid, cls);
    w.u8(1).u16(cls.id());
    writePairs(w.u16(values.size()), values);
    out.add(Datagram.of(w));
  }

  private void getFields(long sender, DatagramReader r, boolean multi, List<Datagram> out)
      throws SQLException {
    long ctx = r.readU32();
    long doid = r.readDoId();
    int type = multi ? AstronMsg.DBSERVER_OBJECT_GET_FIELDS_RESP
        : AstronMsg.DBSERVER_OBJECT_GET_FIELD_RESP;
    int n = multi ? r.readU16() : 1;
    List<DcField> wanted = new ArrayList<>();
    boolean valid = true;
    for (int i = 0; i < n; i++) {
      DcField f = dc.field(r.readU16());
      valid &= f != null;
      if (f != null && RoutingKeywords.db(f)) {
        wanted.add(f);
      }
    }
    ClusterClass cls = valid && !wanted.isEmpty() ? store.dclass(doid) : null;
    Map<DcField, byte[]> found = DbFields.map();
    if (cls != null) {
      Map<DcField, byte[]> stored = store.fields(doid, cls);
      wanted.forEach(f -> {
        if (stored.containsKey(f)) {
          found.put(f, stored.get(f));
        }
      });
    }
    DatagramWriter w = reply(sender, type).u32(ctx);
    if (cls == null || (!multi && found.isEmpty())) {
      out.add(Datagram.of(w.u8(0)));
      return;
    }
    w.u8(1);
    if (multi) {
      w.u16(found.size());
    }
    writePairs(w, found);
    out.add(Datagram.of(w));
  }

  private void set(long sender, DatagramReader r, boolean multi, boolean delete,
      List<Datagram> out) throws SQLException {
    long doid = r.readDoId();
    int n = multi ? r.readU16() : 1;
    Map<DcField, byte[]> changes = DbFields.map();
    for (int i = 0; i < n; i++) {
      DcField f = dc.field(r.readU16());
      if (f == null) {
        log.warn("database: set on {} names an unknown field", doid);
        return;
      }
      byte[] v = delete ? null : ClusterDc.readValue(f, r);
      if (RoutingKeywords.db(f)) {
        changes.put(f, delete ? deletedValue(f) : v);
      }
    }
    ClusterClass cls = changes.isEmpty() ? null : store.dclass(doid);
    if (cls == null || !belongs(cls, changes)) {
      log.debug("database: set on {} ignored (no such object, or no db field of its class)", doid);
      return;
    }
    apply(doid, changes);
    announce(sender, doid, changes, out);
  }

  /** What a deleted field becomes: its explicit default, or empty (removed). */
  private static byte[] deletedValue(DcField f) {
    return ClusterDc.hasExplicitDefault(f) ? ClusterDc.defaultValue(f) : new byte[0];
  }

  static boolean belongs(ClusterClass cls, Map<DcField, byte[]> fields) {
    for (DcField f : fields.keySet()) {
      if (cls.field(f.globalId()) != f) {
        return false;
      }
    }
    return true;
  }

  void apply(long doid, Map<DcField, byte[]> changes) throws SQLException {
    for (Map.Entry<DcField, byte[]> e : changes.entrySet()) {
      if (e.getValue().length == 0) {
        store.remove(doid, e.getKey());
      } else {
        store.put(doid, e.getKey(), e.getValue());
      }
    }
  }

  /** Broadcasts deleted fields (3030/3031) then changed ones (3020/3021), sender = requester. */
  void announce(long sender, long doid, Map<DcField, byte[]> changes, List<Datagram> out) {
    if (!broadcast) {
      return;
    }
    Map<DcField, byte[]> set = DbFields.map();
    List<DcField> deleted = new ArrayList<>();
    changes.forEach((f, v) -> {
      if (v.length == 0) {
        deleted.add(f);
      } else {
        set.put(f, v);
      }
    });
    long to = Channels.databasePrefix(doid);
    if (!deleted.isEmpty()) {
      boolean many = deleted.size() > 1;
      DatagramWriter w = Datagram.header(to, sender, many ? AstronMsg.DBSERVER_OBJECT_DELETE_FIELDS
          : AstronMsg.DBSERVER_OBJECT_DELETE_FIELD).doId(doid);
      if (many) {
        w.u16(deleted.size());
      }
      deleted.forEach(f -> w.u16(f.globalId()));
      out.add(Datagram.of(w));
    }
    if (!set.isEmpty()) {
      boolean many = set.size() > 1;
      DatagramWriter w = Datagram.header(to, sender, many ? AstronMsg.DBSERVER_OBJECT_SET_FIELDS
          : AstronMsg.DBSERVER_OBJECT_SET_FIELD).doId(doid);
      if (many) {
        w.u16(set.size());
      }
      writePairs(w, set);
      out.add(Datagram.of(w));
    }
  }

  static void writePairs(DatagramWriter w, Map<DcField, byte[]> values) {
    values.forEach((f, v) -> w.u16(f.globalId()).bytes(v));
  }

  static boolean same(byte[] a, byte[] b) {
    return Arrays.equals(a == null ? new byte[0] : a, b == null ? new byte[0] : b);
  }

  private void delete(long sender, DatagramReader r, List<Datagram> out) throws SQLException {
    long doid = r.readDoId();
    if (store.dclass(doid) == null) {
      log.debug("database: delete of missing object {}", doid);
      return;
    }
    store.delete(doid);
    if (broadcast) {
      out.add(Datagram.of(Datagram.header(Channels.databasePrefix(doid), sender,
          AstronMsg.DBSERVER_OBJECT_DELETE).doId(doid)));
    }
  }
}
