package org.openttserver.testclient.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.ConditionalResult;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.LiveObject;
import org.openttserver.api.bridge.NoReplyException;
import org.openttserver.api.bridge.NoSuchObjectException;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.bridge.RefusedException;
import org.openttserver.api.bridge.StoredObject;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.testclient.md.MdDatagram;

/**
 * The Astron bridge ({@link AstronBridge}) against a cluster's database, state server and DBSS:
 * every operation, its refusals, missing objects, silence (no reply within the timeout) and the
 * events state servers send. Subclasses name the cluster and give the participant the bridge runs
 * over; the cluster must have loaded the roles fixture ({@link #FIXTURE}) after demo-toon.dc.
 */
public abstract class BridgeConformanceTest extends StateServerSupport {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String STORED = "RoleTestStored";
  private static final String DEFAULTS = "RoleTestDefaults";
  private static final String VISIBILITY = "RoleTestVisibility";

  private ClusterParticipant participant;
  private AstronBridge bridge;
  private final List<Registration> watches = new ArrayList<>();

  /** {@return the database's control channel} */
  protected abstract long dbControl();

  /**
   * {@return a new participant on the cluster under test; closed with {@link
   * #closeParticipant}}
   */
  protected abstract ClusterParticipant openParticipant();

  /**
   * Closes a participant from {@link #openParticipant}.
   *
   * @param p the participant
   */
  protected abstract void closeParticipant(ClusterParticipant p);

  /**
   * {@return whether a thread is one the participant's executor runs on (not a network thread)}
   *
   * @param t the thread
   */
  protected abstract boolean onParticipantExecutor(Thread t);

  /**
   * {@return the cluster's DC files plus one more source the cluster did not load}
   *
   * @param extra DC text in the extended dialect
   */
  protected abstract DcFile dcFileWith(String extra);

  @BeforeEach
  void openBridge() {
    participant = openParticipant();
    bridge = AstronBridge.create(participant, freshChannels(), dcFile(),
        new BridgeSettings(dbControl(), ssControl(), Duration.ofSeconds(5)));
  }

  @AfterEach
  void closeBridge() {
    watches.forEach(Registration::close);
    watches.clear();
    closeParticipant(participant);
  }

