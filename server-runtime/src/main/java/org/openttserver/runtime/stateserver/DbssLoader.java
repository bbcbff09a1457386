package org.openttserver.runtime.stateserver;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.dc.RoutingKeywords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An object being activated: asks the database for it, queues every other datagram sent to its
 * doid meanwhile, then creates the object (required fields from the activate's overrides, the
 * database, or defaults, implicit zero included; ram fields from overrides or the database),
 * replays the queue to it and hands the queue to the role too.
 */
final class DbssLoader implements Inbox {
  private static final Logger log = LoggerFactory.getLogger(DbssLoader.class);

  private final Dbss dbss;
  private final long doid;
  private final long parent;
  private final long zone;
  private final ClusterClass cls;
  private final long context;
  private final Map<DcField, byte[]> overrides = new HashMap<>();
  private final List<Datagram> queue = new ArrayList<>();
  private boolean done;

  DbssLoader(Dbss dbss, long doid, long parent, long zone, ClusterClass cls, long context) {
    this.dbss = dbss;
    this.doid = doid;
    this.parent = parent;
    this.zone = zone;
    this.cls = cls;
    this.context = context;
  }

  long doid() {
    return doid;
  }

  /** Reads an activate's (id, value) overrides: ram or required fields only. */
  void readOverrides(DatagramReader r) {
    int n = r.readU16();
    for (int i = 0; i < n; i++) {
      int id = r.readU16();
      DcField f = cls.field(id);
      if (f == null) {
        log.warn("dbss: activate of {} names field {} its class lacks; ignoring the rest", doid, id);
        return;
      }
      byte[] v = ClusterDc.readValue(f, r);
      if (RoutingKeywords.ram(f) || RoutingKeywords.required(f)) {
        overrides.put(f, v);
      } else {
        log.warn("dbss: activate of {} overrides non-ram field {}; skipped", doid, f.name());
      }
    }
  }

  /**
   * Starts listening for the database's answer.
   *
   * @param ask whether to ask the database (false: a GET_ALL under our context is in flight)
   */
  void begin(boolean ask) {
    dbss.host().subscribe(this, doid);
    if (!ask) {
      return;
    }
    dbss.host().send(Datagram.of(Datagram.header(dbss.db(), doid, DBSERVER_OBJECT_GET_ALL)
        .u32(context).doId(doid)), this);
  }

  @Override
  public void handle(Datagram d) {
    int type = d.msgType();
    if (done || type == DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS
        || type == DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER) {
      return;
    }
    if (type == DBSERVER_OBJECT_GET_ALL_RESP && d.payload().readU32() == context) {
      loaded(d.payload());
    } else {
      queue.add(d);
    }
  }

  private void loaded(DatagramReader r) {
    done = true;
    r.readU32();
    StateObject obj = null;
    try {
      obj = r.readU8() == 1 ? build(r) : null;
    } catch (RuntimeException e) {
      log.warn("dbss: object {} from the database is invalid: {}", doid, e.getMessage());
    }
    dbss.host().unsubscribe(this, doid);
    dbss.loaded(this);
    if (obj == null) {
      log.info("dbss: activate of {} found no usable object in the database", doid);
    }
    for (Datagram q : queue) {
      if (obj != null && dbss.host().objects().get(doid) == obj) {
        try {
          obj.handle(q);
        } catch (RuntimeException e) {
          log.warn("dbss: replayed {} for {} dropped: {}", nameOf(q.msgType()), doid, e.toString());
        }
      }
    }
    for (Datagram q : queue) {
      try {
        dbss.handle(q);
      } catch (RuntimeException e) {
        log.warn("dbss: queued {} for {} dropped: {}", nameOf(q.msgType()), doid, e.toString());
      }
    }
  }

  private StateObject build(DatagramReader r) {
    ClusterClass stored = dbss.host().dc().dclass(r.readU16());
    if (stored == null || (cls != null && stored != cls)) {
      log.warn("dbss: object {} is stored with class {}, not the one asked for", doid, stored);
      return null;
    }
    ObjectState state = new ObjectState(stored);
    int n = r.readU16();
    for (int i = 0; i < n; i++) {
      DcField f = stored.field(r.readU16());
      if (f == null) {
        return null;
      }
      state.save(f, ClusterDc.readValue(f, r));
    }
    for (DcField f : stored.required()) {
      if (state.get(f) == null) {
        state.save(f, ClusterDc.defaultValue(f));
      }
    }
    overrides.forEach(state::save);
    return StateObject.create(dbss.host(), doid, state, parent, zone, dbss.db());
  }

  @Override
  public String toString() {
    return "loading(" + doid + ")";
  }
}
