package org.openttserver.plugins.districts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.bridge.NoReplyException;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.Channels;
import org.openttserver.api.protocol.GetShardList;
import org.openttserver.api.protocol.GetShardListResp;
import org.openttserver.api.protocol.GetShardListResp.Shard;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.api.protocol.ServerDown;
import org.openttserver.api.protocol.ServerUp;
import org.openttserver.api.protocol.SetShard;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.session.ClientProtocolException;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.ClientSessions;
import org.openttserver.testclient.fakes.RecordingLiveObjects;
import org.openttserver.testclient.fakes.RecordingSession;
import org.slf4j.LoggerFactory;

class DistrictsTest {
  static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  static final long ROOT_ZONE = Channels.location(DistrictDirectory.ROOT_DO_ID,
      DistrictDirectory.DISTRICT_ZONE);

  DcFile dc;
  RecordingLiveObjects live = new RecordingLiveObjects();
  List<ClientSession> sessions = new ArrayList<>();
  Map<ClientSession, Long> playing = new HashMap<>();
  ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  List<Runnable> executed = new ArrayList<>();
  Optional<AvatarPresence> presence;
  Districts d;
  List<String> events = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    dc = DcParser.parse(List.of(
        DcSource.read(REPO.resolve("config/dc/demo-toon.dc"), DcDialect.EXTENDED),
        DcSource.read(REPO.resolve("config/dc/openttserver.dc"), DcDialect.EXTENDED)));
    presence = Optional.of(new AvatarPresence() {
      @Override
      public OptionalLong activeAvatar(ClientSession s) {
        Long id = playing.get(s);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
      }

      @Override
      public Optional<ClientSession> sessionOf(long avatarId) {
        return Optional.empty();
      }

      @Override
      public Registration onEnter(AvatarListener l) {
        return () -> { };
      }

      @Override
      public Registration onLeave(AvatarListener l) {
        return () -> { };
      }
    });
    // The executor the retries and population flushes hop to: run at once, on the test thread
    // only when the test calls it (tasks are collected).
    d = new Districts(live, dc, new Sessions(), () -> presence, executed::add, scheduler,
        LoggerFactory.getLogger("test"), 10);
    d.onEnter((s, a, id) -> events.add("enter " + a + " " + id));
    d.onLeave((s, a, id) -> events.add("leave " + a + " " + id));
    d.start();
  }

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
  }

  final class Sessions implements ClientSessions {
    @Override
    public Optional<ClientSession> byConnection(long connectionChannel) {
      return Optional.empty();
    }

    @Override
    public Optional<ClientSession> byAccount(long accountId) {
      return Optional.empty();
    }

    @Override
    public Collection<ClientSession> all() {
      return sessions;
    }

    @Override
    public Registration onConnect(Consumer<ClientSession> listener) {
      return () -> { };
    }

    @Override
    public Registration onDisconnect(Consumer<ClientSession> listener) {
      return () -> { };
    }
  }

  LiveObject district(long id, String name, int available) {
    var cls = dc.dclass("OpenTTDistrict");
    return new LiveObject(id, DistrictDirectory.ROOT_DO_ID, DistrictDirectory.DISTRICT_ZONE, cls,
        FieldValues.builder(cls).set("setDistrictName", name).set("setPopulation", 0L)
            .set("setAvailable", (long) available).build());
  }

  void up(long id, String name) {
    live.emit(new ObjectEvent.Entered(ROOT_ZONE, 1, ObjectEvent.View.LOCATION,
        district(id, name, 1)));
  }

  RecordingSession player(long account, long avatar) {
    RecordingSession s = new RecordingSession(account, "player" + account);
    sessions.add(s);
    playing.put(s, avatar);
    return s;
  }

  @Test
  void start_makesTheRoot_watchesItsDistrictZone_andListsWhatIsThere() {
    assertThat(live.calls()).containsExactly("create 4618 0/0", "watch " + ROOT_ZONE,
        "query 4618/[3]");
    live.answerZoneQuery(List.of(district(11, "Alpha", 1), district(12, "Beta", 0)));
    assertThat(d.districts()).containsExactly(
        new DistrictDirectory.District(11, "Alpha", 0, true),
        new DistrictDirectory.District(12, "Beta", 0, false));
  }

  @Test
  void aDistrictsAiChannel_isReadFromTheStateServer_andAgainIfItsAiWasNotSetYet() {
    live.ai(12, 402_000);
    live.answerZoneQuery(List.of(district(12, "Beta", 1)));
    assertThat(d.district(12).orElseThrow().aiChannel()).isEqualTo(402_000);
    // Created, asked before its AI's SET_AI: 0; the AI opening it makes it ask again.
    live.emit(new ObjectEvent.Entered(ROOT_ZONE, 11, ObjectEvent.View.LOCATION,
        district(11, "Alpha", 0)));
    assertThat(d.district(11).orElseThrow().aiChannel()).isZero();
    live.ai(11, 401_000);
    live.emit(new ObjectEvent.FieldsChanged(ROOT_ZONE, 401_000, 11,
        FieldValues.builder(dc.dclass("OpenTTDistrict")).set("setAvailable", 1L).build()));
    assertThat(d.district(11).orElseThrow().aiChannel()).isEqualTo(401_000);
    assertThat(d.district(11).orElseThrow()).isEqualTo(
        new DistrictDirectory.District(11, "Alpha", 0, true, 401_000));
  }

  @Test
  void aFailedStartUpQuery_isAskedAgain_andADistrictDeletedMeanwhileStaysGone()
      throws Exception {
    live.failZoneQuery(new NoReplyException("no answer", null));
    Thread.sleep(100);
    assertThat(executed).hasSize(1);
    executed.get(0).run();
    assertThat(live.pendingZoneQueries()).isEqualTo(1);
    live.emit(new ObjectEvent.Deleted(ROOT_ZONE, 1, 11));
    live.answerZoneQuery(List.of(district(11, "Alpha", 1), district(12, "Beta", 1)));
    assertThat(d.districts()).extracting(DistrictDirectory.District::id).containsExactly(12L);
  }

  @Test
  void districtsComingGoingAndClosing_arePushedToLoggedInClients() {
    live.answerZoneQuery(List.of());
    RecordingSession s = player(1, 101);
    up(11, "Alpha");
    up(11, "Alpha"); // a repeated announcement changes nothing
    var cls = dc.dclass("OpenTTDistrict");
    live.emit(new ObjectEvent.FieldsChanged(ROOT_ZONE, 1, 11,
        FieldValues.builder(cls).set("setAvailable", 0L).build()));
    live.emit(new ObjectEvent.FieldsChanged(ROOT_ZONE, 1, 11,
        FieldValues.builder(cls).set("setAvailable", 1L).build()));
    live.emit(new ObjectEvent.LocationChanged(ROOT_ZONE, 1, 11, 99, 3,
        DistrictDirectory.ROOT_DO_ID, 3));
    live.emit(new ObjectEvent.Deleted(ROOT_ZONE, 1, 11)); // already gone: nothing more
    assertThat(s.sent()).containsExactly(new ServerUp(11, "Alpha"), new ServerDown(11),
        new ServerUp(11, "Alpha"), new ServerDown(11));
  }

  @Test
  void anObjectOfAnotherClass_inTheDistrictZone_isNotADistrict() {
    live.answerZoneQuery(List.of());
    var toon = dc.dclass("DistributedToon");
    live.emit(new ObjectEvent.Entered(ROOT_ZONE, 1, ObjectEvent.View.LOCATION,
        new LiveObject(5, DistrictDirectory.ROOT_DO_ID, 3, toon, FieldValues.empty(toon))));
    assertThat(d.districts()).isEmpty();
  }

  @Test
  void setShard_entersTheDistrictInTheQuietZone_tellsListeners_thenAnswers47() {
    live.answerZoneQuery(List.of(district(11, "Alpha", 1)));
    RecordingSession s = player(1, 101);
    live.clear();
    d.setShard(s, new SetShard(11));
    assertThat(live.calls()).containsExactly("location 101 11/1",
        "fields 101 setDefaultShard=[11]");
    assertThat(events).containsExactly("enter 101 11");
    assertThat(s.sent()).containsExactly(GetStateResp.of(1));
    assertThat(d.districtOf(s)).hasValue(11);
    d.shardList(s, new GetShardList());
    assertThat(s.sent().get(1)).isEqualTo(new GetShardListResp(List.of(new Shard(11, "Alpha", 1))));
  }

  @Test
  void switching_leavesTheOldDistrictFirst_andMovesTheToon() {
    live.answerZoneQuery(List.of(district(11, "Alpha", 1), district(12, "Beta", 1)));
    RecordingSession s = player(1, 101);
    d.setShard(s, new SetShard(11));
    d.setShard(s, new SetShard(12));
    assertThat(events).containsExactly("enter 101 11", "leave 101 11", "enter 101 12");
    assertThat(d.districts()).extracting(DistrictDirectory.District::population)
        .containsExactly(0L, 1L);
  }

  @Test
  void aDistrictThatIsGone_isReplacedByTheOpenOneWithFewestToons() {
    live.answerZoneQuery(List.of(district(11, "Busy", 1), district(12, "Closed", 0),
        district(13, "Calm", 1)));
    d.setShard(player(1, 101), new SetShard(11));
    d.setShard(player(2, 102), new SetShard(13));
    d.setShard(player(3, 103), new SetShard(11));
    RecordingSession late = player(4, 104);
    d.setShard(late, new SetShard(0));
    assertThat(d.districtOf(late)).hasValue(13); // 13 has 1, 11 has 2, 12 is closed
  }

  @Test
  void aClosedDistrict_sendsTheToonToAnOpenOne() {
    live.answerZoneQuery(List.of(district(11, "Open", 1), district(12, "Full", 0)));
    RecordingSession s = player(1, 101);
    d.setShard(s, new SetShard(12));
    assertThat(d.districtOf(s)).hasValue(11);
  }

  @Test
  void onlyClosedDistricts_stillTakeAToonRatherThanNone() {
    live.answerZoneQuery(List.of(district(12, "Closed", 0)));
    RecordingSession s = player(1, 101);
    d.setShard(s, new SetShard(77));
    assertThat(d.districtOf(s)).hasValue(12);
  }

  @Test
  void setShard_outOfOrder_orWithNothingRunning_isASpecificBoot() {
    live.answerZoneQuery(List.of());
    RecordingSession chooser = new RecordingSession(1, "chooser");
    assertThatThrownBy(() -> d.setShard(chooser, new SetShard(11)))
        .isInstanceOfSatisfying(ClientProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(BootCode.NOT_IN_GAME));
    assertThatThrownBy(() -> d.setShard(player(2, 102), new SetShard(11)))
        .isInstanceOfSatisfying(ClientProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(BootCode.NO_DISTRICT));
    presence = Optional.empty(); // avatars plugin off
    assertThatThrownBy(() -> d.setShard(player(3, 103), new SetShard(11)))
        .isInstanceOfSatisfying(ClientProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(BootCode.NOT_IN_GAME));
  }

  @Test
  void aDistrictGoingDown_makesItsToonsLeaveIt() {
    live.answerZoneQuery(List.of(district(11, "Alpha", 1)));
    RecordingSession s = player(1, 101);
    d.setShard(s, new SetShard(11));
    live.emit(new ObjectEvent.Deleted(ROOT_ZONE, 1, 11));
    assertThat(events).containsExactly("enter 101 11", "leave 101 11");
    assertThat(d.districtOf(s)).isEmpty();
  }

  @Test
  void theToonLeavingTheWorld_leavesItsDistrict_once() {
    live.answerZoneQuery(List.of(district(11, "Alpha", 1)));
    RecordingSession s = player(1, 101);
    d.setShard(s, new SetShard(11));
    d.avatarLeft(s, 101);
    d.avatarLeft(s, 101);
    assertThat(events).containsExactly("enter 101 11", "leave 101 11");
    assertThat(d.district(11).orElseThrow().population()).isZero();
  }

  @Test
  void populationChanges_areWrittenIntoTheDistrictObject_gathered() throws Exception {
    live.answerZoneQuery(List.of(district(11, "Alpha", 1)));
    d.setShard(player(1, 101), new SetShard(11));
    d.setShard(player(2, 102), new SetShard(11));
    live.clear();
    long end = System.currentTimeMillis() + 5_000;
    while (executed.isEmpty() && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
    assertThat(executed).hasSize(1); // one flush for both changes
    executed.get(0).run();
    assertThat(live.calls()).containsExactly("fields 11 setPopulation=[2]");
  }

  @Test
  void aListenerThatThrows_doesNotStopTheOthers() {
    live.answerZoneQuery(List.of(district(11, "Alpha", 1)));
    d.onEnter((s, a, id) -> {
      throw new IllegalStateException("boom");
    });
    List<String> after = new ArrayList<>();
    d.onEnter((s, a, id) -> after.add("after " + a));
    RecordingSession s = player(1, 101);
    d.setShard(s, new SetShard(11));
    assertThat(after).containsExactly("after 101");
    assertThat(s.sent()).containsExactly(GetStateResp.of(1));
  }
}
