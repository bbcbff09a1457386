package org.openttserver.runtime.stateserver;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.Set;
import java.util.TreeSet;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcField;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.dc.RoutingKeywords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SET_FIELD(S) with keyword routing, and GET_FIELD(S)/GET_ALL, for one object. */
final class ObjectUpdates {
  private static final Logger log = LoggerFactory.getLogger(ObjectUpdates.class);

  private final StateObject obj;

  ObjectUpdates(StateObject obj) {
    this.obj = obj;
  }

  /** SET_FIELD or SET_FIELDS (processed in order, stopping at the first bad field). */
  void set(DatagramReader r, long sender, boolean multi) {
    if (r.readDoId() != obj.doid()) {
      return;
    }
    int n = multi ? r.readU16() : 1;
    for (int i = 0; i < n; i++) {
      if (!setOne(r, sender)) {
        return;
      }
    }
  }

  private boolean setOne(DatagramReader r, long sender) {
    int id = r.readU16();
    DcField f = obj.state().cls().field(id);
    if (f == null) {
      log.warn("{}: set of field {}, which its class lacks", obj, id);
      return false;
    }
    byte[] value;
    try {
      value = ClusterDc.readValue(f, r);
    } catch (RuntimeException e) {
      log.warn("{}: truncated or invalid update of {}", obj, f.name());
      return false;
    }
    store(f, value);
    // At most three recipients, in Astron's order, without duplicates (and without a set).
    long[] targets = new long[3];
    int n = 0;
    if (RoutingKeywords.broadcast(f)) {
      targets[n++] = obj.location();
    }
    if (RoutingKeywords.airecv(f) && obj.ai() != 0 && obj.ai() != sender) {
      n = addNew(targets, n, obj.ai());
    }
    if (RoutingKeywords.ownrecv(f) && obj.owner() != 0 && obj.owner() != sender) {
      n = addNew(targets, n, obj.owner());
    }
    if (n > 0) {
      obj.send(Datagram.of(Datagrams.header(targets, n, sender, STATESERVER_OBJECT_SET_FIELD)
          .doId(obj.doid()).u16(id).bytes(value)));
    }
    return true;
  }

  private static int addNew(long[] channels, int n, long channel) {
    for (int i = 0; i < n; i++) {
      if (channels[i] == channel) {
        return n;
      }
    }
    channels[n] = channel;
    return n + 1;
  }

  /** Molecular fields are stored as their atomics. */
  private void store(DcField f, byte[] value) {
    if (!f.isMolecular()) {
      obj.state().save(f, value);
      return;
    }
    DatagramReader r = new DatagramReader(value);
    for (DcField atomic : f.components()) {
      obj.state().save(atomic, ClusterDc.readValue(atomic, r));
    }
  }

  void get(DatagramReader r, long sender, int type) {
    long ctx = r.readU32();
    if (r.readDoId() != obj.doid()) {
      return;
    }
    switch (type) {
      case STATESERVER_OBJECT_GET_FIELD -> getField(ctx, r.readU16(), sender);
      case STATESERVER_OBJECT_GET_FIELDS -> getFields(ctx, r, sender);
      default -> {
        DatagramWriter w = Datagram.header(sender, obj.doid(), STATESERVER_OBJECT_GET_ALL_RESP)
            .u32(ctx);
        w.doId(obj.doid()).doId(obj.parent()).u32(obj.zone()).u16(obj.state().cls().id());
        obj.state().writeRequired(w, false, false);
        obj.state().writeOther(w, false, false);
        obj.send(Datagram.of(w));
      }
    }
  }

  private void getField(long ctx, int id, long sender) {
    DatagramWriter value = new DatagramWriter();
    boolean ok = getOne(value, id, false, false);
    DatagramWriter w = Datagram.header(sender, obj.doid(), STATESERVER_OBJECT_GET_FIELD_RESP)
        .u32(ctx).u8(ok ? 1 : 0);
    if (ok) {
      w.bytes(value.toByteArray());
    }
    obj.send(Datagram.of(w));
  }

  private void getFields(long ctx, DatagramReader r, long sender) {
    int n = r.readU16();
    Set<Integer> ids = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      ids.add(r.readU16());
    }
    DatagramWriter values = new DatagramWriter();
    boolean ok = true;
    int found = 0;
    for (int id : ids) {
      int before = values.size();
      if (!getOne(values, id, true, false)) {
        ok = false;
        break;
      }
      found += values.size() > before ? 1 : 0;
    }
    DatagramWriter w = Datagram.header(sender, obj.doid(), STATESERVER_OBJECT_GET_FIELDS_RESP)
        .u32(ctx).u8(ok ? 1 : 0);
    if (ok) {
      w.u16(found).bytes(values.toByteArray());
    }
    obj.send(Datagram.of(w));
  }

  /** Appends (id, value); a molecular field as its id and its atomics' values. */
  private boolean getOne(DatagramWriter out, int id, boolean okIfUnset, boolean sub) {
    DcField f = obj.state().cls().field(id);
    if (f == null) {
      log.warn("{}: get of field {}, which its class lacks", obj, id);
      return false;
    }
    if (f.isMolecular()) {
      DatagramWriter parts = new DatagramWriter();
      for (DcField atomic : f.components()) {
        if (!getOne(parts, atomic.globalId(), okIfUnset, true)) {
          return false;
        }
      }
      out.u16(id).bytes(parts.toByteArray());
      return true;
    }
    byte[] v = obj.state().get(f);
    if (v == null) {
      return okIfUnset;
    }
    if (!sub) {
      out.u16(id);
    }
    out.bytes(v);
    return true;
  }
}
