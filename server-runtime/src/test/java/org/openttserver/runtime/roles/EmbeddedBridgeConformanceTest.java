package org.openttserver.runtime.roles;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcSource;
import org.openttserver.runtime.md.RemoteParticipant;
import org.openttserver.testclient.roles.BridgeConformanceTest;

/**
 * The bridge suite over a {@link RemoteParticipant} (TCP, as an external AI would connect)
 * against the embedded state server, DBSS and database, or {@code ASTRON_MD}.
 */
class EmbeddedBridgeConformanceTest extends BridgeConformanceTest {
  private static final String WORKER = "bridge-test-worker-";
  private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1,
      (java.util.concurrent.ThreadFactory) r -> daemon(r, "bridge-test-netty"),
      NioIoHandler.newFactory());
  private static final AtomicInteger WORKERS = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2,
      r -> daemon(r, WORKER + WORKERS.incrementAndGet()));
  private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
      r -> daemon(r, "bridge-test-timer"));

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  protected InetSocketAddress mdEndpoint() {
    return RoleServers.md();
  }

  @Override
  protected DcFile dcFile() {
    return RoleServers.dc();
  }

  @Override
  protected long ssControl() {
    return RoleServers.SS_CONTROL;
  }

  @Override
  protected long dbControl() {
    return RoleServers.DB_CONTROL;
  }

  @Override
  protected ClusterParticipant openParticipant() {
    try {
      return RemoteParticipant.connect(RoleServers.md(), "bridge-test", GROUP, POOL, TIMERS,
          reason -> { });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected void closeParticipant(ClusterParticipant p) {
    ((RemoteParticipant) p).close();
  }

  @Override
  protected boolean onParticipantExecutor(Thread t) {
    return t.getName().startsWith(WORKER);
  }

  @Override
  protected boolean databaseLists() {
    return System.getenv("ASTRON_MD") == null;
  }

  @Override
  protected DcFile dcFileWith(String extra) {
    return RoleServers.dcWith(List.of(new DcSource("extra.dc", extra, DcDialect.EXTENDED)));
  }
}
