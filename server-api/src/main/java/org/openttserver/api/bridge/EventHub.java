package org.openttserver.api.bridge;

import static org.openttserver.api.msg.AstronMsg.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives unasked: events on watched channels, and the answers of zone queries (a count,
 * then one ENTER_INTEREST per object, or an ENTER_LOCATION from an object whose parent has not
 * acknowledged it yet). All of it is handled on the participant's executor.
 */
final class EventHub {
  private static final Logger log = LoggerFactory.getLogger(EventHub.class);
  private static final int[] TYPES = {
      STATESERVER_OBJECT_GET_ZONES_COUNT_RESP,
      STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED,
      STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER,
      STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED,
      STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER,
      STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED,
      STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER,
      STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED,
      STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED_OTHER,
      STATESERVER_OBJECT_CHANGING_LOCATION,
      STATESERVER_OBJECT_CHANGING_OWNER,
      STATESERVER_OBJECT_CHANGING_AI,
      STATESERVER_OBJECT_DELETE_RAM,
      STATESERVER_OBJECT_SET_FIELD,
      STATESERVER_OBJECT_SET_FIELDS};

  private final Bridge bridge;
  private final Map<Long, List<ObjectEvents>> watched = new ConcurrentHashMap<>();
  /** Zone queries waiting for answers, by context (executor only, but read by the handler). */
  private final Map<Long, ZoneQuery> queries = new ConcurrentHashMap<>();
  private final List<Registration> handlers = new ArrayList<>();
  /** Set by {@link #close} under the lock of {@code watched}. */
  private boolean closed;

  private static final class ZoneQuery {
    final long parent;
    final long[] zones;
    final CompletableFuture<List<LiveObject>> future = new CompletableFuture<>();
    final List<LiveObject> objects = new ArrayList<>();
    /** The doIds answered so far: an object answering twice counts once. */
    final Set<Long> seen = new HashSet<>();
    long expected = -1;

    ZoneQuery(long parent, long[] zones) {
      this.parent = parent;
      this.zones = zones;
    }

    boolean covers(long p, long zone) {
      if (p != parent) {
        return false;
      }
      for (long z : zones) {
        if (z == zone) {
          return true;
        }
      }
      return false;
    }

    /** Whether an object that has not answered this query could still count for it. */
    boolean waitsFor(long doId) {
      return !seen.contains(doId) && (expected < 0 || objects.size() < expected);
    }

    /** Takes an answer; false if this object already answered. */
    boolean add(LiveObject o) {
      if (!seen.add(o.doId())) {
        return false;
      }
      objects.add(o);
      return true;
    }
  }

  EventHub(Bridge bridge) {
    this.bridge = bridge;
    for (int type : TYPES) {
      handlers.add(bridge.cluster.onMessage(type, this::handle));
    }
  }

  Registration watch(long channel, ObjectEvents listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    synchronized (watched) {
      if (closed) {
        throw new IllegalStateException("the bridge is closed");
      }
      List<ObjectEvents> list = watched.computeIfAbsent(channel,
          c -> new CopyOnWriteArrayList<>());
      if (list.isEmpty() && channel != bridge.sender) {
        Subscriptions.subscribe(bridge.cluster, channel);
      }
      list.add(listener);
    }
    boolean[] closed = {false};
    return () -> {
      synchronized (watched) {
        if (closed[0]) {
          return;
        }
        closed[0] = true;
        List<ObjectEvents> list = watched.get(channel);
        if (list != null && list.remove(listener) && list.isEmpty()) {
          watched.remove(channel);
          if (channel != bridge.sender) {
            Subscriptions.unsubscribe(bridge.cluster, channel);
          }
        }
      }
    };
  }

  /** Removes the handlers, ends every watch and fails pending zone queries. */
  void close() {
    handlers.forEach(Registration::close);
    synchronized (watched) {
      closed = true;
      for (Long channel : watched.keySet()) {
        if (channel != bridge.sender) {
          Subscriptions.unsubscribe(bridge.cluster, channel);
        }
      }
      watched.clear();
    }
    for (Long ctx : List.copyOf(queries.keySet())) {
      ZoneQuery q = queries.remove(ctx);
      if (q != null) {
        bridge.executor().execute(() -> q.future.completeExceptionally(closedQuery(q.parent)));
      }
    }
  }

