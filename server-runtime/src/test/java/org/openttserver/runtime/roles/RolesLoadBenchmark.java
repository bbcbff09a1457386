package org.openttserver.runtime.roles;

import static org.openttserver.api.msg.AstronMsg.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openttserver.api.dc.DcFile;
import org.openttserver.testclient.md.MdConnection;
import org.openttserver.testclient.md.MdDatagram;

/**
 * Load figures for the roles over TCP, printed to stdout: SET_FIELD broadcasts per second through
 * the state server, and durable database creates and gets per second. Run with
 * {@code mvn -pl server-runtime -am test -Dtest=RolesLoadBenchmark -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class RolesLoadBenchmark {
  private static final long ME = 88_000_000_000L;
  /** This run's objects: fresh doids each run, so a cluster that outlives one run (a real
   * astrond) takes the next run's creates too. */
  private static final long RUN = 600_000_000L + System.currentTimeMillis() % 100_000 * 1_000;

  /**
   * The test JVM runs Netty's paranoid leak detection (the pom's argLine), which records a stack
   * for every buffer and costs the message-director links several times their throughput; the
   * figures are about the server, so it is off while the benchmark runs.
   */
  private static ResourceLeakDetector.Level before;

  @BeforeAll
  static void noLeakDetection() {
    before = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
  }

  @AfterAll
  static void restoreLeakDetection() {
    ResourceLeakDetector.setLevel(before);
  }

  @Test
  void setFieldBroadcastsAndDatabaseThroughput_whenRun_thenPrintsFigures() {
    DcFile dc = RoleServers.dc();
    try (MdConnection sender = MdConnection.connect(RoleServers.md());
        MdConnection viewer = MdConnection.connect(RoleServers.md())) {
      sender.subscribe(ME);
      // Rounds on fresh objects: the first includes the JIT's warm-up, the later ones are the
      // steady state (Astron, compiled ahead, has none; both are printed for both servers).
      int rounds = Integer.getInteger("bench.rounds", 3);
      for (int r = 0; r < rounds; r++) {
        broadcasts(dc, sender, viewer, 200_000, r);
      }
      database(dc, sender, 20_000);
      fanOut(dc, sender, 50, 20_000);
    }
    manyLinks(200, 2_000);
  }

  /** One sender's SET_FIELDs through the state server to viewers on separate links. */
  private static void fanOut(DcFile dc, MdConnection sender, int viewers, int n) {
    long doid = RUN + 101;
    long parent = RUN + 100;
    long loc = (parent << 32) | 9;
    List<MdConnection> links = new ArrayList<>();
    try {
      for (int i = 0; i < viewers; i++) {
        MdConnection v = MdConnection.connect(RoleServers.md());
        links.add(v);
        v.subscribe(loc);
        awaitSubscribed(sender, v, loc);
      }
      int plain = dc.dclass("RoleTestPlain").number();
      sender.send(MdDatagram.builder(STATESERVER_CREATE_OBJECT_WITH_REQUIRED)
          .to(RoleServers.SS_CONTROL).from(ME)
          .payload(w -> w.doId(doid).doId(parent).u32(9).u16(plain).u32(1)).build());
      for (MdConnection v : links) {
        v.receive(Duration.ofSeconds(5)).orElseThrow();
      }
      int f = dc.dclass("RoleTestPlain").field("setBroadcast").globalId();
      MdDatagram set = MdDatagram.builder(STATESERVER_OBJECT_SET_FIELD).to(doid).from(ME)
          .payload(w -> w.doId(doid).u16(f).u8(1)).build();
      long t0 = System.nanoTime();
      List<Thread> readers = new ArrayList<>();
      for (MdConnection v : links) {
        readers.add(started(() -> {
          for (int i = 0; i < n; i++) {
            v.receive(Duration.ofSeconds(30)).orElseThrow();
          }
        }));
      }
      for (int i = 0; i < n; i++) {
        sender.send(set);
      }
      join(readers);
      report("fan-out: SET_FIELD through the state server to " + viewers
          + " viewer links (deliveries)", viewers * n, t0);
    } finally {
      links.forEach(MdConnection::close);
    }
  }

  /** Links each sending to the next one's channel, all at once. */
  private static void manyLinks(int count, int perLink) {
    long base = 88_100_000_000L;
    List<MdConnection> links = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        MdConnection c = MdConnection.connect(RoleServers.md());
        c.subscribe(base + i);
        links.add(c);
      }
      for (int i = 0; i < count; i++) {
        awaitSubscribed(links.get((i + count - 1) % count), links.get(i), base + i);
      }
      long t0 = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        MdConnection c = links.get(i);
        MdDatagram d = MdDatagram.builder(9998).to(base + (i + 1) % count).from(base + i)
            .payload(w -> w.u32(7)).build();
        threads.add(started(() -> {
          for (int k = 0; k < perLink; k++) {
            c.send(d);
          }
        }));
        threads.add(started(() -> {
          for (int k = 0; k < perLink; k++) {
            c.receive(Duration.ofSeconds(30)).orElseThrow();
          }
        }));
      }
      join(threads);
      report("many links: " + count + " links each sending to a neighbour (datagrams)",
          count * perLink, t0);
    } finally {
      links.forEach(MdConnection::close);
    }
  }

  private static Thread started(Runnable r) {
    Thread t = new Thread(r);
    t.start();
    return t;
  }

  private static void join(List<Thread> threads) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void broadcasts(DcFile dc, MdConnection sender, MdConnection viewer, int n,
      int round) {
    long doid = RUN + 1 + 2 * round;
    long parent = RUN + 2 * round;
    long loc = (parent << 32) | 9;
    viewer.subscribe(loc);
    awaitSubscribed(sender, viewer, loc);
    int plain = dc.dclass("RoleTestPlain").number();
    sender.send(MdDatagram.builder(STATESERVER_CREATE_OBJECT_WITH_REQUIRED)
        .to(RoleServers.SS_CONTROL).from(ME)
        .payload(w -> w.doId(doid).doId(parent).u32(9).u16(plain).u32(1)).build());
    viewer.receive(Duration.ofSeconds(5)).orElseThrow();
    int f = dc.dclass("RoleTestPlain").field("setBroadcast").globalId();
    MdDatagram set = MdDatagram.builder(STATESERVER_OBJECT_SET_FIELD).to(doid).from(ME)
        .payload(w -> w.doId(doid).u16(f).u8(1)).build();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sender.send(set);
    }
    for (int i = 0; i < n; i++) {
      viewer.receive(Duration.ofSeconds(10)).orElseThrow();
    }
    report("state server SET_FIELD broadcast (sender -> SS -> location viewer), round "
        + (round + 1), n, t0);
    viewer.unsubscribe(loc);
  }

  /** Pings a channel from one link until the other, subscribed to it, hears the ping. */
  private static void awaitSubscribed(MdConnection from, MdConnection to, long channel) {
    MdDatagram ping = MdDatagram.builder(9999).to(channel).from(ME).build();
    for (int i = 0; i < 100; i++) {
      from.send(ping);
      if (to.receive(Duration.ofMillis(50)).isPresent()) {
        while (to.receive(Duration.ofMillis(50)).isPresent()) {
          // late pings
        }
        return;
      }
    }
    throw new AssertionError("the subscription of " + channel + " did not take effect");
  }

  private static void database(DcFile dc, MdConnection link, int n) {
    int cls = dc.dclass("RoleTestDefaults").number();
    int field = dc.dclass("RoleTestDefaults").field("setStoredRequired").globalId();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int ctx = i;
      link.send(MdDatagram.builder(DBSERVER_CREATE_OBJECT).to(RoleServers.DB_CONTROL).from(ME)
          .payload(w -> w.u32(ctx).u16(cls).u16(1).u16(field).u32(ctx)).build());
    }
    long[] doids = new long[n];
    for (int i = 0; i < n; i++) {
      var r = link.receive(Duration.ofSeconds(30)).orElseThrow().payload();
      doids[(int) r.readU32()] = r.readDoId();
    }
    report("database CREATE_OBJECT, durable (pipelined, group commit)", n, t0);
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long doid = doids[i];
      link.send(MdDatagram.builder(DBSERVER_OBJECT_GET_ALL).to(RoleServers.DB_CONTROL).from(ME)
          .payload(w -> w.u32(1).doId(doid)).build());
    }
    for (int i = 0; i < n; i++) {
      link.receive(Duration.ofSeconds(30)).orElseThrow();
    }
    report("database GET_ALL (pipelined)", n, t0);
    t0 = System.nanoTime();
    for (int i = 0; i < 500; i++) {
      int ctx = i;
      link.send(MdDatagram.builder(DBSERVER_CREATE_OBJECT).to(RoleServers.DB_CONTROL).from(ME)
          .payload(w -> w.u32(ctx).u16(cls).u16(1).u16(field).u32(ctx)).build());
      link.receive(Duration.ofSeconds(30)).orElseThrow();
    }
    report("database CREATE_OBJECT, durable, one at a time (commit latency bound)", 500, t0);
  }

  private static void report(String what, int n, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("BENCH %s: %d in %.2f s = %.0f/s%n", what, n, s, n / s);
  }
}
