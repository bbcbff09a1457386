package org.openttserver.runtime.stateserver;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.Channels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One distributed object of a state server (or an activated DBSS object): its location, AI and
 * owner, its stored fields, and the zones its children are in. Handles the object messages
 * addressed to its doid and to its parent's children channel, on the host's thread. A parent
 * acknowledges every move of a child concerning it (arrivals and moves between its zones as in
 * Astron, departures and deletions with an internal LOCATION_ACK, see {@link #DEPARTED}), so a
 * child always answers the zone queries its parents counted it in (see {@link ZoneQueries}).
 */
public final class StateObject implements Inbox {
  /** Context of the GET_LOCATION a new object sends its children. */
  static final long WAKE_CHILDREN = 1001;
  private static final Logger log = LoggerFactory.getLogger(StateObject.class);

  private final ObjectHost host;
  private final long doid;
  private final ObjectState state;
  private final Map<Long, Set<Long>> zoneObjects = new LinkedHashMap<>();
  private final ObjectUpdates updates;
  private long parent;
  private long zone;
  private long ai;
  private boolean aiExplicit;
  private long owner;
  private long nextContext;
  private boolean deleted;

  /**
   * Creates the object, subscribes its doid, enters its location and wakes its children.
   *
   * @param host the host
   * @param doid the doid
   * @param state its fields
   * @param parent the initial parent
   * @param zone the initial zone
   * @param sender whoever created it (sender of the CHANGING_LOCATION)
   * @return the live object
   */
  public static StateObject create(ObjectHost host, long doid, ObjectState state, long parent,
      long zone, long sender) {
    StateObject o = new StateObject(host, doid, state);
    host.objects().put(doid, o);
    host.subscribe(o, doid);
    o.changeLocation(parent, zone, sender);
    o.send(Datagram.of(Datagram.header(Channels.parentPrefix(doid), doid,
        STATESERVER_OBJECT_GET_LOCATION).u32(WAKE_CHILDREN)));
    return o;
  }

  private StateObject(ObjectHost host, long doid, ObjectState state) {
    this.host = host;
    this.doid = doid;
    this.state = state;
    this.updates = new ObjectUpdates(this);
  }

  long doid() {
    return doid;
  }

  ObjectState state() {
    return state;
  }

  long ai() {
    return ai;
  }

  boolean aiExplicit() {
    return aiExplicit;
  }

  long owner() {
    return owner;
  }

  long location() {
    return Channels.location(parent, zone);
  }

  long parent() {
    return parent;
  }

  long zone() {
    return zone;
  }

  void send(Datagram d) {
    host.send(d, this);
  }

  @Override
  public void handle(Datagram d) {
    if (deleted) {
      asTombstone(d);
      return;
    }
    long sender = d.sender();
    DatagramReader r = d.payload();
    switch (d.msgType()) {
      case STATESERVER_DELETE_AI_OBJECTS -> {
        if (r.readChannel() == ai) {
          annihilate(sender, true);
        }
      }
      case STATESERVER_OBJECT_DELETE_RAM -> {
        if (r.readDoId() == doid) {
          annihilate(sender, true);
        }
      }
      case STATESERVER_OBJECT_DELETE_CHILDREN -> deleteChildren(r.readDoId(), sender);
      case STATESERVER_OBJECT_SET_FIELD, STATESERVER_OBJECT_SET_FIELDS ->
          updates.set(r, sender, d.msgType() == STATESERVER_OBJECT_SET_FIELDS);
      case STATESERVER_OBJECT_GET_FIELD, STATESERVER_OBJECT_GET_FIELDS, STATESERVER_OBJECT_GET_ALL ->
          updates.get(r, sender, d.msgType());
      case STATESERVER_OBJECT_SET_AI -> changeAi(r.readChannel(), sender, true);
      case STATESERVER_OBJECT_CHANGING_AI -> inheritAi(r.readDoId(), r.readChannel(), sender);
      case STATESERVER_OBJECT_GET_AI -> send(Datagram.of(Datagram.header(sender, doid,
          STATESERVER_OBJECT_GET_AI_RESP).u32(r.readU32()).doId(doid).channel(ai)));
      case STATESERVER_OBJECT_GET_AI_RESP -> {
        r.readU32();
        inheritAi(r.readDoId(), r.readChannel(), sender);
      }
      case STATESERVER_OBJECT_SET_LOCATION -> changeLocation(r.readDoId(), r.readU32(), sender);
      case STATESERVER_OBJECT_CHANGING_LOCATION -> childMoved(r);
      case STATESERVER_OBJECT_LOCATION_ACK -> acknowledged(r);
      case STATESERVER_OBJECT_GET_LOCATION -> send(Datagram.of(Datagram.header(sender, doid,
          STATESERVER_OBJECT_GET_LOCATION_RESP).u32(r.readU32()).doId(doid).doId(parent)
          .u32(zone)));
      case STATESERVER_OBJECT_GET_LOCATION_RESP -> childAnswered(r);
      case STATESERVER_OBJECT_SET_OWNER -> changeOwner(r.readChannel(), sender);
      case STATESERVER_OBJECT_GET_ZONE_OBJECTS, STATESERVER_OBJECT_GET_ZONES_OBJECTS ->
          ZoneQueries.handle(this, r, sender, d.msgType() == STATESERVER_OBJECT_GET_ZONES_OBJECTS);
      case STATESERVER_GET_ACTIVE_ZONES -> activeZones(r.readU32(), sender);
      default -> log.debug("{}: ignoring {}", this, nameOf(d.msgType()));
    }
  }

  /** {@return children's doids by zone} */
  Map<Long, Set<Long>> zoneObjects() {
    return zoneObjects;
  }

  /**
   * A move (or, to parent 0, a deletion) not yet acknowledged by every parent it concerns. The
   * new parent acknowledges an arrival or a move between its zones with LOCATION_ACK(new parent,
   * new zone); the old parent acknowledges a departure (another parent, parent 0 or a deletion)
   * with LOCATION_ACK(old parent, old zone, {@link #DEPARTED}). Each parent handles the moves
   * concerning it in order, so the moves it has not acknowledged yet say where it last saw this
   * object: what it counts in a zone query.
   */
  private static final class Move {
    final long oldParent;
    final long oldZone;
    final long newParent;
    final long newZone;
    final long at = System.nanoTime();
    /** The old parent acknowledged the departure (or none is due: same parent, or none). */
    boolean departed;
    /** The new parent acknowledged the arrival (or none is due: parent 0). */
    boolean arrived;

    Move(long oldParent, long oldZone, long newParent, long newZone) {
      this.oldParent = oldParent;
      this.oldZone = oldZone;
      this.newParent = newParent;
      this.newZone = newZone;
      departed = oldParent == 0 || oldParent == newParent;
      arrived = newParent == 0;
    }

    boolean concerns(long p) {
      return p != 0 && (oldParent == p || newParent == p);
    }

    boolean acknowledgedBy(long p) {
      return newParent == p ? arrived : departed;
    }

    void acknowledge(long p) {
      if (newParent == p) {
        arrived = true;
      } else {
        departed = true;
      }
    }
  }

  /**
   * Trailer of a LOCATION_ACK by which a parent acknowledges a departure. Only this state server
   * sends and reads it (Astron's objects read the first two fields, and log and ignore an
   * acknowledgement from a parent that is not theirs); client agents never see it.
   */
  static final int DEPARTED = 1;

  /** Moves not yet acknowledged by every parent they concern, oldest first. */
  private final ArrayDeque<Move> unacknowledged = new ArrayDeque<>();

  /** At most this many moves wait for acknowledgement (a parent that never answers). */
  private static final int MAX_UNACKNOWLEDGED = 64;

  /**
   * How long a departed object waits for its old parent's acknowledgement (keeping the old
   * parent's children channel, or lingering as a tombstone once deleted) before giving up: a
   * parent gone without a DELETE_CHILDREN, or not one of ours.
   */
  static final long DEPARTURE_TIMEOUT_MS = 5000;

  /** The parents' children channels this object listens on (its parent's, and departures'). */
  private final Set<Long> listening = new HashSet<>();

  private void acknowledged(DatagramReader r) {
    long ackParent = r.readDoId();
    long ackZone = r.readU32();
    boolean departure = r.remaining() > 0 && r.readU8() == DEPARTED;
    // The parent has handled the acknowledged move and every earlier one concerning it; an
    // acknowledgement matching no waiting move (one dropped at the bound) changes nothing.
    Move match = null;
    for (Move m : unacknowledged) {
      if (!m.concerns(ackParent) || m.acknowledgedBy(ackParent)) {
        continue;
      }
      if (departure ? m.oldParent == ackParent && m.newParent != ackParent
          && m.oldZone == ackZone : m.newParent == ackParent && m.newZone == ackZone) {
        match = m;
        break;
      }
    }
    if (match == null) {
      return;
    }
    for (Move m : unacknowledged) {
      if (m.concerns(ackParent)) {
        m.acknowledge(ackParent);
      }
      if (m == match) {
        break;
      }
    }
    settle();
  }

  /** Drops the acknowledged moves at the head, listens accordingly, ends a finished tombstone. */
  private void settle() {
    while (!unacknowledged.isEmpty() && unacknowledged.peekFirst().departed
        && unacknowledged.peekFirst().arrived) {
      unacknowledged.pollFirst();
    }
    Set<Long> want = new HashSet<>();
    if (!deleted && parent != 0) {
      want.add(parent);
    }
    for (Move m : unacknowledged) {
      if (!m.departed) {
        want.add(m.oldParent);
      }
    }
    for (Long p : listening.toArray(new Long[0])) {
      if (!want.contains(p)) {
        listening.remove(p);
        host.unsubscribe(this, Channels.parentPrefix(p));
      }
    }
    for (long p : want) {
      if (listening.add(p)) {
        host.subscribe(this, Channels.parentPrefix(p));
      }
    }
    if (deleted && listening.isEmpty()) {
      unacknowledged.clear();
      host.unsubscribe(this, doid);
    }
  }

  private void remember(Move m) {
    if (unacknowledged.size() == MAX_UNACKNOWLEDGED) {
      unacknowledged.pollFirst();
    }
    unacknowledged.addLast(m);
    if (!m.departed) {
      CompletableFuture.delayedExecutor(DEPARTURE_TIMEOUT_MS, TimeUnit.MILLISECONDS,
          host.executor()).execute(this::expireDepartures);
    }
  }

  /** Gives up on departures older than {@link #DEPARTURE_TIMEOUT_MS}. */
  private void expireDepartures() {
    if (host.closed() || (deleted && listening.isEmpty())) {
      return;
    }
    long now = System.nanoTime();
    for (Move m : unacknowledged) {
      if (!m.departed && now - m.at >= TimeUnit.MILLISECONDS.toNanos(DEPARTURE_TIMEOUT_MS)) {
        log.debug("{}: {} never acknowledged its departure", this, m.oldParent);
        m.departed = true;
      }
    }
    settle();
  }

  /** A parent this object left is being deleted: it will not acknowledge nor query. */
  private void forgetDeparted(long gone) {
    boolean changed = false;
    for (Move m : unacknowledged) {
      if (!m.departed && m.oldParent == gone) {
        m.departed = true;
        changed = true;
      }
    }
    if (changed) {
      settle();
    }
  }

  /**
   * {@return whether a parent's zone query relays concern this object: its parent's, or one it
   * has left (or, deleted, was in) that has not acknowledged it yet}
   *
   * @param p a parent
   */
  boolean answersTo(long p) {
    return p != 0 && listening.contains(p);
  }

  /**
   * {@return the zone in which a parent last saw this object (what it counts in a zone query),
   * or -1 if it does not see it as its child}
   *
   * @param p a parent
   */
  long zoneAsSeenBy(long p) {
    for (Move m : unacknowledged) {
      if (m.concerns(p) && !m.acknowledgedBy(p)) {
        return m.oldParent == p ? m.oldZone : -1;
      }
    }
    return !deleted && parent == p ? zone : -1;
  }

  /** {@return whether the object was deleted (a tombstone, answering its old parent only)} */
  boolean deleted() {
    return deleted;
  }

  /**
   * A deleted object whose parent has not acknowledged the deletion yet lingers, out of the
   * host's objects, for the one thing its parent may still ask: a zone query relay for which
   * the parent counted it (answered with its last snapshot there, then a DELETE_RAM to the
   * requester). It ends with the acknowledgement, the parent's deletion, or a timeout.
   */
  private void asTombstone(Datagram d) {
    DatagramReader r = d.payload();
    switch (d.msgType()) {
      case STATESERVER_OBJECT_LOCATION_ACK -> acknowledged(r);
      case STATESERVER_OBJECT_DELETE_CHILDREN -> forgetDeparted(r.readDoId());
      case STATESERVER_OBJECT_GET_ZONE_OBJECTS, STATESERVER_OBJECT_GET_ZONES_OBJECTS ->
          ZoneQueries.handle(this, r, d.sender(),
              d.msgType() == STATESERVER_OBJECT_GET_ZONES_OBJECTS);
      default -> { }
    }
  }

  /**
   * The snapshot of this object as it was at another location (for a zone query its parent
   * answered before it took in a move).
   */
  Datagram enterAt(long to, int type, long context, long atParent, long atZone) {
    long p = parent;
    long z = zone;
    parent = atParent;
    zone = atZone;
    try {
      return enter(to, type, context, true, false);
    } finally {
      parent = p;
      zone = z;
    }
  }

  private void changeLocation(long newParent, long newZone, long sender) {
    if (newParent == doid) {
      log.warn("{}: cannot be its own parent", this);
      return;
    }
    long oldParent = parent;
    long oldZone = zone;
    Set<Long> targets = new LinkedHashSet<>();
    addIfSet(targets, ai);
    addIfSet(targets, owner);
    if (newParent != oldParent) {
      if (oldParent != 0) {
        // Still listening on the old parent's children channel until it acknowledges (settle).
        targets.add(oldParent);
        targets.add(Channels.location(oldParent, oldZone));
      }
      parent = newParent;
      zone = newZone;
      if (newParent != 0) {
        if (!aiExplicit) {
          send(Datagram.of(Datagram.header(newParent, doid, STATESERVER_OBJECT_GET_AI)
              .u32(nextContext++)));
        }
        targets.add(newParent);
      } else if (!aiExplicit) {
        ai = 0;
      }
    } else if (newZone != oldZone) {
      zone = newZone;
      targets.add(parent);
      targets.add(Channels.location(parent, oldZone));
    } else {
      return;
    }
    // Listening on the new parent's children channel before it can hear of the move.
    remember(new Move(oldParent, oldZone, newParent, newZone));
    settle();
    send(Datagram.of(Datagrams.header(targets, sender, STATESERVER_OBJECT_CHANGING_LOCATION)
        .doId(doid).doId(newParent).u32(newZone).doId(oldParent).u32(oldZone)));
    if (newParent != 0) {
      send(enter(Channels.location(newParent, newZone), STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED,
          -1, true, false));
    }
  }

  private static void addIfSet(Set<Long> targets, long channel) {
    if (channel != 0) {
      targets.add(channel);
    }
  }

  /**
   * Builds an ENTER_* snapshot; the _OTHER variant (type + 1) whenever a ram field is set.
   *
   * @param to the recipient
   * @param type the _WITH_REQUIRED type
   * @param context a u32 context to lead with, or -1 for none
   * @param clientOnly filter to what clients see
   * @param ownerView also ownrecv fields
   * @return the datagram
   */
  Datagram enter(long to, int type, long context, boolean clientOnly, boolean ownerView) {
    boolean other = state.hasRam();
    DatagramWriter w = Datagram.header(to, doid, other ? type + 1 : type);
    if (context >= 0) {
      w.u32(context);
    }
    w.doId(doid).doId(parent).u32(zone).u16(state.cls().id());
    state.writeRequired(w, clientOnly, ownerView);
    if (other) {
      state.writeOther(w, clientOnly, ownerView);
    }
    return Datagram.of(w);
  }

  private void changeAi(long newAi, long sender, boolean explicit) {
    long oldAi = ai;
    if (newAi == oldAi) {
      return;
    }
    Set<Long> targets = new LinkedHashSet<>();
    addIfSet(targets, oldAi);
    if (!zoneObjects.isEmpty()) {
      targets.add(Channels.parentPrefix(doid));
    }
    ai = newAi;
    aiExplicit = explicit;
    if (!targets.isEmpty()) {
      send(Datagram.of(Datagrams.header(targets, sender, STATESERVER_OBJECT_CHANGING_AI)
          .doId(doid).channel(newAi).channel(oldAi)));
    }
    if (newAi != 0) {
      send(enter(newAi, STATESERVER_OBJECT_ENTER_AI_WITH_REQUIRED, -1, false, false));
    }
  }

  private void inheritAi(long fromParent, long newAi, long sender) {
    if (fromParent != parent) {
      log.debug("{}: AI from {} but the parent is {}", this, fromParent, parent);
    } else if (!aiExplicit) {
      changeAi(newAi, sender, false);
    }
  }

  private void changeOwner(long newOwner, long sender) {
    if (newOwner == owner) {
      return;
    }
    if (owner != 0) {
      send(Datagram.of(Datagram.header(owner, sender, STATESERVER_OBJECT_CHANGING_OWNER)
          .doId(doid).channel(newOwner).channel(owner)));
    }
    owner = newOwner;
    if (newOwner != 0) {
      send(enter(newOwner, STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED, -1, true, true));
    }
  }

  private void childMoved(DatagramReader r) {
    long child = r.readDoId();
    long newParent = r.readDoId();
    long newZone = r.readU32();
    long oldParent = r.readDoId();
    long oldZone = r.readU32();
    if (newParent == doid) {
      if (oldParent == doid) {
        if (newZone == oldZone) {
          return;
        }
        removeChild(child, oldZone);
      }
      zoneObjects.computeIfAbsent(newZone, z -> new LinkedHashSet<>()).add(child);
      send(Datagram.of(Datagram.header(child, doid, STATESERVER_OBJECT_LOCATION_ACK).doId(doid)
          .u32(newZone)));
    } else if (oldParent == doid) {
      removeChild(child, oldZone);
      send(Datagram.of(Datagram.header(child, doid, STATESERVER_OBJECT_LOCATION_ACK).doId(doid)
          .u32(oldZone).u8(DEPARTED)));
    } else {
      log.debug("{}: CHANGING_LOCATION of {} concerns {}", this, child, oldParent);
    }
  }

  private void removeChild(long child, long inZone) {
    Set<Long> set = zoneObjects.get(inZone);
    if (set != null && set.remove(child) && set.isEmpty()) {
      zoneObjects.remove(inZone);
    }
  }

  private void childAnswered(DatagramReader r) {
    if (r.readU32() != WAKE_CHILDREN) {
      return;
    }
    long child = r.readDoId();
    long p = r.readDoId();
    long z = r.readU32();
    if (p == doid) {
      zoneObjects.computeIfAbsent(z, k -> new LinkedHashSet<>()).add(child);
    }
  }

  private void activeZones(long context, long sender) {
    DatagramWriter w = Datagram.header(sender, doid, STATESERVER_GET_ACTIVE_ZONES_RESP)
        .u32(context).u16(zoneObjects.size());
    zoneObjects.keySet().forEach(w::u32);
    send(Datagram.of(w));
  }

  private void deleteChildren(long which, long sender) {
    if (which == doid) {
      notifyChildren(sender);
    } else if (which == parent) {
      annihilate(sender, false);
    } else {
      forgetDeparted(which); // a parent it left, heard while awaiting its acknowledgement
    }
  }

  private void notifyChildren(long sender) {
    if (!zoneObjects.isEmpty()) {
      send(Datagram.of(Datagram.header(Channels.parentPrefix(doid), sender,
          STATESERVER_OBJECT_DELETE_CHILDREN).doId(doid)));
    }
  }

  /**
   * Deletes the object: tells its location, owner and AI (and its parent, unless the parent is
   * what is being deleted), deletes its children, and leaves the host's objects. Until its
   * parent (or a parent it left just before) acknowledges the departure it lingers as a
   * tombstone answering that parent's zone query relays only ({@link #asTombstone}); deleted
   * with its parent, it leaves at once.
   *
   * @param sender who asked
   * @param notifyParent whether to send the parent a CHANGING_LOCATION to (0, 0)
   */
  void annihilate(long sender, boolean notifyParent) {
    Set<Long> targets = new LinkedHashSet<>();
    if (parent != 0) {
      targets.add(location());
      if (notifyParent) {
        send(Datagram.of(Datagram.header(parent, sender, STATESERVER_OBJECT_CHANGING_LOCATION)
            .doId(doid).doId(0).u32(0).doId(parent).u32(zone)));
      }
    }
    addIfSet(targets, owner);
    addIfSet(targets, ai);
    if (!targets.isEmpty()) {
      send(Datagram.of(Datagrams.header(targets, sender, STATESERVER_OBJECT_DELETE_RAM).doId(doid)));
    }
    notifyChildren(sender);
    deleted = true;
    host.objects().remove(doid);
    if (notifyParent && parent != 0) {
      remember(new Move(parent, zone, 0, 0));
    } else if (!notifyParent) {
      // Its parent is being deleted: no relay can come from it (nor acknowledgements).
      unacknowledged.clear();
    }
    settle(); // a tombstone until its parents acknowledge (see asTombstone), or gone
  }

  @Override
  public String toString() {
    return state.cls() + "(" + doid + ")";
  }
}
