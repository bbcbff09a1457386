package org.openttserver.runtime.clientagent;

import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcKeyword;
import org.openttserver.api.dc.DcValueException;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client knows of distributed objects, and the translation between the cluster's
 * messages (Astron global field ids) and the 2003 client's (per-class field numbers): validation
 * and routing of client field updates, visibility through interests, generates (34/35), updates
 * (24), disables (25) and deletes (27). The client's own session objects are never generated,
 * disabled or deleted to it.
 */
final class ClientObjects {
  private static final Logger log = LoggerFactory.getLogger(ClientObjects.class);

  /** An object the client can see: where it is and its class. */
  record Visible(long doId, long parent, long zone, DcClass dclass) {}

  private final ClientConnection conn;
  private final DcFile dc;
  private final Interests interests;
  // Primitive-keyed: every relayed update looks its object up here, and a boxed key is a
  // dereference (often a cache miss) per lookup.
  final LongObjectMap<Visible> visible = new LongObjectHashMap<>();
  final LongObjectMap<DcClass> owned = new LongObjectHashMap<>();
  final LongObjectMap<DcClass> declared = new LongObjectHashMap<>();
  final Set<Long> session = new HashSet<>();
  final Set<Long> historical = new HashSet<>();
  final Map<Long, Set<Integer>> sendable = new HashMap<>();
  private final Set<Integer> divert;
  private final SenderIdFields senderIdFields;

  ClientObjects(ClientConnection conn) {
    this.conn = conn;
    this.dc = conn.agent.dc();
    this.divert = Set.copyOf(conn.agent.config().client().divertFields());
    this.senderIdFields = conn.agent.senderIdFields();
    this.interests = new Interests(conn, this);
  }

  DcFile dc() {
    return dc;
  }

  /** The class of an object the client may address, or null (configured order as Astron's). */
  DcClass lookup(long doId) {
    DcClass c = owned.get(doId);
    if (c != null) {
      return c;
    }
    Visible v = visible.get(doId);
    if (v != null) {
      return v.dclass();
    }
    return declared.get(doId);
  }

  // ---- client → cluster -----------------------------------------------------------------

  /** Validates a client field update (24) and routes it to the object, or ejects. */
  void onClientUpdate(byte[] msg) {
    DatagramReader in = new DatagramReader(msg, 2, msg.length - 2);
    long doId;
    int number;
    try {
      doId = in.readU32();
      number = in.readU16();
    } catch (DatagramFormatException e) {
      conn.eject(BootCode.TRUNCATED_DATAGRAM, "truncated field update");
      return;
    }
    DcClass dclass = lookup(doId);
    if (dclass == null) {
      if (!historical.contains(doId)) {
        conn.eject(BootCode.MISSING_OBJECT, "update for unknown object " + doId);
      }
      return;
    }
    if (conn.state != ClientConnection.ESTABLISHED) {
      conn.eject(BootCode.ANONYMOUS_VIOLATION, "field update before login");
      return;
    }
    DcField field = dclass.fieldBy2003Number(number);
    if (field == null) {
      conn.eject(BootCode.FORBIDDEN_FIELD, "class " + dclass.name() + " has no field " + number);
      return;
    }
    if (!maySend(doId, field)) {
      conn.eject(BootCode.FORBIDDEN_FIELD, "field " + dclass.name() + "." + field.name()
          + " may not be sent by this client");
      return;
    }
    int valueStart = in.position();
    try {
      field.skip(in);
      if (in.remaining() > 0) {
        throw new DcValueException(DcValueException.Kind.TRAILING_BYTES,
            in.remaining() + " trailing byte(s)");
      }
    } catch (DcValueException e) {
      conn.eject(e.kind().bootCode(), "bad value for " + dclass.name() + "." + field.name()
          + ": " + e.getMessage());
      return;
    }
    if (senderIdFields.checks(field.globalId())) {
      long claimed = new DatagramReader(msg, valueStart, msg.length - valueStart).readU32();
      long avatar = conn.clientId & 0xFFFF_FFFFL;
      if (claimed != avatar || avatar == 0) {
        conn.eject(BootCode.FORBIDDEN_FIELD, dclass.name() + "." + field.name() + " names "
            + claimed + " as its sender, but this client's avatar is " + avatar);
        return;
      }
    }
    if (divert.contains(field.globalId())) {
      conn.forward(msg);
      return;
    }
    DatagramWriter w = Datagram.header(doId, conn.clientId, AstronMsg.STATESERVER_OBJECT_SET_FIELD)
        .doId(doId).u16(field.globalId()).bytes(msg, valueStart, msg.length - valueStart);
    conn.md().route(Datagram.of(w), conn);
  }

