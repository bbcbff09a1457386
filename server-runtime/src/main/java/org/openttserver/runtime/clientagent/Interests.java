package org.openttserver.runtime.clientagent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcValueException;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's interests (parent + zones), opened and closed by CLIENTAGENT_ADD_INTEREST(_MULTIPLE)
 * and REMOVE_INTEREST, with Astron's snapshot protocol: subscribe the location channels, ask the
 * parent with GET_ZONES_OBJECTS, collect the counted ENTER_INTEREST replies while buffering live
 * traffic for those objects and zones, then generate the snapshot, answer DONE_INTEREST_RESP to
 * the caller and replay what was buffered.
 */
final class Interests {
  private static final Logger log = LoggerFactory.getLogger(Interests.class);

  private record Interest(long parent, Set<Long> zones) {}

  private final ClientConnection conn;
  private final ClientObjects objects;
  private final Map<Integer, Interest> interests = new HashMap<>();
  private final Map<Long, InterestOperation> pending = new LinkedHashMap<>();
  private final Map<Long, InterestOperation> pendingObjects = new HashMap<>();
  private long nextContext = 1;

  Interests(ClientConnection conn, ClientObjects objects) {
    this.conn = conn;
    this.objects = objects;
  }

  boolean covers(long parent, long zone) {
    for (Interest i : interests.values()) {
      if (i.parent() == parent && i.zones().contains(zone)) {
        return true;
      }
    }
    return false;
  }

  void onCluster(Datagram d, DatagramReader in) {
    switch (d.msgType()) {
      case AstronMsg.CLIENTAGENT_ADD_INTEREST -> {
        int id = in.readU16();
        long parent = in.readDoId();
        add(id, parent, Set.of(in.readDoId()), d.sender());
      }
      case AstronMsg.CLIENTAGENT_ADD_INTEREST_MULTIPLE -> {
        int id = in.readU16();
        long parent = in.readDoId();
        int n = in.readU16();
        Set<Long> zones = new HashSet<>();
        for (int i = 0; i < n; i++) {
          zones.add(in.readDoId());
        }
        add(id, parent, zones, d.sender());
      }
      case AstronMsg.CLIENTAGENT_REMOVE_INTEREST -> remove(in.readU16(), d.sender());
      case AstronMsg.STATESERVER_OBJECT_GET_ZONES_COUNT_RESP -> {
        InterestOperation op = pending.get(in.readU32());
        if (op != null && op.expected < 0) {
          op.expected = in.readU32();
          progress(op);
        }
      }
      default -> {
        InterestOperation op = pending.get(in.readU32());
        if (op == null) {
          log.debug("{}: snapshot entry for an unknown context", conn.name());
          return;
        }
        pendingObjects.put(in.readDoId(), op);
        op.entries.add(d);
        progress(op);
      }
    }
  }

  private void add(int id, long parent, Set<Long> zones, long caller) {
    Interest old = interests.put(id, new Interest(parent, Set.copyOf(zones)));
    if (old != null) {
      Set<Long> dropped = new HashSet<>(old.zones());
      if (old.parent() == parent) {
        dropped.removeAll(zones);
      }
      closeZones(old.parent(), dropped);
    }
    Set<Long> fresh = new HashSet<>(zones);
    if (old != null && old.parent() == parent) {
      fresh.removeAll(old.zones());
    }
    for (Map.Entry<Integer, Interest> e : interests.entrySet()) {
      if (e.getKey() != id && e.getValue().parent() == parent) {
        fresh.removeAll(e.getValue().zones());
      }
    }
    if (fresh.isEmpty()) {
      done(id, caller);
      return;
    }
    long context = nextContext++ & 0xFFFF_FFFFL;
    InterestOperation op = new InterestOperation(context, id, parent, fresh, caller);
    pending.put(context, op);
    for (long zone : fresh) {
      conn.md().subscribe(conn, Channels.location(parent, zone));
    }
    // Replies go to the connection channel, which stays subscribed even if the client id
    // changes while the snapshot is in progress.
    var w = Datagram.header(parent, conn.allocated, AstronMsg.STATESERVER_OBJECT_GET_ZONES_OBJECTS)
        .u32(context).doId(parent).u16(fresh.size());
    fresh.forEach(w::doId);
    conn.md().route(Datagram.of(w), conn);
    armTimer(op);
  }

