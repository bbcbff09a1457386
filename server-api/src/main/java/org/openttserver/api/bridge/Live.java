package org.openttserver.api.bridge;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcKeyword;

/** {@link LiveObjects} over a bridge. */
final class Live implements LiveObjects {
  private final Bridge bridge;

  Live(Bridge bridge) {
    this.bridge = bridge;
  }

  private static void requireDoId(long doId) {
    BridgeArguments.requireU32("doId", doId);
  }

  private static void requireObject(long doId, long parent, long zone) {
    requireDoId(doId);
    BridgeArguments.requireLocation(parent, zone);
  }

  @Override
  public CompletableFuture<Void> createObject(long doId, long parent, long zone,
      FieldValues fields) {
    requireObject(doId, parent, zone);
    FieldValues.Builder required = FieldValues.builder(fields.dclass());
    FieldValues.Builder other = FieldValues.builder(fields.dclass());
    for (FieldValues.Entry e : fields.entries()) {
      DcField f = e.field();
      if (f.isMolecular()) {
        throw new IllegalArgumentException(f + " is molecular: give its fields one by one");
      }
      if (f.isRequired()) {
        required.put(e);
      } else if (f.has(DcKeyword.RAM)) {
        other.put(e);
      } else {
        throw new IllegalArgumentException(f + " is neither required nor ram; a state server "
            + "would not keep it");
      }
    }
    return createObject(doId, parent, zone, required.build(), other.build());
  }

  @Override
  public CompletableFuture<Void> createObject(long doId, long parent, long zone,
      FieldValues required, FieldValues other) {
    requireObject(doId, parent, zone);
    DcClass cls = required.dclass();
    Bridge.requireClass(other, cls, "other");
    ClusterClass view = required.view();
    for (FieldValues.Entry e : required.entries()) {
      if (!e.field().isRequired() || e.field().isMolecular()) {
        throw new IllegalArgumentException(e.field() + " is not an atomic required field");
      }
    }
    for (FieldValues.Entry e : other.entries()) {
      if (e.field().isRequired() || !e.field().has(DcKeyword.RAM) || e.field().isMolecular()) {
        throw new IllegalArgumentException(e.field() + " is not an atomic ram field that is not "
            + "required");
      }
    }
    boolean withOther = !other.isEmpty();
    DatagramWriter w = bridge.header(bridge.settings.stateServerChannel(), withOther
        ? STATESERVER_CREATE_OBJECT_WITH_REQUIRED_OTHER : STATESERVER_CREATE_OBJECT_WITH_REQUIRED)
        .doId(doId).doId(parent).u32(zone).u16(cls.number());
    for (DcField f : view.required()) {
      FieldValues.Entry e = required.entry(f);
      if (e != null) {
        w.bytes(e.wire());
      } else if (Wire.hasExplicitDefault(f)) {
        w.bytes(Wire.defaultWire(f));
      } else {
        throw new IllegalArgumentException("create of " + cls.name() + "(" + Bridge.id(doId)
            + "): required field " + f.name() + " has no DC default and is not given");
      }
    }
    if (withOther) {
      w.u16(other.size());
      other.writePairs(w);
    }
    bridge.remember(doId, cls);
    return bridge.send(w);
  }

  @Override
  public CompletableFuture<Void> activate(long doId, long parent, long zone) {
    requireObject(doId, parent, zone);
    return bridge.send(bridge.header(doId, DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS).doId(doId)
        .doId(parent).u32(zone));
  }

  @Override
  public CompletableFuture<Void> activate(long doId, long parent, long zone,
      FieldValues overrides) {
    requireObject(doId, parent, zone);
    for (FieldValues.Entry e : overrides.entries()) {
      if (!e.field().isRequired() && !e.field().has(DcKeyword.RAM)) {
        throw new IllegalArgumentException(e.field() + " is neither required nor ram; an "
            + "activation cannot override it");
      }
    }
    DatagramWriter w = bridge.header(doId, DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER).doId(doId)
        .doId(parent).u32(zone).u16(overrides.dclass().number()).u16(overrides.size());
    overrides.writePairs(w);
    bridge.remember(doId, overrides.dclass());
    return bridge.send(w);
  }

  @Override
  public CompletableFuture<Boolean> isActive(long doId) {
    requireDoId(doId);
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(doId, DBSS_OBJECT_GET_ACTIVATED).u32(ctx).doId(doId);
    return bridge.request(w, DBSS_OBJECT_GET_ACTIVATED_RESP, ctx,
        "activation query of " + Bridge.id(doId), d -> {
          DatagramReader r = d.payload();
          r.readU32();
          r.readDoId();
          return r.readU8() != 0;
        });
  }

