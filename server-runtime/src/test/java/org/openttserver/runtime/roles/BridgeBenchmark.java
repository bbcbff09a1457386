package org.openttserver.runtime.roles;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.runtime.md.RemoteParticipant;

/**
 * Figures for the Astron bridge through the embedded roles (or {@code ASTRON_MD}), over a TCP
 * participant as an external AI would use it, printed to stdout; it asserts nothing about
 * speed. Run with {@code mvn -pl server-runtime -am verify -Dtest=BridgeBenchmark -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BridgeBenchmark {
  private static final long ME = 89_000_000_000L;

  @Test
  void createGetAndActivateSet_whenRun_thenPrintsFigures() throws Exception {
    ThreadFactory daemons = r -> {
      Thread t = new Thread(r, "bridge-bench");
      t.setDaemon(true);
      return t;
    };
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, daemons,
        NioIoHandler.newFactory());
    ExecutorService pool = Executors.newFixedThreadPool(2, daemons);
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemons);
    try (RemoteParticipant p = RemoteParticipant.connect(RoleServers.md(), "bridge-bench", group,
        pool, timers, reason -> { })) {
      DcFile dc = RoleServers.dc();
      AstronBridge bridge = AstronBridge.create(p, ME, dc, new BridgeSettings(
          RoleServers.DB_CONTROL, RoleServers.SS_CONTROL, Duration.ofSeconds(30)));
      DcClass cls = dc.dclass("RoleTestStored");
      createGet(bridge, cls, 200); // warm-up
      long[] ids = createGet(bridge, cls, 3000);
      createGetPipelined(bridge, cls, 20_000, 64);
      activateSet(bridge, cls, Arrays.copyOf(ids, 2000));
      setFieldsPipelined(bridge, cls, ids[2500], 50_000);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      pool.shutdown();
      timers.shutdown();
    }
  }

  private static FieldValues values(DcClass cls, long i) {
    return FieldValues.builder(cls).set("setStoredRequired", i).set("setStoredText", "bench " + i)
        .build();
  }

  /** One at a time: create, then read it back; latency of the pair. */
  private static long[] createGet(AstronBridge bridge, DcClass cls, int n) {
    long[] ids = new long[n];
    long[] lat = new long[n];
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long s = System.nanoTime();
      long id = bridge.database().create(cls, values(cls, i))
          .thenCompose(doId -> bridge.database().getAll(doId)).join().doId();
      lat[i] = System.nanoTime() - s;
      ids[i] = id;
    }
    report("create + getAll round trip, one at a time (durable create)", n, t0, lat);
    return ids;
  }

  /** A window of pairs in flight. */
  private static void createGetPipelined(AstronBridge bridge, DcClass cls, int n, int window) {
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    long[] lat = new long[n];
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      int k = i;
      long s = System.nanoTime();
      inFlight.add(bridge.database().create(cls, values(cls, i))
          .thenCompose(doId -> bridge.database().getAll(doId))
          .thenRun(() -> lat[k] = System.nanoTime() - s));
      if (inFlight.size() == window) {
        inFlight.remove(0).join();
      }
    }
    inFlight.forEach(CompletableFuture::join);
    report("create + getAll, " + window + " pairs in flight", n, t0, lat);
  }

  /** Activate a stored object, set a db field, read it back live, unload it; per object. */
  private static void activateSet(AstronBridge bridge, DcClass cls, long[] ids) {
    long parent = 700_000_000L;
    long[] lat = new long[ids.length];
    FieldValues set = FieldValues.builder(cls).set("setStoredText", "live").build();
    long t0 = System.nanoTime();
    for (int i = 0; i < ids.length; i++) {
      long s = System.nanoTime();
      bridge.objects().activate(ids[i], parent, 1);
      bridge.objects().setFields(ids[i], set);
      bridge.objects().getFields(ids[i], cls, "setStoredText").join();
      lat[i] = System.nanoTime() - s;
      bridge.objects().deleteRam(ids[i]);
    }
    report("activate + setFields + getFields round trip (DBSS, write-through)", ids.length, t0,
        lat);
  }

  /** Updates to one active object, pipelined, closed by one read. */
  private static void setFieldsPipelined(AstronBridge bridge, DcClass cls, long doId, int n) {
    bridge.objects().activate(doId, 700_000_000L, 2);
    bridge.objects().getFields(doId, cls, "setStoredText").join();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      bridge.objects().setFields(doId, FieldValues.builder(cls).set("setStoredText", "v" + i)
          .build());
    }
    String last = bridge.objects().getFields(doId, cls, "setStoredText").join()
        .string("setStoredText");
    report("setFields on an active DBSS object, pipelined (last read back: " + last + ")", n, t0,
        null);
    bridge.objects().deleteRam(doId);
  }

  private static void report(String what, int n, long t0, long[] lat) {
    double s = (System.nanoTime() - t0) / 1e9;
    String pct = "";
    if (lat != null) {
      long[] sorted = lat.clone();
      Arrays.sort(sorted);
      pct = String.format(", p50 %.2f ms, p99 %.2f ms", sorted[n / 2] / 1e6,
          sorted[(int) (n * 0.99)] / 1e6);
    }
    System.out.printf("BENCH %s: %d in %.2f s = %.0f/s%s%n", what, n, s, n / s, pct);
  }
}