  private boolean maySend(long doId, DcField field) {
    if (field.has(DcKeyword.CLSEND) || (field.has(DcKeyword.OWNSEND) && owned.containsKey(doId))) {
      return true;
    }
    Set<Integer> extra = sendable.get(doId);
    return extra != null && extra.contains(field.globalId());
  }

  // ---- cluster → client -----------------------------------------------------------------

  /** Handles every cluster message the connection itself does not. */
  void onCluster(Datagram d, DatagramReader in) {
    switch (d.msgType()) {
      case AstronMsg.CLIENTAGENT_DECLARE_OBJECT -> declare(in.readDoId(), in.readU16());
      case AstronMsg.CLIENTAGENT_UNDECLARE_OBJECT -> declared.remove(in.readDoId());
      case AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT -> session.add(in.readDoId());
      case AstronMsg.CLIENTAGENT_REMOVE_SESSION_OBJECT -> session.remove(in.readDoId());
      case AstronMsg.CLIENTAGENT_SET_FIELDS_SENDABLE -> setSendable(in);
      case AstronMsg.CLIENTAGENT_ADD_INTEREST,
          AstronMsg.CLIENTAGENT_ADD_INTEREST_MULTIPLE,
          AstronMsg.CLIENTAGENT_REMOVE_INTEREST,
          AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED,
          AstronMsg.STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED_OTHER,
          AstronMsg.STATESERVER_OBJECT_GET_ZONES_COUNT_RESP -> interests.onCluster(d, in);
      case AstronMsg.STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED,
          AstronMsg.STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER -> {
        if (!interests.bufferEarlyEntry(d)) {
          enter(in, d.msgType() == AstronMsg.STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED_OTHER);
        }
      }
      case AstronMsg.STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED,
          AstronMsg.STATESERVER_OBJECT_ENTER_OWNER_WITH_REQUIRED_OTHER -> enterOwner(in);
      case AstronMsg.STATESERVER_OBJECT_SET_FIELD -> {
        long doId = in.readDoId();
        if (!interests.bufferPending(doId, d)) {
          setField(doId, in);
        }
      }
      case AstronMsg.STATESERVER_OBJECT_SET_FIELDS -> {
        long doId = in.readDoId();
        if (!interests.bufferPending(doId, d)) {
          setFields(doId, in);
        }
      }
      case AstronMsg.STATESERVER_OBJECT_CHANGING_LOCATION -> {
        if (!interests.bufferPending(in.readDoId(), d)) {
          changingLocation(d.payload());
        }
      }
      case AstronMsg.STATESERVER_OBJECT_DELETE_RAM -> {
        if (!interests.bufferPending(in.readDoId(), d)) {
          deleted(d.payload().readDoId());
        }
      }
      case AstronMsg.STATESERVER_OBJECT_CHANGING_OWNER -> changingOwner(in);
      default -> log.debug("{}: ignoring {}", conn.name(), d);
    }
  }

  private void declare(long doId, int classId) {
    DcClass c = dc.classByNumber(classId);
    if (c == null) {
      log.warn("{}: DECLARE_OBJECT {} with unknown class {}", conn.name(), doId, classId);
      return;
    }
    declared.put(doId, c);
  }

  private void setSendable(DatagramReader in) {
    long doId = in.readDoId();
    int n = in.readU16();
    Set<Integer> fields = new HashSet<>();
    for (int i = 0; i < n; i++) {
      fields.add(in.readU16());
    }
    if (n == 0) {
      sendable.remove(doId);
    } else {
      sendable.put(doId, fields);
    }
  }

