package org.openttserver.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.testclient.fakes.RecordingParticipant;
import org.slf4j.LoggerFactory;

/** The AI on a participant with no cluster: what it sends, in which order, and its answers. */
class AiServerTest {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final long CHANNEL = 401_000;
  static final long FIRST = 400_000_000L;
  /** 2026-12-06 05:00:00.123 UTC. */
  static final long NOW = 1_796_533_200_123L;

  DcFile dc;
  RecordingParticipant p = new RecordingParticipant();
  AiServer ai;

  @BeforeEach
  void setUp() throws Exception {
    dc = DcParser.parse(List.of(
        DcSource.read(REPO.resolve("config/dc/demo-toon.dc"), DcDialect.DC_2003),
        DcSource.read(REPO.resolve("config/dc/openttserver.dc"), DcDialect.EXTENDED)));
    ai = AiServer.start(p, dc, new AiSettings("Unit Valley", CHANNEL, FIRST, FIRST + 99,
        AiSettings.Tutorial.SKIP), LoggerFactory.getLogger("test"), () -> NOW)
        .get(5, TimeUnit.SECONDS);
  }

  private static long doIdOf(Datagram d) {
    DatagramReader r = d.payload();
    return r.readU32();
  }

  @Test
  void start_leavesThePostRemoveFirst_thenTheDistrictClosed_itsObjects_andOpensIt() {
    List<Object> log = p.log();
    assertThat(log.get(0)).isInstanceOf(RecordingParticipant.PostRemove.class);
    var pr = (RecordingParticipant.PostRemove) log.get(0);
    assertThat(pr.key()).isEqualTo(CHANNEL);
    assertThat(pr.datagram().recipient(0)).isEqualTo(Channels.ALL_STATE_SERVERS);
    assertThat(pr.datagram().msgType()).isEqualTo(AstronMsg.STATESERVER_DELETE_AI_OBJECTS);
    assertThat(pr.datagram().payload().readU64()).isEqualTo(CHANNEL);

    List<Datagram> sent = p.sent();
    // The root, then the district (closed until complete) and its AI.
    assertThat(sent.get(0).msgType()).isEqualTo(AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED);
    assertThat(doIdOf(sent.get(0))).isEqualTo(4618);
    assertThat(doIdOf(sent.get(1))).isEqualTo(FIRST);
    assertThat(sent.get(2).msgType()).isEqualTo(AstronMsg.STATESERVER_OBJECT_SET_AI);
    // Every manager the DC has, TimeManager first, each with its AI (the FriendManager's is
    // the extension's channel).
    assertThat(ai.managers().keySet()).startsWith("TimeManager").contains("FriendManager",
        "TutorialManager", "EstateManager");
    int i = 3;
    for (var m : ai.managers().entrySet()) {
      assertThat(doIdOf(sent.get(i))).as(m.getKey()).isEqualTo(m.getValue());
      DatagramReader setAi = sent.get(i + 1).payload();
      assertThat(sent.get(i + 1).msgType()).isEqualTo(AstronMsg.STATESERVER_OBJECT_SET_AI);
      assertThat(sent.get(i + 1).recipient(0)).isEqualTo(m.getValue());
      assertThat(setAi.readU64()).as(m.getKey()).isEqualTo(
          m.getKey().equals("FriendManager") ? Channels.DEFAULT_EXTENSION : CHANNEL);
      i += 2;
    }
    // Last: the district opens.
    Datagram open = sent.get(sent.size() - 1);
    assertThat(open.msgType()).isEqualTo(AstronMsg.STATESERVER_OBJECT_SET_FIELD);
    assertThat(open.recipient(0)).isEqualTo(FIRST);
    assertThat(p.subscribed()).contains(CHANNEL);
  }

  /** A client's update of one of the AI's objects, as the state server forwards it. */
  private void clientSends(long account, long avatar, long doId, String cls, String field,
      Object... args) {
    DcField f = dc.dclass(cls).field(field);
    DatagramWriter w = Datagram.header(CHANNEL, account << 32 | avatar,
        AstronMsg.STATESERVER_OBJECT_SET_FIELD).u32(doId).u16(f.globalId());
    f.pack(w, List.of(args));
    p.deliver(Datagram.of(w));
  }

