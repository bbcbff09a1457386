package org.openttserver.runtime.stateserver;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.dc.RoutingKeywords;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.roles.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DB-state server role: listens on its doid ranges, activates stored objects from the
 * database (queueing what arrives while one loads), writes db fields through to the database on
 * every SET_FIELD(S), answers GET_ACTIVATED, answers GET_FIELD(S)/GET_ALL of inactive objects
 * from the database ({@link DbssQueries}), and deletes from disk on DELETE_DISK. Activated
 * objects are ordinary {@link StateObject}s; DELETE_RAM unloads one and leaves the disk alone.
 */
public final class Dbss implements Role, ObjectHost.RoleFilter {
  private static final Logger log = LoggerFactory.getLogger(Dbss.class);

  private final ObjectHost host;
  private final DbssConfig cfg;
  private final long db;
  private final Map<Long, DbssLoader> loading = new HashMap<>();
  private final DbssQueries queries;
  private long nextContext;

  /**
   * Starts the role.
   *
   * @param md the director
   * @param cfg the entry
   * @param pool lends threads
   * @param dc the DC files
   */
  public Dbss(MessageDirector md, DbssConfig cfg, Executor pool, ClusterDc dc) {
    this.cfg = cfg;
    this.db = cfg.database();
    this.host = new ObjectHost(md, "dbss(" + db + ")", pool, dc);
    this.queries = new DbssQueries(this);
    host.setRole(this);
    cfg.ranges().forEach(r -> host.subscribeRoleRange(r.min(), r.max()));
  }

  @Override
  public boolean accepts(long channel) {
    for (DbssConfig.Range r : cfg.ranges()) {
      if (channel >= r.min() && channel <= r.max()) {
        return true;
      }
    }
    return false;
  }

  /** {@return how many objects are active here (for metrics)} */
  public int objectCount() {
    return host.objectCount();
  }

  ObjectHost host() {
    return host;
  }

  long db() {
    return db;
  }

  long newContext() {
    return nextContext++ & 0xFFFF_FFFFL;
  }

  boolean isActiveOrLoading(long doid) {
    return loading.containsKey(doid) || host.objects().containsKey(doid);
  }

  @Override
  public void handle(Datagram d) {
    long sender = d.sender();
    DatagramReader r = d.payload();
    switch (d.msgType()) {
      case DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS -> activate(r, false);
      case DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER -> activate(r, true);
      case DBSS_OBJECT_DELETE_DISK -> deleteDisk(r.readDoId(), sender);
      case STATESERVER_OBJECT_SET_FIELD, STATESERVER_OBJECT_SET_FIELDS ->
          writeThrough(r, d.msgType() == STATESERVER_OBJECT_SET_FIELDS);
      case DBSS_OBJECT_GET_ACTIVATED -> getActivated(r, sender);
      default -> queries.handle(d);
    }
  }

  private void activate(DatagramReader r, boolean other) {
    long doid = r.readDoId();
    long parent = r.readDoId();
    long zone = r.readU32();
    if (isActiveOrLoading(doid)) {
      return;
    }
    ClusterClass cls = null;
    if (other) {
      cls = host.dc().dclass(r.readU16());
      if (cls == null) {
        log.warn("dbss: activate of {} with an unknown class", doid);
        return;
      }
    }
    Long inFlight = queries.inFlightGetAll(doid);
    DbssLoader loader = new DbssLoader(this, doid, parent, zone, cls,
        inFlight != null ? inFlight : newContext());
    if (other) {
      loader.readOverrides(r);
    }
    loading.put(doid, loader);
    // As Astron: an activation during a GET_ALL of the object takes that request's answer.
    loader.begin(inFlight == null);
  }

  /** Called by a loader when it is done, with or without an object. */
  void loaded(DbssLoader loader) {
    loading.remove(loader.doid());
  }

  private void deleteDisk(long doid, long sender) {
    if (loading.containsKey(doid)) {
      return;
    }
    StateObject o = host.objects().get(doid);
    if (o != null) {
      Set<Long> targets = new LinkedHashSet<>();
      if (o.location() != 0) {
        targets.add(o.location());
      }
      if (o.ai() != 0) {
        targets.add(o.ai());
      }
      if (o.owner() != 0) {
        targets.add(o.owner());
      }
      host.send(Datagram.of(Datagrams.header(targets, sender, DBSS_OBJECT_DELETE_DISK)
          .doId(doid)), this);
    }
    host.send(Datagram.of(Datagram.header(db, doid, DBSERVER_OBJECT_DELETE).doId(doid)), this);
  }

  private void writeThrough(DatagramReader r, boolean multi) {
    long doid = r.readDoId();
    if (loading.containsKey(doid)) {
      return;
    }
    int n = multi ? r.readU16() : 1;
    Map<Integer, byte[]> values = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      int id = r.readU16();
      DcField f = host.dc().field(id);
      if (f == null) {
        return;
      }
      byte[] v = ClusterDc.readValue(f, r);
      if (RoutingKeywords.db(f)) {
        values.put(id, v);
      }
    }
    if (values.isEmpty()) {
      return;
    }
    DatagramWriter w;
    if (!multi) {
      w = Datagram.header(db, doid, DBSERVER_OBJECT_SET_FIELD).doId(doid);
    } else {
      w = Datagram.header(db, doid, DBSERVER_OBJECT_SET_FIELDS).doId(doid).u16(values.size());
    }
    values.forEach((id, v) -> w.u16(id).bytes(v));
    host.send(Datagram.of(w), this);
  }

  private void getActivated(DatagramReader r, long sender) {
    long ctx = r.readU32();
    long doid = r.readDoId();
    if (loading.containsKey(doid)) {
      return;
    }
    host.send(Datagram.of(Datagram.header(sender, doid, DBSS_OBJECT_GET_ACTIVATED_RESP).u32(ctx)
        .doId(doid).u8(host.objects().containsKey(doid) ? 1 : 0)), this);
  }

  @Override
  public void close() {
    host.close();
  }

  @Override
  public String toString() {
    return host.name();
  }
}