  /** An object entering a location the client watches, or a snapshot entry. */
  void enter(DatagramReader in, boolean withOther) {
    long doId = in.readDoId();
    long parent = in.readDoId();
    long zone = in.readDoId();
    int classId = in.readU16();
    interests.notPending(doId);
    if (visible.containsKey(doId) || (owned.containsKey(doId) && session.contains(doId))
        || !interests.covers(parent, zone)) {
      return;
    }
    DcClass dclass = dc.classByNumber(classId);
    if (dclass == null) {
      log.warn("{}: object {} has unknown class {}", conn.name(), doId, classId);
      return;
    }
    visible.put(doId, new Visible(doId, parent, zone, dclass));
    historical.remove(doId);
    conn.sendRaw(Generates.generate(dc, dclass, doId, in, withOther));
  }

  private void enterOwner(DatagramReader in) {
    long doId = in.readDoId();
    in.readDoId();
    in.readDoId();
    DcClass dclass = dc.classByNumber(in.readU16());
    if (dclass != null) {
      owned.putIfAbsent(doId, dclass);
    }
  }

  /** SET_FIELD's rest, after the doid: the relay path, one read of the datagram. */
  private void setField(long doId, DatagramReader in) {
    DcClass dclass = lookup(doId);
    if (dclass == null) {
      return;
    }
    int globalId = in.readU16();
    int number = dc.to2003Number(dclass, globalId);
    if (number < 0) {
      log.warn("{}: update of field {} not in class {}", conn.name(), globalId, dclass.name());
      return;
    }
    conn.writeFieldUpdate(doId, number, in.array(), in.position(), in.remaining());
  }

  private void setFields(long doId, DatagramReader in) {
    DcClass dclass = lookup(doId);
    if (dclass == null) {
      return;
    }
    int n = in.readU16();
    for (int i = 0; i < n; i++) {
      DcField field = dc.fieldByGlobalId(in.readU16());
      int number = field == null ? -1 : dc.to2003Number(dclass, field.globalId());
      if (number < 0) {
        log.warn("{}: SET_FIELDS with a field not in class {}", conn.name(), dclass.name());
        return;
      }
      int start = in.position();
      try {
        field.skip(in);
      } catch (DcValueException e) {
        log.warn("{}: malformed SET_FIELDS for {}: {}", conn.name(), doId, e.getMessage());
        return;
      }
      conn.writeFieldUpdate(doId, number, in.array(), start, in.position() - start);
    }
  }

  private void changingLocation(DatagramReader in) {
    long doId = in.readDoId();
    long newParent = in.readDoId();
    long newZone = in.readDoId();
    Visible v = visible.get(doId);
    if (v == null) {
      return;
    }
    if (interests.covers(newParent, newZone)) {
      visible.put(doId, new Visible(doId, newParent, newZone, v.dclass()));
    } else if (session.contains(doId)) {
      if (!owned.containsKey(doId)) {
        conn.eject(BootCode.SESSION_OBJECT_DELETED, "session object " + doId + " left view");
      }
    } else {
      disable(doId);
    }
  }

  private void deleted(long doId) {
    if (session.contains(doId)) {
      conn.eject(BootCode.SESSION_OBJECT_DELETED, "session object " + doId + " was deleted");
      return;
    }
    owned.remove(doId);
    declared.remove(doId);
    if (visible.remove(doId) != null) {
      historical.add(doId);
      conn.sendRaw(new DatagramWriter().u16(ClientMsg.OBJECT_DELETE_RESP).doId(doId)
          .toByteArray());
    }
  }

  private void changingOwner(DatagramReader in) {
    long doId = in.readDoId();
    if (owned.containsKey(doId)) {
      if (session.contains(doId)) {
        conn.eject(BootCode.SESSION_OBJECT_DELETED, "session object " + doId + " changed owner");
        return;
      }
      owned.remove(doId);
    }
  }

  /** Takes an object out of view (25), unless it is one of the client's own session objects. */
  void disable(long doId) {
    if (visible.remove(doId) != null) {
      historical.add(doId);
      if (!session.contains(doId)) {
        conn.sendRaw(new DatagramWriter().u16(ClientMsg.OBJECT_DISABLE_RESP).doId(doId)
            .toByteArray());
      }
    }
  }

  /** Client gone: delete its session objects (sender = its id) and drop pending interests. */
  void annihilate() {
    for (long doId : session) {
      conn.md().route(Datagram.of(Datagram.header(doId, conn.clientId,
          AstronMsg.STATESERVER_OBJECT_DELETE_RAM).doId(doId)), conn);
    }
    interests.abandon();
  }
}