  private void remove(int id, long caller) {
    Interest old = interests.remove(id);
    if (old != null) {
      closeZones(old.parent(), new HashSet<>(old.zones()));
    }
    done(id, caller);
  }

  /** Disables objects in zones no interest covers any more and unsubscribes those locations. */
  private void closeZones(long parent, Set<Long> zones) {
    zones.removeIf(z -> covers(parent, z));
    if (zones.isEmpty()) {
      return;
    }
    List<Long> leaving = new ArrayList<>();
    for (ClientObjects.Visible v : objects.visible.values()) {
      if (v.parent() == parent && zones.contains(v.zone())) {
        leaving.add(v.doId());
      }
    }
    leaving.forEach(objects::disable);
    for (long zone : zones) {
      conn.md().unsubscribe(conn, Channels.location(parent, zone));
    }
  }

  /**
   * Starts the silence timer: one timer per snapshot, which on expiry re-arms itself for the
   * rest of the silence window if a reply came meanwhile (no cancel-and-reschedule per reply).
   */
  private void armTimer(InterestOperation op) {
    op.lastActivity = System.nanoTime();
    scheduleSilenceCheck(op, conn.agent.config().tuning().interestTimeout());
  }

  private void scheduleSilenceCheck(InterestOperation op, long delayMs) {
    long ms = conn.agent.config().tuning().interestTimeout();
    op.timer = conn.ch.eventLoop().schedule(() -> {
      if (!pending.containsKey(op.context)) {
        return;
      }
      long silentMs = (System.nanoTime() - op.lastActivity) / 1_000_000;
      if (silentMs < ms) {
        scheduleSilenceCheck(op, ms - silentMs);
        return;
      }
      log.warn("{}: interest {} snapshot timed out after {} ms of silence with {} of {} objects",
          conn.name(), op.interestId, ms, op.entries.size(), op.expected);
      finish(op);
    }, Math.max(1, delayMs), TimeUnit.MILLISECONDS);
  }

  private void progress(InterestOperation op) {
    if (op.isComplete()) {
      finish(op);
    } else {
      op.lastActivity = System.nanoTime();
    }
  }

  private void finish(InterestOperation op) {
    if (op.timer != null) {
      op.timer.cancel(false);
    }
    pending.remove(op.context);
    for (Datagram e : op.entries) {
      DatagramReader in = e.payload();
      in.readU32();
      try {
        objects.enter(in,
            e.msgType() == AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER);
      } catch (DatagramFormatException | DcValueException bad) {
        log.warn("{}: skipping a malformed snapshot entry: {}", conn.name(), bad.getMessage());
      }
    }
    pendingObjects.values().removeIf(o -> o == op);
    done(op.interestId, op.caller);
    for (Datagram d : op.buffered) {
      conn.onCluster(d);
    }
  }

  private void done(int id, long caller) {
    conn.md().route(Datagram.of(Datagram.header(caller, conn.clientId,
        AstronMsg.CLIENTAGENT_DONE_INTEREST_RESP).channel(conn.clientId).u16(id)), conn);
  }

  /** Buffers live traffic for an object whose snapshot entry is still pending. */
  boolean bufferPending(long doId, Datagram d) {
    if (pendingObjects.isEmpty()) {
      return false; // the common case, and no boxed lookup on the relay path
    }
    InterestOperation op = pendingObjects.get(doId);
    if (op == null) {
      return false;
    }
    op.buffered.add(d);
    return true;
  }

  /** Buffers an ENTER_LOCATION into a zone of a snapshot in progress. */
  boolean bufferEarlyEntry(Datagram d) {
    DatagramReader in = d.payload();
    long doId = in.readDoId();
    long parent = in.readDoId();
    long zone = in.readDoId();
    for (InterestOperation op : pending.values()) {
      if (op.covers(parent, zone)) {
        op.buffered.add(d);
        pendingObjects.put(doId, op);
        return true;
      }
    }
    return false;
  }

  void notPending(long doId) {
    pendingObjects.remove(doId);
  }

  /** The client is gone: forget pending snapshots without generating anything. */
  void abandon() {
    for (InterestOperation op : pending.values()) {
      if (op.timer != null) {
        op.timer.cancel(false);
      }
      // Whoever opened it may be waiting for the acknowledgement (e.g. to answer SET_ZONE).
      done(op.interestId, op.caller);
    }
    pending.clear();
    pendingObjects.clear();
  }
}
