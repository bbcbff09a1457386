package org.openttserver.api.bridge;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcKeyword;

/** {@link DatabaseObjects} over a bridge. */
final class Database implements DatabaseObjects {
  private final Bridge bridge;

  Database(Bridge bridge) {
    this.bridge = bridge;
  }

  private long channel() {
    return bridge.settings.databaseChannel();
  }

  private static void requireDb(FieldValues values) {
    for (FieldValues.Entry e : values.entries()) {
      if (!e.field().has(DcKeyword.DB)) {
        throw new IllegalArgumentException(e.field() + " is not a db field; the database "
            + "would not store it");
      }
    }
  }

  private static void requireSome(FieldValues values, String what) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(what + ": no field given");
    }
  }

  @Override
  public CompletableFuture<Long> create(DcClass dclass, FieldValues values) {
    Bridge.requireClass(values, dclass, "values");
    requireDb(values);
    for (DcField f : dclass.cluster().required()) {
      if (f.has(DcKeyword.DB) && values.entry(f) == null && !Wire.hasExplicitDefault(f)) {
        throw new IllegalArgumentException("create of " + dclass.name() + ": required db field "
            + f.name() + " has no DC default and is not given");
      }
    }
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(channel(), DBSERVER_CREATE_OBJECT).u32(ctx)
        .u16(dclass.number()).u16(values.size());
    values.writePairs(w);
    String what = "create of " + dclass.name();
    return bridge.request(w, DBSERVER_CREATE_OBJECT_RESP, ctx, what, d -> {
      DatagramReader r = d.payload();
      r.readU32();
      long doId = r.readDoId();
      if (doId == 0) {
        throw new RefusedException(what + ": the database refused (unknown class, invalid "
            + "field or no doId left)");
      }
      bridge.remember(doId, dclass);
      return doId;
    });
  }

  @Override
  public CompletableFuture<StoredObject> getAll(long doId) {
    BridgeArguments.requireU32("doId", doId);
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(channel(), DBSERVER_OBJECT_GET_ALL).u32(ctx).doId(doId);
    String what = "database get of all fields of " + Bridge.id(doId);
    return bridge.request(w, DBSERVER_OBJECT_GET_ALL_RESP, ctx, what, d -> {
      DatagramReader r = d.payload();
      r.readU32();
      if (r.readU8() == 0) {
        throw new NoSuchObjectException(doId, what + ": no such object");
      }
      int classId = r.readU16();
      DcClass cls = bridge.dc.classByNumber(classId);
      if (cls == null) {
        throw new MalformedReplyException(what + ": the reply names unknown class " + classId,
            null);
      }
      bridge.remember(doId, cls);
      ClusterClass view = cls.cluster();
      return new StoredObject(doId, cls, Wire.readPairs(view, r, r.readU16()));
    });
  }

  @Override
  public CompletableFuture<FieldValues> get(long doId, DcClass dclass, String... fieldNames) {
    BridgeArguments.requireU32("doId", doId);
    ClusterClass view = dclass.cluster();
    Set<DcField> fields = new LinkedHashSet<>();
    for (String n : fieldNames) {
      DcField f = Wire.field(view, n);
      if (!f.has(DcKeyword.DB)) {
        throw new IllegalArgumentException(f + " is not a db field");
      }
      fields.add(f);
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("database get of " + Bridge.id(doId) + ": no field named");
    }
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(channel(), DBSERVER_OBJECT_GET_FIELDS).u32(ctx).doId(doId)
        .u16(fields.size());
    fields.forEach(f -> w.u16(f.globalId()));
    String what = "database get of " + fields.size() + " field(s) of " + Bridge.id(doId);
    return bridge.request(w, DBSERVER_OBJECT_GET_FIELDS_RESP, ctx, what, d -> {
      DatagramReader r = d.payload();
      r.readU32();
      if (r.readU8() == 0) {
        throw new NoSuchObjectException(doId, what + ": no such object");
      }
      return Wire.readPairs(view, r, r.readU16());
    });
  }

  @Override
  public CompletableFuture<Void> set(long doId, FieldValues values) {
    BridgeArguments.requireU32("doId", doId);
    requireSome(values, "database set of " + Bridge.id(doId));
    requireDb(values);
    DatagramWriter w;
    if (values.size() == 1) {
      w = bridge.header(channel(), DBSERVER_OBJECT_SET_FIELD).doId(doId);
    } else {
      w = bridge.header(channel(), DBSERVER_OBJECT_SET_FIELDS).doId(doId).u16(values.size());
    }
    values.writePairs(w);
    return bridge.send(w);
  }

  @Override
  public CompletableFuture<ConditionalResult> setIfEquals(long doId, FieldValues expected,
      FieldValues replacement) {
    BridgeArguments.requireU32("doId", doId);
    Bridge.requireClass(replacement, expected.dclass(), "replacement");
    requireSome(expected, "conditional set of " + Bridge.id(doId));
    requireDb(expected);
    if (!expected.fields().equals(replacement.fields())) {
      throw new IllegalArgumentException("expected " + expected.names() + " but replacing "
          + replacement.names() + ": give the same fields");
    }
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(channel(), DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS).u32(ctx)
        .doId(doId).u16(expected.size());
    for (FieldValues.Entry e : expected.entries()) {
      w.u16(e.field().globalId()).bytes(e.wire()).bytes(replacement.entry(e.field()).wire());
    }
    ClusterClass view = expected.view();
    String what = "conditional set of " + expected.names() + " on " + Bridge.id(doId);
    return bridge.request(w, DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS_RESP, ctx, what,
        d -> conditional(d.payload(), view, doId, what, true));
  }

  @Override
  public CompletableFuture<ConditionalResult> setIfEmpty(long doId, FieldValues value) {
    BridgeArguments.requireU32("doId", doId);
    if (value.size() != 1) {
      throw new IllegalArgumentException("set-if-empty takes exactly one field, got "
          + value.names());
    }
    requireDb(value);
    FieldValues.Entry e = value.entries().iterator().next();
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(channel(), DBSERVER_OBJECT_SET_FIELD_IF_EMPTY).u32(ctx)
        .doId(doId).u16(e.field().globalId()).bytes(e.wire());
    ClusterClass view = value.view();
    String what = "set-if-empty of " + e.field().name() + " on " + Bridge.id(doId);
    return bridge.request(w, DBSERVER_OBJECT_SET_FIELD_IF_EMPTY_RESP, ctx, what,
        d -> conditional(d.payload(), view, doId, what, false));
  }

  /**
   * Reads u8 ok [current]: ok; a refusal with the current values (a count first when {@code
   * counted}); a bare refusal, which the database gives for a missing object.
   */
  private static ConditionalResult conditional(DatagramReader r, ClusterClass view, long doId,
      String what, boolean counted) {
    r.readU32();
    if (r.readU8() == 1) {
      return new ConditionalResult(true, FieldValues.decoded(view, List.of()));
    }
    if (r.remaining() == 0) {
      if (!counted) {
        // SET_FIELD_IF_EMPTY answers a set field with its value, so nothing means no object.
        throw new NoSuchObjectException(doId, what + ": no such object");
      }
      throw new NoSuchObjectException(doId, what + ": no such object (or a field of another "
          + "class)");
    }
    FieldValues current = counted ? Wire.readPairs(view, r, r.readU16())
        : Wire.readPairs(view, r, 1);
    return new ConditionalResult(false, current);
  }

  @Override
  public CompletableFuture<Void> delete(long doId) {
    BridgeArguments.requireU32("doId", doId);
    return bridge.send(bridge.header(channel(), DBSERVER_OBJECT_DELETE).doId(doId));
  }

  @Override
  public CompletableFuture<List<Long>> list(DcClass dclass, long afterDoId, int max) {
    BridgeArguments.requireU32("afterDoId", afterDoId);
    if (max < 1 || max > 0xFFFF) {
      throw new IllegalArgumentException("max must be 1 to 65535, not " + max);
    }
    long ctx = bridge.cluster.newContext();
    DatagramWriter w = bridge.header(channel(), DBSERVER_LIST_OBJECTS).u32(ctx)
        .u16(dclass.number()).doId(afterDoId).u16(max);
    String what = "database list of " + dclass.name() + " objects";
    return bridge.request(w, DBSERVER_LIST_OBJECTS_RESP, ctx, what, d -> {
      DatagramReader r = d.payload();
      r.readU32();
      int n = r.readU16();
      List<Long> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(r.readDoId());
      }
      return ids;
    });
  }

}
