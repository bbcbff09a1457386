package org.openttserver.runtime.stateserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.dc.DcLoader;
import org.openttserver.runtime.md.MdParticipant;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.testing.TestServers;

/**
 * The state server's subscriptions for creates: a create's doid is listened on from the moment
 * the create is routed until it has been handled, and afterwards only while an object or another
 * pending create needs it. The executor is driven by hand so each interleaving is forced.
 */
class ObjectHostClaimTest {
  private static final long CONTROL = 402000;
  private static final long PEER = 5000;
  private static final long X = 100_001;
  private static final long Y = 100_002;
  private static final ClusterDc DC = new ClusterDc(DcLoader.load(
      List.of(TestServers.REPO.resolve("config/dc/demo-toon.dc"),
          TestServers.REPO.resolve("config/dc/openttserver.dc")),
      null, TestServers.REPO.resolve("config/test.yml")).file());
  /** DistributedObject in the demo DC: no required fields, so a create needs no field bytes. */
  private static final int PLAIN_CLASS = DC.file().dclass("DistributedObject").number();

  /** A pool whose tasks run only when the test says so, on the thread it chooses. */
  private static final class ManualPool implements Executor {
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable r) {
      tasks.add(r);
    }

    void runAll() {
      Runnable r;
      while ((r = tasks.poll()) != null) {
        r.run();
      }
    }
  }

  /** Records what it receives; an optional hook runs (once) inside a delivery. */
  private static final class Peer extends MdParticipant {
    final List<Datagram> received = Collections.synchronizedList(new ArrayList<>());
    volatile Runnable hook;

    Peer(MessageDirector md) {
      super("peer");
      md.add(this);
      md.subscribe(this, PEER);
    }

    @Override
    protected void deliver(Datagram d) {
      received.add(d);
      Runnable h = hook;
      if (h != null) {
        hook = null;
        h.run();
      }
    }

    boolean gotLocation(long context) {
      synchronized (received) {
        return received.stream().anyMatch(d ->
            d.msgType() == AstronMsg.STATESERVER_OBJECT_GET_LOCATION_RESP
                && d.payload().readU32() == context);
      }
    }
  }

  private final MessageDirector md = new MessageDirector();
  private final ManualPool pool = new ManualPool();
  private final StateServer ss = new StateServer(md, CONTROL, pool, DC);
  private final Peer peer = new Peer(md);

  private static Datagram create(long doid, int cls) {
    return Datagram.of(Datagram.header(CONTROL, PEER,
        AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED).doId(doid).doId(0).u32(0).u16(cls));
  }

  private static Datagram getLocation(long doid, long context) {
    return Datagram.of(Datagram.header(doid, PEER, AstronMsg.STATESERVER_OBJECT_GET_LOCATION)
        .u32(context));
  }

  private static Datagram deleteRam(long doid) {
    return Datagram.of(Datagram.header(doid, PEER, AstronMsg.STATESERVER_OBJECT_DELETE_RAM)
        .doId(doid));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(5, TimeUnit.SECONDS)).as("latch within 5 s").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void create_whenQueriedBeforeTheExecutorRuns_thenAnswered() {

    md.route(create(X, PLAIN_CLASS), peer);
    md.route(getLocation(X, 1), peer);
    pool.runAll();

    assertThat(peer.gotLocation(1)).isTrue();
    assertThat(md.isSubscribed(ss.host(), X)).isTrue();
  }

  @Test
  void create_whenItFails_thenTheDoidIsNotLeftSubscribed() {

    md.route(create(X, 9999), peer); // no such class
    assertThat(md.isSubscribed(ss.host(), X)).as("claimed while the create is pending").isTrue();
    pool.runAll();

    assertThat(ss.host().objects()).doesNotContainKey(X);
    assertThat(md.isSubscribed(ss.host(), X)).isFalse();
  }

  @Test
  void create_whenTruncatedAfterTheDoid_thenTheDoidIsNotLeftSubscribed() {

    md.route(Datagram.of(Datagram.header(CONTROL, PEER,
        AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED).doId(X)), peer);
    pool.runAll();

    assertThat(md.isSubscribed(ss.host(), X)).isFalse();
  }

  @Test
  void create_whenAddressedToTheRoleTwice_thenClaimedOnceAndReleased() {

    md.route(Datagram.of(Datagram.header(new long[] {CONTROL, Channels.ALL_STATE_SERVERS}, PEER,
        AstronMsg.STATESERVER_CREATE_OBJECT_WITH_REQUIRED).doId(X).doId(0).u32(0).u16(9999)),
        peer);
    pool.runAll();

    assertThat(md.isSubscribed(ss.host(), X)).isFalse();
  }

  @Test
  void recreate_whenTheOldObjectIsDeletedBeforeTheNewOneIsHandled_thenQueryAfterIsAnswered()
      throws Exception {
    md.route(create(X, PLAIN_CLASS), peer);
    md.route(create(Y, PLAIN_CLASS), peer);
    pool.runAll();

    // One sender: delete X, ask Y, create X again, ask X. The executor handles the delete and
    // is held inside Y's answer before the question to X is routed.
    CountDownLatch executorHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    peer.hook = () -> {
      executorHeld.countDown();
      await(release);
    };
    md.route(deleteRam(X), peer);
    md.route(getLocation(Y, 1), peer);
    md.route(create(X, PLAIN_CLASS), peer);
    Thread executor = new Thread(pool::runAll, "executor");
    executor.start();
    await(executorHeld);
    assertThat(ss.host().objects()).as("the delete has been handled").doesNotContainKey(X);
    md.route(getLocation(X, 2), peer);
    release.countDown();
    executor.join(5000);
    pool.runAll();

    assertThat(ss.host().objects()).containsKey(X);
    assertThat(peer.gotLocation(2)).as("the question sent after the re-create").isTrue();
  }
}