  /** The failure of a zone query whose bridge closed before it was answered. */
  static NoReplyException closedQuery(long parent) {
    return new NoReplyException("zone query of " + Bridge.id(parent) + ": the bridge was closed",
        null);
  }

  CompletableFuture<List<LiveObject>> zoneQuery(long parent, long[] zones, Duration timeout) {
    long ctx = bridge.cluster.newContext();
    ZoneQuery q = new ZoneQuery(parent, zones.clone());
    synchronized (watched) {
      if (closed) {
        throw new IllegalStateException("the bridge is closed");
      }
      queries.put(ctx, q);
    }
    var w = bridge.header(parent, STATESERVER_OBJECT_GET_ZONES_OBJECTS).u32(ctx).doId(parent)
        .u16(zones.length);
    for (long z : zones) {
      w.u32(z);
    }
    bridge.cluster.send(Datagram.of(w));
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS,
        bridge.executor()).execute(() -> {
          if (queries.remove(ctx, q)) {
            q.future.completeExceptionally(new NoReplyException("zone query of "
                + Bridge.id(parent) + ": " + (q.expected < 0 ? "no count from the parent"
                : q.objects.size() + " of " + q.expected + " objects answered") + " within "
                + timeout.toMillis() + " ms", null));
          }
        });
    return q.future;
  }

  private void handle(Datagram d) {
    int type = d.msgType();
    try {
      switch (type) {
        case STATESERVER_OBJECT_GET_ZONES_COUNT_RESP -> {
          DatagramReader r = d.payload();
          long ctx = r.readU32();
          ZoneQuery q = queries.get(ctx);
          if (q != null && q.expected < 0) {
            q.expected = r.readU32();
            progress(ctx, q);
          }
          return;
        }
        case STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED,
            STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER -> {
          DatagramReader r = d.payload();
          long ctx = r.readU32();
          ZoneQuery q = queries.get(ctx);
          if (q != null && q.add(readSnapshot(bridge, r, true, false,
              type == STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER))) {
            progress(ctx, q);
          }
          return;
        }
        case STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED,
            STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER -> earlyEntry(d);
        default -> { }
      }
      dispatch(d);
    } catch (DatagramFormatException | DcValueException e) {
      log.warn("bridge: malformed {}: {}", nameOf(type), e.getMessage());
    }
  }

  /**
   * An ENTER_LOCATION to the sender channel answers one zone query whose zone it is in: the
   * oldest that still waits for objects and has not had this one (overlapping queries each get
   * their own ENTER_LOCATION from the object).
   */
  private void earlyEntry(Datagram d) {
    if (queries.isEmpty() || !addressedTo(d, bridge.sender)) {
      return;
    }
    DatagramReader r = d.payload();
    long doId = r.readDoId();
    long parent = r.readDoId();
    long zone = r.readU32();
    List<Map.Entry<Long, ZoneQuery>> waiting = new ArrayList<>(queries.entrySet());
    waiting.sort(Map.Entry.comparingByKey(Long::compareUnsigned));
    for (Map.Entry<Long, ZoneQuery> e : waiting) {
      ZoneQuery q = e.getValue();
      if (q.covers(parent, zone) && q.waitsFor(doId)) {
        q.add(readSnapshot(bridge, d.payload(), true, false,
            d.msgType() == STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER));
        progress(e.getKey(), q);
        return;
      }
    }
  }

  private void progress(long ctx, ZoneQuery q) {
    if (q.expected >= 0 && q.objects.size() >= q.expected && queries.remove(ctx, q)) {
      q.future.complete(List.copyOf(q.objects));
    }
  }

  private static boolean addressedTo(Datagram d, long channel) {
    for (int i = 0; i < d.recipientCount(); i++) {
      if (d.recipient(i) == channel) {
        return true;
      }
    }
    return false;
  }

  private void dispatch(Datagram d) {
    if (watched.isEmpty()) {
      return;
    }
    for (int i = 0; i < d.recipientCount(); i++) {
      long channel = d.recipient(i);
      List<ObjectEvents> list = watched.get(channel);
      if (list == null || list.isEmpty()) {
        continue;
      }
      ObjectEvent event = decode(d, channel);
      if (event == null) {
        return;
      }
      for (ObjectEvents l : list) {
        try {
          l.on(event);
        } catch (RuntimeException e) {
          log.error("bridge: a listener of channel {} failed on {}", Bridge.id(channel), event,
              e);
        }
      }
    }
  }

  private ObjectEvent decode(Datagram d, long channel) {
    long sender = d.sender();
    DatagramReader r = d.payload();
    int t = d.msgType();
    return switch (t) {
      case STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED,
          STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER ->
          new ObjectEvent.Entered(channel, sender, ObjectEvent.View.LOCATION,
              readSnapshot(bridge, r, true, false, t % 2 == 1));
      case STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED,
          STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER ->
          new ObjectEvent.Entered(channel, sender, ObjectEvent.View.OWNER,
              readSnapshot(bridge, r, true, true, t % 2 == 1));
      case STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED,
          STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED_OTHER ->
          new ObjectEvent.Entered(channel, sender, ObjectEvent.View.AI,
              readSnapshot(bridge, r, false, false, t % 2 == 1));
      case STATESERVER_OBJECT_CHANGING_LOCATION -> new ObjectEvent.LocationChanged(channel,
          sender, r.readDoId(), r.readDoId(), r.readU32(), r.readDoId(), r.readU32());
      case STATESERVER_OBJECT_CHANGING_OWNER -> new ObjectEvent.OwnerChanged(channel, sender,
          r.readDoId(), r.readChannel(), r.readChannel());
      case STATESERVER_OBJECT_CHANGING_AI -> new ObjectEvent.AiChanged(channel, sender,
          r.readDoId(), r.readChannel(), r.readChannel());
      case STATESERVER_OBJECT_DELETE_RAM -> new ObjectEvent.Deleted(channel, sender, r.readDoId());
      case STATESERVER_OBJECT_SET_FIELD, STATESERVER_OBJECT_SET_FIELDS -> fieldsChanged(channel,
          sender, r, t == STATESERVER_OBJECT_SET_FIELDS);
      default -> null;
    };
  }

  private ObjectEvent fieldsChanged(long channel, long sender, DatagramReader r, boolean multi) {
    long doId = r.readDoId();
    int n = multi ? r.readU16() : 1;
    List<DcField> fields = new ArrayList<>(n);
    List<FieldValues.Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int id = r.readU16();
      DcField f = bridge.dc.fieldByGlobalId(id);
      if (f == null) {
        throw new DcValueException(DcValueException.Kind.CONSTRAINT, "unknown field " + id);
      }
      fields.add(f);
      entries.add(FieldValues.read(f, r));
    }
    ClusterClass view = classFor(doId, fields);
    return new ObjectEvent.FieldsChanged(channel, sender, doId,
        FieldValues.decoded(view, entries));
  }

  /** The class an update's fields belong to: the object's known class, else a declaring one. */
  private ClusterClass classFor(long doId, List<DcField> fields) {
    DcClass known = bridge.knownClass(doId);
    if (known != null && hasAll(known.cluster(), fields)) {
      return known.cluster();
    }
    Map<DcClass, Boolean> tried = new HashMap<>();
    for (DcField f : fields) {
      if (tried.put(f.owner(), Boolean.TRUE) == null
          && hasAll(f.owner().cluster(), fields)) {
        return f.owner().cluster();
      }
    }
    for (DcClass c : bridge.dc.classes()) {
      if (hasAll(c.cluster(), fields)) {
        return c.cluster();
      }
    }
    throw new DcValueException(DcValueException.Kind.CONSTRAINT,
        "no class has all of the fields of an update of " + Bridge.id(doId));
  }

  private static boolean hasAll(ClusterClass view, List<DcField> fields) {
    for (DcField f : fields) {
      if (!view.has(f)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads doId, parent, zone, class, REQ (as the view sees it) and optionally OTHER.
   *
   * @param clientOnly whether REQ holds only client-visible fields
   * @param ownerView whether it also holds ownrecv fields
   * @param other whether an OTHER section follows
   */
  static LiveObject readSnapshot(Bridge bridge, DatagramReader r, boolean clientOnly,
      boolean ownerView, boolean other) {
    long doId = r.readDoId();
    long parent = r.readDoId();
    long zone = r.readU32();
    int classId = r.readU16();
    DcClass cls = bridge.dc.classByNumber(classId);
    if (cls == null) {
      throw new DcValueException(DcValueException.Kind.CONSTRAINT, "unknown class " + classId);
    }
    ClusterClass view = cls.cluster();
    FieldValues values = Wire.readSnapshot(view, Wire.required(view, clientOnly, ownerView),
        other, r);
    bridge.remember(doId, cls);
    return new LiveObject(doId, parent, zone, cls, values);
  }
}
