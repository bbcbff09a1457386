package org.openttserver.runtime.stateserver;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.dc.RoutingKeywords;

/**
 * GET_FIELD, GET_FIELDS and GET_ALL of objects that are neither active nor loading, answered
 * from the database as Astron's DBSS does: the reply is started, the database asked under a new
 * context, and the database's answer appended. Non-db fields get their default (GET_FIELD only
 * for an explicit one). A GET_ALL of a missing object gets no reply.
 *
 * <p>One database GET_ALL per object at a time: a GET_ALL that arrives while one is in flight
 * for the same object waits for it, and an activation of that object takes its answer instead
 * of asking again ({@link #inFlightGetAll}), as Astron's DBSS reuses a pending load.
 */
final class DbssQueries {
  private final Dbss dbss;
  private final Map<Long, Pending> pending = new HashMap<>();
  /** Doid to the database GET_ALL in flight for it. */
  private final Map<Long, AllLoad> allLoads = new HashMap<>();

  private record Pending(int type, DatagramWriter reply) {}

  /** One database GET_ALL and the GET_ALL replies waiting for it. */
  private record AllLoad(long context, List<DatagramWriter> replies) {}

  DbssQueries(Dbss dbss) {
    this.dbss = dbss;
  }

  void handle(Datagram d) {
    long sender = d.sender();
    DatagramReader r = d.payload();
    switch (d.msgType()) {
      case STATESERVER_OBJECT_GET_FIELD -> getField(r, sender);
      case STATESERVER_OBJECT_GET_FIELDS -> getFields(r, sender);
      case STATESERVER_OBJECT_GET_ALL -> getAll(r, sender);
      case DBSERVER_OBJECT_GET_FIELD_RESP, DBSERVER_OBJECT_GET_FIELDS_RESP,
          DBSERVER_OBJECT_GET_ALL_RESP -> answered(r, d.msgType());
      default -> { }
    }
  }

  private void send(DatagramWriter w) {
    dbss.host().send(Datagram.of(w), dbss);
  }

  private void ask(long doid, int type, DatagramWriter reply, DatagramWriter request) {
    long ctx = dbss.newContext();
    pending.put(ctx, new Pending(type, reply));
    send(Datagram.header(dbss.db(), doid, type).u32(ctx).doId(doid)
        .bytes(request.toByteArray()));
  }

  private void getField(DatagramReader r, long sender) {
    long ctx = r.readU32();
    long doid = r.readDoId();
    int id = r.readU16();
    if (dbss.isActiveOrLoading(doid)) {
      return;
    }
    DcField f = dbss.host().dc().field(id);
    DatagramWriter w = Datagram.header(sender, doid, STATESERVER_OBJECT_GET_FIELD_RESP).u32(ctx);
    if (f == null || !(RoutingKeywords.required(f) || RoutingKeywords.ram(f))) {
      send(w.u8(0));
    } else if (RoutingKeywords.db(f)) {
      ask(doid, DBSERVER_OBJECT_GET_FIELD, w, new DatagramWriter().u16(id));
    } else if (ClusterDc.hasExplicitDefault(f)) {
      send(w.u8(1).u16(id).bytes(ClusterDc.defaultValue(f)));
    } else {
      send(w.u8(0));
    }
  }

  private void getFields(DatagramReader r, long sender) {
    long ctx = r.readU32();
    long doid = r.readDoId();
    int n = r.readU16();
    if (dbss.isActiveOrLoading(doid)) {
      return;
    }
    List<DcField> dbFields = new ArrayList<>();
    List<DcField> ramFields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DcField f = dbss.host().dc().field(r.readU16());
      if (f == null) {
        send(Datagram.header(sender, doid, STATESERVER_OBJECT_GET_FIELDS_RESP).u32(ctx).u8(0));
        return;
      }
      if (RoutingKeywords.ram(f) || RoutingKeywords.required(f)) {
        (RoutingKeywords.db(f) ? dbFields : ramFields).add(f);
      }
    }
    DatagramWriter w = Datagram.header(sender, doid, STATESERVER_OBJECT_GET_FIELDS_RESP).u32(ctx)
        .u8(1).u16(ramFields.size() + dbFields.size());
    ramFields.forEach(f -> w.u16(f.globalId()).bytes(ClusterDc.defaultValue(f)));
    if (dbFields.isEmpty()) {
      send(w);
      return;
    }
    DatagramWriter req = new DatagramWriter().u16(dbFields.size());
    dbFields.forEach(f -> req.u16(f.globalId()));
    ask(doid, DBSERVER_OBJECT_GET_FIELDS, w, req);
  }

  private void getAll(DatagramReader r, long sender) {
    long ctx = r.readU32();
    long doid = r.readDoId();
    if (dbss.isActiveOrLoading(doid)) {
      return;
    }
    DatagramWriter w = Datagram.header(sender, doid, STATESERVER_OBJECT_GET_ALL_RESP).u32(ctx)
        .doId(doid).channel(0);
    AllLoad load = allLoads.get(doid);
    if (load != null) {
      load.replies().add(w);
      return;
    }
    long dbCtx = dbss.newContext();
    allLoads.put(doid, new AllLoad(dbCtx, new ArrayList<>(List.of(w))));
    send(Datagram.header(dbss.db(), doid, DBSERVER_OBJECT_GET_ALL).u32(dbCtx).doId(doid));
  }

  /**
   * Tells an activation whether the database is already being asked for the object.
   *
   * @param doid the object
   * @return the context of the database GET_ALL in flight for it, or null
   */
  Long inFlightGetAll(long doid) {
    AllLoad load = allLoads.get(doid);
    return load == null ? null : load.context();
  }

  private void answered(DatagramReader r, int respType) {
    long ctx = r.readU32();
    if (respType == DBSERVER_OBJECT_GET_ALL_RESP) {
      allLoads.values().stream().filter(l -> l.context() == ctx).findFirst().ifPresent(l -> {
        allLoads.values().remove(l);
        allAnswered(r, l.replies());
      });
      return;
    }
    Pending p = pending.get(ctx);
    if (p == null || p.type() + 1 != respType) {
      return;
    }
    pending.values().remove(p);
    switch (respType) {
      case DBSERVER_OBJECT_GET_FIELD_RESP -> send(p.reply().bytes(r.readRemaining()));
      case DBSERVER_OBJECT_GET_FIELDS_RESP -> {
        if (r.readU8() == 1) {
          r.readU16();
          p.reply().bytes(r.readRemaining());
        }
        send(p.reply());
      }
      default -> { }
    }
  }

  /** Completes inactive GET_ALLs: class, REQ with defaults for gaps, OTHER of stored ram. */
  private void allAnswered(DatagramReader r, List<DatagramWriter> replies) {
    if (r.readU8() != 1) {
      return;
    }
    ClusterClass cls = dbss.host().dc().dclass(r.readU16());
    if (cls == null) {
      return;
    }
    ObjectState state = new ObjectState(cls);
    int n = r.readU16();
    for (int i = 0; i < n; i++) {
      DcField f = cls.field(r.readU16());
      if (f == null) {
        return;
      }
      state.save(f, ClusterDc.readValue(f, r));
    }
    for (DatagramWriter w : replies) {
      w.u16(cls.id());
      state.writeRequired(w, false, false);
      state.writeOther(w, false, false);
      send(w);
    }
  }
}