  private DcClass dclass(String name) {
    return dcFile().dclass(name);
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no result within " + WAIT, e);
    }
  }

  private static Throwable failure(CompletableFuture<?> f) {
    try {
      Object v = f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure, got " + v);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no result within " + WAIT, e);
    }
  }

  private long createStored(String cls, long required, String text) {
    FieldValues v = FieldValues.builder(dclass(cls)).set("setStoredRequired", required)
        .set("setStoredText", text).build();
    return await(bridge.database().create(dclass(cls), v));
  }

  private BlockingQueue<ObjectEvent> watch(long channel) {
    BlockingQueue<ObjectEvent> q = new LinkedBlockingQueue<>();
    AtomicReference<Thread> wrongThread = new AtomicReference<>();
    watches.add(bridge.objects().events(channel, e -> {
      if (!onParticipantExecutor(Thread.currentThread())) {
        wrongThread.set(Thread.currentThread());
      }
      q.add(e);
    }));
    watches.add(() -> assertThat(wrongThread.get()).as("listener thread").isNull());
    return q;
  }

  @SuppressWarnings("unchecked")
  private static <T extends ObjectEvent> T next(BlockingQueue<ObjectEvent> q, Class<T> type) {
    try {
      ObjectEvent e = q.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(e).as("next event").isInstanceOf(type);
      return (T) e;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void noMore(BlockingQueue<ObjectEvent> q) {
    try {
      assertThat(q.poll(300, TimeUnit.MILLISECONDS)).as("unexpected event").isNull();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits until the state server has handled everything this bridge sent to an object. */
  private void sync(long doId) {
    await(bridge.objects().getAll(doId));
  }

  // ---- database ----

  @Test
  void databaseCreate_whenRequiredGivenAndDefaulted_thenGetAllHasStoredAndDefaultValues() {
    DcClass cls = dclass(DEFAULTS);
    FieldValues v = FieldValues.builder(cls).set("setStoredRequired", 7).set("setStoredText", "hi")
        .set("setPlainDb", 3).build();

    CompletableFuture<Long> created = bridge.database().create(cls, v);
    AtomicReference<Thread> thread = new AtomicReference<>();
    long doId = await(created.thenApply(id -> {
      thread.set(Thread.currentThread());
      return id;
    }));
    StoredObject o = await(bridge.database().getAll(doId));

    assertThat(onParticipantExecutor(thread.get())).as("callback on " + thread.get()).isTrue();
    assertThat(doId).isNotZero();
    assertThat(o.doId()).isEqualTo(doId);
    assertThat(o.dclass()).isSameAs(cls);
    assertThat(o.fields().integer("setStoredRequired")).isEqualTo(7);
    assertThat(o.fields().string("setStoredText")).isEqualTo("hi");
    assertThat(o.fields().integer("setPlainDb")).isEqualTo(3);
    assertThat(o.fields().integer("setDefaulted")).isEqualTo(20);
    assertThat(o.fields().contains("setRequiredA")).as("not a db field").isFalse();
  }

  @Test
  void databaseCreate_whenRequiredDbFieldMissingOrFieldNotDb_thenRefusedAtTheCall() {
    DcClass cls = dclass(DEFAULTS);

    assertThatThrownBy(() -> bridge.database().create(cls,
        FieldValues.builder(cls).set("setStoredText", "x").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setStoredRequired");
    assertThatThrownBy(() -> bridge.database().create(cls,
        FieldValues.builder(cls).set("setStoredRequired", 1).set("setRequiredA", 2).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a db field");
    assertThatThrownBy(() -> bridge.database().create(dclass(STORED),
        FieldValues.builder(cls).set("setStoredRequired", 1).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(DEFAULTS);
  }

  @Test
  void databaseCreate_whenClassUnknownToTheCluster_thenRefusedException() {
    // Fillers push the class number past every class the cluster may load after the fixture.
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 256; i++) {
      extra.append("dclass BridgeTestFiller").append(i).append(" {\n};\n");
    }
    extra.append("dclass BridgeTestUnknown {\n  setX(uint32 x) required db;\n};\n");
    DcFile more = dcFileWith(extra.toString());
    AstronBridge other = AstronBridge.create(participant, bridge.senderChannel(), more,
        bridge.settings());
    DcClass unknown = more.dclass("BridgeTestUnknown");

    Throwable e = failure(other.database().create(unknown,
        FieldValues.builder(unknown).set("setX", 1).build()));

    assertThat(e).isInstanceOf(RefusedException.class).hasMessageContaining("BridgeTestUnknown");
  }

  @Test
  void databaseGet_whenSomeFields_thenOnlyThoseThatAreStored() {
    long doId = createStored(DEFAULTS, 9, "text");

    FieldValues v = await(bridge.database().get(doId, dclass(DEFAULTS), "setStoredText",
        "setStoredRequired", "setPlainDb"));

    assertThat(v.names()).containsExactlyInAnyOrder("setStoredText", "setStoredRequired");
    assertThat(v.string("setStoredText")).isEqualTo("text");
    assertThat(v.integer("setStoredRequired")).isEqualTo(9);
    assertThatThrownBy(() -> bridge.database().get(doId, dclass(DEFAULTS), "setRequiredA"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void databaseReads_whenObjectMissing_thenNoSuchObjectException() {
    long missing = 399_999_998L;

    Throwable all = failure(bridge.database().getAll(missing));
    Throwable some = failure(bridge.database().get(missing, dclass(STORED), "setStoredText"));

    assertThat(all).isInstanceOf(NoSuchObjectException.class);
    assertThat(((NoSuchObjectException) all).doId()).isEqualTo(missing);
    assertThat(some).isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void databaseSet_whenOneAndSeveralFields_thenLaterReadsSeeThem() {
    long doId = createStored(STORED, 1, "a");
    DcClass cls = dclass(STORED);

    await(bridge.database().set(doId, FieldValues.builder(cls).set("setStoredText", "b").build()));
    await(bridge.database().set(doId, FieldValues.builder(cls).set("setStoredRequired", 2)
        .set("setStoredAi", "c").build()));
    FieldValues v = await(bridge.database().getAll(doId)).fields();

    assertThat(v.string("setStoredText")).isEqualTo("b");
    assertThat(v.integer("setStoredRequired")).isEqualTo(2);
    assertThat(v.string("setStoredAi")).isEqualTo("c");
    assertThatThrownBy(() -> bridge.database().set(doId, FieldValues.empty(cls)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void databaseSetIfEquals_whenMatchingThenNot_thenWrittenThenCurrentValuesReturned() {
    long doId = createStored(STORED, 1, "old");
    DcClass cls = dclass(STORED);
    FieldValues old = FieldValues.builder(cls).set("setStoredText", "old").set("setStoredRequired",
        1).build();
    FieldValues repl = FieldValues.builder(cls).set("setStoredText", "new").set(
        "setStoredRequired", 2).build();

    ConditionalResult ok = await(bridge.database().setIfEquals(doId, old, repl));
    ConditionalResult again = await(bridge.database().setIfEquals(doId, old, repl));
    Throwable missing = failure(bridge.database().setIfEquals(399_999_997L, old, repl));

    assertThat(ok.ok()).isTrue();
    assertThat(again.ok()).isFalse();
    assertThat(again.current()).isEqualTo(repl);
    assertThat(missing).isInstanceOf(NoSuchObjectException.class);
    assertThatThrownBy(() -> bridge.database().setIfEquals(doId, old,
        repl.without("setStoredRequired"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void databaseSetIfEmpty_whenUnsetThenSet_thenWrittenThenCurrentValueReturned() {
    long doId = createStored(STORED, 1, "t");
    DcClass cls = dclass(STORED);
    FieldValues claim = FieldValues.builder(cls).set("setStoredAi", "mine").build();

    ConditionalResult first = await(bridge.database().setIfEmpty(doId, claim));
    ConditionalResult second = await(bridge.database().setIfEmpty(doId,
        FieldValues.builder(cls).set("setStoredAi", "theirs").build()));
    Throwable missing = failure(bridge.database().setIfEmpty(399_999_996L, claim));

    assertThat(first.ok()).isTrue();
    assertThat(second.ok()).isFalse();
    assertThat(second.current().string("setStoredAi")).isEqualTo("mine");
    assertThat(missing).isInstanceOf(NoSuchObjectException.class);
    assertThatThrownBy(() -> bridge.database().setIfEmpty(doId, claim.with(
        FieldValues.builder(cls).set("setStoredText", "x").build())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * {@return whether the database answers DBSERVER_LIST_OBJECTS (ours does; Astron's ignores
   * it)}
   */
  protected boolean databaseLists() {
    return true;
  }

  @Test
  void databaseList_whenSeveralClasses_thenThatClassOnlyAscendingAfterTheGivenDoId() {
    long a = createStored(STORED, 1, "a");
    long b = createStored(STORED, 2, "b");
    long other = createStored(DEFAULTS, 3, "other");
    long c = createStored(STORED, 4, "c");
    if (!databaseLists()) {
      assertThat(failure(bridge.database().list(dclass(STORED), a - 1, 2)))
          .isInstanceOf(NoReplyException.class);
      return;
    }

    assertThat(await(bridge.database().list(dclass(STORED), a - 1, 2))).containsExactly(a, b);
    List<Long> rest = await(bridge.database().list(dclass(STORED), b, 0xFFFF));
    assertThat(rest).contains(c).doesNotContain(a, b, other).isSorted();
    assertThatThrownBy(() -> bridge.database().list(dclass(STORED), 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void databaseDelete_whenDone_thenObjectIsGone() {
    long doId = createStored(STORED, 1, "t");

    await(bridge.database().delete(doId));

    assertThat(failure(bridge.database().getAll(doId))).isInstanceOf(NoSuchObjectException.class);
  }

  // ---- state server ----

  @Test
  void createObject_whenFieldsGiven_thenGetAllGetFieldsAndSetFieldsAgree() {
    DcClass cls = dclass(PLAIN);
    long doId = freshDoid();
    long parent = freshDoid();

    await(bridge.objects().createObject(doId, parent, 4, FieldValues.builder(cls)
        .set("setRequiredA", 11).set("setBroadcastRam", "ram").build()));
    LiveObject o = await(bridge.objects().getAll(doId));
    await(bridge.objects().setFields(doId, FieldValues.builder(cls).set("setBroadcastRamAi", 5)
        .set("setRequiredA", 12).build()));
    await(bridge.objects().setFields(doId, FieldValues.builder(cls).set("setBroadcastRam", "two")
        .build()));
    FieldValues v = await(bridge.objects().getFields(doId, cls, "setRequiredA", "setBroadcastRam",
        "setBroadcastRamAi", "setBroadcastRamOwner"));

    assertThat(o.doId()).isEqualTo(doId);
    assertThat(o.parent()).isEqualTo(parent);
    assertThat(o.zone()).isEqualTo(4);
    assertThat(o.dclass()).isSameAs(cls);
    assertThat(o.fields().integer("setRequiredA")).isEqualTo(11);
    assertThat(o.fields().string("setBroadcastRam")).isEqualTo("ram");
    assertThat(v.integer("setRequiredA")).isEqualTo(12);
    assertThat(v.string("setBroadcastRam")).isEqualTo("two");
    assertThat(v.integer("setBroadcastRamAi")).isEqualTo(5);
    assertThat(v.contains("setBroadcastRamOwner")).as("never set").isFalse();
    await(bridge.objects().deleteRam(doId));
  }

  @Test
  void createObject_whenRequiredLeftOut_thenDcDefaultOrRefusedAtTheCall() {
    long doId = freshDoid();

    await(bridge.objects().createObject(doId, 0, 0, FieldValues.empty(dclass(PLAIN))));
    LiveObject o = await(bridge.objects().getAll(doId));

    assertThat(o.fields().integer("setRequiredA")).isEqualTo(78);
    assertThatThrownBy(() -> bridge.objects().createObject(freshDoid(), 0, 0,
        FieldValues.empty(dclass(VISIBILITY)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setHidden");
    assertThatThrownBy(() -> bridge.objects().createObject(freshDoid(), 0, 0,
        FieldValues.builder(dclass(PLAIN)).set("setBroadcast", 1).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither");
    await(bridge.objects().deleteRam(doId));
  }

  @Test
  void liveQueries_whenObjectMissing_thenNoReplyException() {
    AstronBridge quick = bridge.withSettings(bridge.settings().withTimeout(Duration.ofMillis(300)));
    long missing = freshDoid();

    Throwable all = failure(quick.objects().getAll(missing));
    Throwable fields = failure(quick.objects().getFields(missing, dclass(PLAIN), "setRequiredA"));
    Throwable active = failure(quick.objects().isActive(missing));

    assertThat(all).isInstanceOf(NoReplyException.class).hasMessageContaining("300 ms");
    assertThat(fields).isInstanceOf(NoReplyException.class);
    assertThat(active).isInstanceOf(NoReplyException.class);
  }

  @Test
  void getFields_whenClassLacksTheField_thenRefusedException() {
    long doId = freshDoid();
    await(bridge.objects().createObject(doId, 0, 0, FieldValues.empty(dclass(PLAIN))));

    Throwable e = failure(bridge.objects().getFields(doId, dclass("RoleTestOther"),
        "setOtherRam"));

    assertThat(e).isInstanceOf(RefusedException.class);
    await(bridge.objects().deleteRam(doId));
  }

  @Test
  void events_whenObjectEntersUpdatesMovesAndIsDeleted_thenDecodedOnEachLocation() {
    DcClass cls = dclass(PLAIN);
    long doId = freshDoid();
    long parent = freshDoid();
    long me = bridge.senderChannel();
    BlockingQueue<ObjectEvent> first = watch(Channels.location(parent, 1));
    BlockingQueue<ObjectEvent> second = watch(Channels.location(parent, 2));

    bridge.objects().createObject(doId, parent, 1, FieldValues.builder(cls)
        .set("setRequiredA", 3).set("setBroadcastRam", "r").build());
    ObjectEvent.Entered entered = next(first, ObjectEvent.Entered.class);
    bridge.objects().setFields(doId, FieldValues.builder(cls).set("setBroadcast", 9).build());
    ObjectEvent.FieldsChanged one = next(first, ObjectEvent.FieldsChanged.class);
    bridge.objects().setFields(doId, FieldValues.builder(cls).set("setBroadcast", 8)
        .set("setBroadcastAi", 7).build());
    // A state server may relay SET_FIELDS as one message or as one SET_FIELD per field.
    FieldValues two = next(first, ObjectEvent.FieldsChanged.class).values();
    if (two.size() < 2) {
      two = two.with(next(first, ObjectEvent.FieldsChanged.class).values());
    }
    bridge.objects().setLocation(doId, parent, 2);
    ObjectEvent.LocationChanged moved = next(first, ObjectEvent.LocationChanged.class);
    ObjectEvent.Entered arrived = next(second, ObjectEvent.Entered.class);
    bridge.objects().deleteRam(doId);
    ObjectEvent.Deleted deleted = next(second, ObjectEvent.Deleted.class);

    assertThat(entered.view()).isEqualTo(ObjectEvent.View.LOCATION);
    assertThat(entered.channel()).isEqualTo(Channels.location(parent, 1));
    assertThat(entered.object().doId()).isEqualTo(doId);
    assertThat(entered.object().parent()).isEqualTo(parent);
    assertThat(entered.object().zone()).isEqualTo(1);
    assertThat(entered.object().fields().integer("setRequiredA")).isEqualTo(3);
    assertThat(entered.object().fields().string("setBroadcastRam")).isEqualTo("r");
    assertThat(one.doId()).isEqualTo(doId);
    assertThat(one.sender()).isEqualTo(me);
    assertThat(one.values().dclass()).isSameAs(cls);
    assertThat(one.values().integer("setBroadcast")).isEqualTo(9);
    assertThat(two.integer("setBroadcast")).isEqualTo(8);
    assertThat(two.integer("setBroadcastAi")).isEqualTo(7);
    assertThat(moved).isEqualTo(new ObjectEvent.LocationChanged(Channels.location(parent, 1), me,
        doId, parent, 2, parent, 1));
    assertThat(arrived.object().zone()).isEqualTo(2);
    assertThat(deleted).isEqualTo(new ObjectEvent.Deleted(Channels.location(parent, 2), me,
        doId));
    noMore(first);
    noMore(second);
  }

  @Test
  void events_whenOwnerAndAiChange_thenEnteredWithTheirViewsThenChanged() {
    DcClass cls = dclass(VISIBILITY);
    long doId = freshDoid();
    long owner1 = freshChannels();
    long owner2 = owner1 + 1;
    long ai1 = owner1 + 2;
    long ai2 = owner1 + 3;
    BlockingQueue<ObjectEvent> o1 = watch(owner1);
    BlockingQueue<ObjectEvent> o2 = watch(owner2);
    BlockingQueue<ObjectEvent> a1 = watch(ai1);
    FieldValues values = FieldValues.builder(cls).set("setHidden", 1).set("setSeen", 2)
        .set("setOwnerOnly", 3).build();

    bridge.objects().createObject(doId, 0, 0, values);
    bridge.objects().setOwner(doId, owner1);
    ObjectEvent.Entered ownerEntry = next(o1, ObjectEvent.Entered.class);
    bridge.objects().setOwner(doId, owner2);
    ObjectEvent.OwnerChanged ownerChange = next(o1, ObjectEvent.OwnerChanged.class);
    next(o2, ObjectEvent.Entered.class);
    bridge.objects().setAi(doId, ai1);
    ObjectEvent.Entered aiEntry = next(a1, ObjectEvent.Entered.class);
    bridge.objects().setAi(doId, ai2);
    ObjectEvent.AiChanged aiChange = next(a1, ObjectEvent.AiChanged.class);
    bridge.objects().deleteRam(doId);
    ObjectEvent.Deleted ownerDelete = next(o2, ObjectEvent.Deleted.class);

    assertThat(ownerEntry.view()).isEqualTo(ObjectEvent.View.OWNER);
    assertThat(ownerEntry.object().fields().names()).containsExactly("setSeen", "setOwnerOnly");
    assertThat(ownerChange).isEqualTo(new ObjectEvent.OwnerChanged(owner1,
        bridge.senderChannel(), doId, owner2, owner1));
    assertThat(aiEntry.view()).isEqualTo(ObjectEvent.View.AI);
    assertThat(aiEntry.object().fields()).isEqualTo(values);
    assertThat(aiChange).isEqualTo(new ObjectEvent.AiChanged(ai1, bridge.senderChannel(), doId,
        ai2, ai1));
    assertThat(ownerDelete.doId()).isEqualTo(doId);
  }

  @Test
  void events_whenRegistrationClosed_thenNothingMoreArrives() {
    long doId = freshDoid();
    long parent = freshDoid();
    BlockingQueue<ObjectEvent> q = new LinkedBlockingQueue<>();
    Registration r = bridge.objects().events(Channels.location(parent, 1), q::add);
    bridge.objects().createObject(doId, parent, 1, FieldValues.empty(dclass(PLAIN)));
    next(q, ObjectEvent.Entered.class);

    r.close();
    r.close();
    bridge.objects().setFields(doId, FieldValues.builder(dclass(PLAIN)).set("setBroadcast", 1)
        .build());
    sync(doId);

    noMore(q);
    await(bridge.objects().deleteRam(doId));
  }

  @Test
  void close_whenWatchesOpen_thenTheyEndOthersBridgesKeepTheirsAndRequestsWork() {
    long doId = freshDoid();
    long parent = freshDoid();
    AstronBridge other = AstronBridge.create(participant, bridge.senderChannel(), dcFile(),
        bridge.settings());
    BlockingQueue<ObjectEvent> q = new LinkedBlockingQueue<>();
    other.objects().events(Channels.location(parent, 1), q::add);
    BlockingQueue<ObjectEvent> stillWatched = watch(Channels.location(parent, 1));

    other.close();
    other.close();
    await(bridge.objects().createObject(doId, parent, 1, FieldValues.empty(dclass(PLAIN))));
    LiveObject o = await(other.objects().getAll(doId));

    next(stillWatched, ObjectEvent.Entered.class);
    noMore(q);
    assertThat(o.doId()).isEqualTo(doId);
    assertThatThrownBy(() -> other.objects().events(1234, e -> { }))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> other.objects().zoneObjects(parent, 1))
        .isInstanceOf(IllegalStateException.class);
    await(bridge.objects().deleteRam(doId));
  }

  @Test
  void zoneObjects_whenChildrenInSeveralZones_thenThoseInTheAskedZones() {
    DcClass cls = dclass(PLAIN);
    long parent = freshDoid();
    long a = freshDoid();
    long b = freshDoid();
    long c = freshDoid();
    await(bridge.objects().createObject(parent, 0, 0, FieldValues.empty(cls)));
    bridge.objects().createObject(a, parent, 5, FieldValues.builder(cls).set("setRequiredA", 1)
        .build());
    bridge.objects().createObject(b, parent, 6, FieldValues.builder(cls).set("setRequiredA", 2)
        .build());
    bridge.objects().createObject(c, parent, 7, FieldValues.empty(cls));
    sync(c);

    List<LiveObject> found = await(bridge.objects().zoneObjects(parent, 5, 6));
    List<LiveObject> none = await(bridge.objects().zoneObjects(parent, 8));

    assertThat(found).extracting(LiveObject::doId).containsExactlyInAnyOrder(a, b);
    assertThat(found).filteredOn(o -> o.doId() == b).singleElement()
        .satisfies(o -> assertThat(o.fields().integer("setRequiredA")).isEqualTo(2))
        .satisfies(o -> assertThat(o.zone()).isEqualTo(6));
    assertThat(none).isEmpty();
    assertThatThrownBy(() -> bridge.objects().zoneObjects(parent))
        .isInstanceOf(IllegalArgumentException.class);
    await(bridge.objects().deleteRam(parent));
  }

  @Test
  void zoneObjects_whenParentMissing_thenNoReplyException() {
    AstronBridge quick = bridge.withSettings(bridge.settings().withTimeout(Duration.ofMillis(300)));

    Throwable e = failure(quick.objects().zoneObjects(freshDoid(), 1));

    assertThat(e).isInstanceOf(NoReplyException.class).hasMessageContaining("no count");
  }

  // ---- DBSS ----

  @Test
  void activate_whenStoredObject_thenLiveWithItsValuesAndWritesThroughUntilDeleted() {
    DcClass cls = dclass(STORED);
    long doId = createStored(STORED, 4, "disk");
    long parent = freshDoid();
    BlockingQueue<ObjectEvent> loc = watch(Channels.location(parent, 3));

    bridge.objects().activate(doId, parent, 3);
    ObjectEvent.Entered entered = next(loc, ObjectEvent.Entered.class);
    boolean active = await(bridge.objects().isActive(doId));
    FieldValues live = await(bridge.objects().getFields(doId, cls, "setStoredText",
        "setStoredRequired"));
    bridge.objects().setFields(doId, FieldValues.builder(cls).set("setStoredText", "live").build());
    String stored = awaitStoredText(doId, "live");
    bridge.objects().deleteRam(doId);
    next(loc, ObjectEvent.Deleted.class);
    boolean after = await(bridge.objects().isActive(doId));

    assertThat(entered.object().fields().integer("setStoredRequired")).isEqualTo(4);
    assertThat(active).isTrue();
    assertThat(live.string("setStoredText")).isEqualTo("disk");
    assertThat(live.integer("setStoredRequired")).isEqualTo(4);
    assertThat(stored).isEqualTo("live");
    assertThat(after).isFalse();
  }

  @Test
  void activate_whenOverridesGiven_thenLiveValuesDifferFromDisk() {
    DcClass cls = dclass(STORED);
    long doId = createStored(STORED, 4, "disk");
    long parent = freshDoid();
    BlockingQueue<ObjectEvent> loc = watch(Channels.location(parent, 3));

    bridge.objects().activate(doId, parent, 3, FieldValues.builder(cls)
        .set("setStoredText", "override").build());
    next(loc, ObjectEvent.Entered.class);
    FieldValues live = await(bridge.objects().getFields(doId, cls, "setStoredText"));
    FieldValues disk = await(bridge.database().get(doId, cls, "setStoredText"));
    bridge.objects().deleteRam(doId);
    next(loc, ObjectEvent.Deleted.class);

    assertThat(live.string("setStoredText")).isEqualTo("override");
    assertThat(disk.string("setStoredText")).isEqualTo("disk");
  }

  @Test
  void getAll_whenDbssObjectInactive_thenAnsweredFromDisk() {
    long doId = createStored(STORED, 6, "cold");

    LiveObject o = await(bridge.objects().getAll(doId));

    assertThat(o.dclass()).isSameAs(dclass(STORED));
    assertThat(o.parent()).isZero();
    assertThat(o.fields().integer("setStoredRequired")).isEqualTo(6);
    assertThat(o.fields().string("setStoredText")).isEqualTo("cold");
  }

  private String awaitStoredText(long doId, String expected) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String got;
    do {
      got = await(bridge.database().get(doId, dclass(STORED), "setStoredText"))
          .string("setStoredText");
    } while (!got.equals(expected) && System.nanoTime() < deadline);
    return got;
  }

  // ---- client agents, by channel ----

  @Test
  void clients_whenEjectSendAndDrop_thenClientAgentCommandsOnTheChannel() {
    Peer p = peer();
    byte[] message = {4, 0, 1, 2};

    bridge.clients().eject(p.channel(), 152, "elsewhere");
    bridge.clients().send(p.channel(), message);
    bridge.clients().drop(p.channel());

    MdDatagram eject = next(p.link());
    DatagramReader r = eject.payload();
    assertThat(eject.msgType()).isEqualTo(AstronMsg.CLIENTAGENT_EJECT);
    assertThat(eject.sender()).isEqualTo(bridge.senderChannel());
    assertThat(r.readU16()).isEqualTo(152);
    assertThat(r.readString()).isEqualTo("elsewhere");
    MdDatagram send = next(p.link());
    assertThat(send.msgType()).isEqualTo(AstronMsg.CLIENTAGENT_SEND_DATAGRAM);
    assertThat(send.payload().readBlob()).isEqualTo(message);
    MdDatagram drop = next(p.link());
    assertThat(drop.msgType()).isEqualTo(AstronMsg.CLIENTAGENT_DROP);
    assertThat(drop.payload().remaining()).isZero();
    assertThatThrownBy(() -> bridge.clients().eject(p.channel(), 70_000, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