  @Test
  void requestServerTime_isAnsweredToTheAskingClientOnly_withTheClock() {
    p.clear();
    long tm = ai.managers().get("TimeManager");
    clientSends(7, 100_000_123L, tm, "TimeManager", "requestServerTime", 42L);
    assertThat(p.sent()).hasSize(1);
    Datagram d = p.sent().get(0);
    assertThat(d.recipient(0)).isEqualTo(Channels.avatar(100_000_123L));
    assertThat(d.sender()).isEqualTo(CHANNEL);
    DatagramReader r = d.payload();
    assertThat(r.readU32()).isEqualTo(tm);
    assertThat(r.readU16()).isEqualTo(dc.dclass("TimeManager").field("serverTime").globalId());
    assertThat(r.readU8()).isEqualTo(42);
    assertThat(r.readI16()).isEqualTo((short) ((NOW / 10) & 0xFFFF));
    assertThat(r.readU32()).isEqualTo(NOW / 1000);
  }

  @Test
  void requestServerTime_fromAClientWithNoToon_isIgnored() {
    p.clear();
    clientSends(7, 0, ai.managers().get("TimeManager"), "TimeManager", "requestServerTime", 1L);
    assertThat(p.sent()).isEmpty();
  }

  @Test
  void requestTutorial_marksTheToon_soItIsNotAskedAgain() {
    p.clear();
    clientSends(7, 100_000_124L, ai.managers().get("TutorialManager"), "TutorialManager",
        "requestTutorial");
    Datagram d = p.sent().get(0);
    assertThat(d.recipient(0)).isEqualTo(100_000_124L);
    DatagramReader r = d.payload();
    r.readU32();
    DcClass toon = dc.dclass("DistributedToon");
    assertThat(r.readU16()).isEqualTo(toon.field("setTutorialAck").globalId());
    assertThat(r.readU8()).isEqualTo(1);
  }

  @Test
  void requestsTheAiDoesNotServe_andObjectsNotItsOwn_sendNothing() {
    p.clear();
    clientSends(7, 100_000_125L, ai.managers().get("SafeZoneManager"), "SafeZoneManager",
        "enterSafeZone");
    clientSends(7, 100_000_125L, 999, "TimeManager", "requestServerTime", 3L);
    assertThat(p.sent()).isEmpty();
  }

  @Test
  void close_deletesItsObjectsNow_withdrawsThePostRemove_once() {
    p.clear();
    ai.close();
    ai.close();
    assertThat(p.sent()).hasSize(1);
    assertThat(p.sent().get(0).msgType()).isEqualTo(AstronMsg.STATESERVER_DELETE_AI_OBJECTS);
    assertThat(p.log()).contains(CHANNEL);
    // Closed: a late request is not answered.
    clientSends(7, 100_000_126L, ai.managers().get("TimeManager"), "TimeManager",
        "requestServerTime", 1L);
    assertThat(p.sent()).hasSize(1);
  }

  @Test
  void settings_refuseWhatCannotWork() {
    assertThatThrownBy(() -> new AiSettings(" ", CHANNEL, FIRST, FIRST + 99,
        AiSettings.Tutorial.SKIP)).hasMessageContaining("name");
    assertThatThrownBy(() -> new AiSettings("X", 12, FIRST, FIRST + 99,
        AiSettings.Tutorial.SKIP)).hasMessageContaining("reserved");
    assertThatThrownBy(() -> new AiSettings("X", CHANNEL, FIRST, FIRST + 5,
        AiSettings.Tutorial.SKIP)).hasMessageContaining("33");
    assertThatThrownBy(() -> new AiSettings("X", CHANNEL, FIRST, FIRST + 99,
        AiSettings.Tutorial.SKIP, 7)).hasMessageContaining("reserved");
  }

  @Test
  void aDcWithoutOurClasses_isRefusedAtTheCall() throws Exception {
    DcFile only = DcParser.parse(List.of(
        DcSource.read(REPO.resolve("config/dc/demo-toon.dc"), DcDialect.DC_2003)));
    assertThatThrownBy(() -> AiServer.start(p, only, new AiSettings("X", CHANNEL, FIRST,
        FIRST + 99, AiSettings.Tutorial.SKIP), LoggerFactory.getLogger("test")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openttserver.dc");
  }
}