  @Override
  public CompletableFuture<Void> setLocation(long doId, long parent, long zone) {
    requireObject(doId, parent, zone);
    return bridge.send(bridge.header(doId, STATESERVER_OBJECT_SET_LOCATION).doId(parent)
        .u32(zone));
  }

  @Override
  public CompletableFuture<Void> setOwner(long doId, long owner) {
    requireDoId(doId);
    return bridge.send(bridge.header(doId, STATESERVER_OBJECT_SET_OWNER).channel(owner));
  }

  @Override
  public CompletableFuture<Void> setAi(long doId, long ai) {
    requireDoId(doId);
    return bridge.send(bridge.header(doId, STATESERVER_OBJECT_SET_AI).channel(ai));
  }

  @Override
  public CompletableFuture<Void> setFields(long doId, FieldValues values) {
    requireDoId(doId);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("set of fields of " + Bridge.id(doId)
          + ": no field given");
    }
    DatagramWriter w;
    if (values.size() == 1) {
      w = bridge.header(doId, STATESERVER_OBJECT_SET_FIELD).doId(doId);
    } else {
      w = bridge.header(doId, STATESERVER_OBJECT_SET_FIELDS).doId(doId).u16(values.size());
    }
    values.writePairs(w);
    return bridge.send(w);
  }

  @Override
  public CompletableFuture<FieldValues> getFields(long doId, DcClass dclass,
      String... fieldNames) {
    requireDoId(doId);
    ClusterClass view = dclass.cluster();
    Set<DcField> fields = new LinkedHashSet<>();
    for (String n : fieldNames) {
      fields.add(Wire.field(view, n));
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("get of fields of " + Bridge.id(doId)
          + ": no field named");
    }
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(doId, STATESERVER_OBJECT_GET_FIELDS).u32(ctx).doId(doId)
        .u16(fields.size());
    fields.forEach(f -> w.u16(f.globalId()));
    String what = "get of " + fields.size() + " field(s) of " + Bridge.id(doId);
    return bridge.request(w, STATESERVER_OBJECT_GET_FIELDS_RESP, ctx, what, d -> {
      DatagramReader r = d.payload();
      r.readU32();
      if (r.readU8() == 0) {
        throw new RefusedException(what + ": refused (the object's class lacks a field)");
      }
      return Wire.readPairs(view, r, r.readU16());
    });
  }

  @Override
  public CompletableFuture<Long> getAi(long doId) {
    requireDoId(doId);
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(doId, STATESERVER_OBJECT_GET_AI).u32(ctx);
    String what = "AI query of " + Bridge.id(doId);
    return bridge.request(w, STATESERVER_OBJECT_GET_AI_RESP, ctx, what, d -> {
      DatagramReader r = d.payload();
      r.readU32();
      long about = r.readDoId();
      if (about != doId) {
        throw new MalformedReplyException(what + ": the reply is about " + Bridge.id(about),
            null);
      }
      return r.readChannel();
    });
  }

  @Override
  public CompletableFuture<LiveObject> getAll(long doId) {
    requireDoId(doId);
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(doId, STATESERVER_OBJECT_GET_ALL).u32(ctx).doId(doId);
    String what = "get of all fields of " + Bridge.id(doId);
    return bridge.request(w, STATESERVER_OBJECT_GET_ALL_RESP, ctx, what, d -> {
      DatagramReader r = d.payload();
      r.readU32();
      LiveObject o = EventHub.readSnapshot(bridge, r, false, false, true);
      if (o.doId() != doId) {
        throw new MalformedReplyException(what + ": the reply is about " + Bridge.id(o.doId()),
            null);
      }
      return o;
    });
  }

  @Override
  public CompletableFuture<List<LiveObject>> zoneObjects(long parent, long... zones) {
    if (zones.length == 0 || zones.length > 0xFFFF) {
      throw new IllegalArgumentException("1 to 65535 zones, got " + zones.length);
    }
    BridgeArguments.requireLocation(parent, zones);
    return bridge.zoneQuery(parent, zones);
  }

  @Override
  public CompletableFuture<Void> deleteRam(long doId) {
    requireDoId(doId);
    return bridge.send(bridge.header(doId, STATESERVER_OBJECT_DELETE_RAM).doId(doId));
  }

  @Override
  public Registration events(long channel, ObjectEvents listener) {
    return bridge.watch(channel, listener);
  }
}
