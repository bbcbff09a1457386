package org.openttserver.ai;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.testclient.fakes.RecordingParticipant;
import org.slf4j.LoggerFactory;

/**
 * An AI on a participant with no cluster, with timers that run only when told, and readers for
 * what it sends: the AI's unit tests drive it with the events a state server would send.
 */
final class AiHarness {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final long CHANNEL = 401_000;
  static final long FIRST = 400_000_000L;
  static final long EXTENSION = Channels.DEFAULT_EXTENSION;
  static final long NOW = 1_796_533_200_123L;

  /** One create the AI sent. */
  record Created(long doId, long parent, long zone, DcClass dclass, Map<String, List<Object>> required) {}

  /** One field the AI set or sent. */
  record Field(long to, long doId, String name, List<Object> args) {}

  final DcFile dc;
  final RecordingParticipant p = new RecordingParticipant();
  final List<Runnable> timers = new ArrayList<>();
  final AiServer ai;
  private int seen;

  AiHarness(AiSettings.Tutorial tutorial) throws Exception {
    this(demoDc(), tutorial);
  }

  AiHarness(DcFile dc, AiSettings.Tutorial tutorial) throws Exception {
    this.dc = dc;
    ai = AiServer.start(p, dc, new AiSettings("Unit Valley", CHANNEL, FIRST, FIRST + 999,
        tutorial, EXTENSION, 300, EXTENSION), LoggerFactory.getLogger("test"), () -> NOW,
        (ms, task) -> timers.add(task)).get(5, TimeUnit.SECONDS);
    seen = p.sent().size();
  }

  static DcFile demoDc() throws Exception {
    return DcParser.parse(List.of(
        DcSource.read(REPO.resolve("config/dc/demo-toon.dc"), DcDialect.DC_2003),
        DcSource.read(REPO.resolve("config/dc/openttserver.dc"), DcDialect.EXTENDED)));
  }

  long district() {
    return ai.districtId();
  }

  long manager(String name) {
    return ai.managers().get(name);
  }

  /** {@return what the AI sent since the last call} */
  List<Datagram> sent() {
    List<Datagram> all = p.sent();
    List<Datagram> now = List.copyOf(all.subList(seen, all.size()));
    seen = all.size();
    return now;
  }

  /** Runs the timers due so far (and those they start, one round). */
  void runTimers() {
    List<Runnable> due = List.copyOf(timers);
    timers.clear();
    due.forEach(Runnable::run);
  }

  // --- events a state server sends the AI -----------------------------------------------------

  /** A toon comes under the district (ENTER_AI). */
  void toonEnters(long toon, long zone) {
    ai.on(new ObjectEvent.Entered(CHANNEL, 0, ObjectEvent.View.AI, new LiveObject(toon,
        district(), zone, dc.dclass("DistributedToon"),
        FieldValues.empty(dc.dclass("DistributedToon")))));
  }

  void toonMoves(long toon, long zone) {
    ai.on(new ObjectEvent.LocationChanged(CHANNEL, toon, toon, district(), zone, district(), 1));
  }

  void toonDeleted(long toon) {
    ai.on(new ObjectEvent.Deleted(CHANNEL, 0, toon));
  }

  /** A client's update of one of the AI's objects, as the state server forwards it. */
  void clientSends(long account, long avatar, long doId, String cls, String field,
      Object... args) {
    DcField f = dc.dclass(cls).field(field);
    DatagramWriter w = Datagram.header(CHANNEL, account << 32 | avatar,
        AstronMsg.STATESERVER_OBJECT_SET_FIELD).u32(doId).u16(f.globalId());
    f.pack(w, List.of(args));
    p.deliver(Datagram.of(w));
  }

  /** Answers the AI's last GET_FIELDS (of a state server) with these values. */
  void answerGetFields(FieldValues values) {
    answer(AstronMsg.STATESERVER_OBJECT_GET_FIELDS, AstronMsg.STATESERVER_OBJECT_GET_FIELDS_RESP,
        values);
  }

  /** Answers the AI's last DBSERVER_OBJECT_GET_FIELDS with these values. */
  void answerDatabaseGet(FieldValues values) {
    answer(AstronMsg.DBSERVER_OBJECT_GET_FIELDS, AstronMsg.DBSERVER_OBJECT_GET_FIELDS_RESP,
        values);
  }

  private void answer(int askType, int answerType, FieldValues values) {
    Datagram ask = null;
    for (Datagram d : p.sent()) {
      if (d.msgType() == askType) {
        ask = d;
      }
    }
    if (ask == null) {
      throw new AssertionError("the AI asked for no fields");
    }
    long context = ask.payload().readU32();
    DatagramWriter w = Datagram.header(CHANNEL, ask.recipient(0), answerType).u32(context).u8(1)
        .u16(values.size());
    for (DcFieldValue v : values.asList()) {
      w.u16(v.field().globalId());
      v.field().pack(w, v.values());
    }
    p.deliver(Datagram.of(w));
  }

  // --- readers --------------------------------------------------------------------------------

  List<Created> creates(List<Datagram> sent) {
    List<Created> out = new ArrayList<>();
    for (Datagram d : sent) {
      if (d.msgType() != AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED
          && d.msgType() != AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED_OTHER) {
        continue;
      }
      DatagramReader r = d.payload();
      long doId = r.readU32();
      long parent = r.readU32();
      long zone = r.readU32();
      DcClass cls = dc.classByNumber(r.readU16());
      Map<String, List<Object>> req = new LinkedHashMap<>();
      for (DcField f : cls.cluster().required()) {
        req.put(f.name(), f.unpack(r));
      }
      out.add(new Created(doId, parent, zone, cls, req));
    }
    return out;
  }

  List<Field> fields(List<Datagram> sent) {
    List<Field> out = new ArrayList<>();
    for (Datagram d : sent) {
      boolean many = d.msgType() == AstronMsg.STATESERVER_OBJECT_SET_FIELDS;
      if (d.msgType() != AstronMsg.STATESERVER_OBJECT_SET_FIELD && !many) {
        continue;
      }
      DatagramReader r = d.payload();
      long doId = r.readU32();
      int n = many ? r.readU16() : 1;
      for (int i = 0; i < n; i++) {
        DcField f = dc.fieldByGlobalId(r.readU16());
        out.add(new Field(d.recipient(0), doId, f.name(), f.unpack(r)));
      }
    }
    return out;
  }

  List<Long> deleted(List<Datagram> sent) {
    List<Long> out = new ArrayList<>();
    for (Datagram d : sent) {
      if (d.msgType() == AstronMsg.STATESERVER_OBJECT_DELETE_RAM) {
        out.add(d.payload().readU32());
      }
    }
    return out;
  }

  static List<Long> longs(Object list) {
    List<Long> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(((Number) o).longValue());
    }
    return out;
  }
}
