package org.openttserver.runtime.md;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.openttserver.api.dc.DcFile;
import org.openttserver.runtime.Server;
import org.openttserver.runtime.roles.RoleServers;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.roles.DownstreamConformanceTest;

/**
 * The downstream suite with our server as the downstream node (a state server role and {@code
 * messagedirector.connect}) under an upstream director: {@code DOWNSTREAM_UPSTREAM_MD=host:port}
 * if set (a real {@code astrond}; it only routes, so it needs none of the suite's DC classes),
 * else a plain embedded server started here with a listener of its own.
 */
class EmbeddedDownstreamConformanceTest extends DownstreamConformanceTest {
  /** Names the upstream director to test against instead of one started here. */
  static final String ENV = "DOWNSTREAM_UPSTREAM_MD";

  /** Channels of the nodes' state servers and extensions: random per run, far from Astron's. */
  private static final AtomicLong NEXT_CHANNEL =
      new AtomicLong(403_000_000L + ThreadLocalRandom.current().nextLong(1000) * 1000L);

  private static Server upstream;
  private static Node shared;

  /** {@return the upstream director: the variable's, or one started here} */
  static synchronized InetSocketAddress upstreamMd() {
    String spec = System.getenv(ENV);
    if (spec != null && !spec.isBlank()) {
      int colon = spec.lastIndexOf(':');
      return new InetSocketAddress(spec.substring(0, colon),
          Integer.parseInt(spec.substring(colon + 1)));
    }
    if (upstream == null) {
      Path dir = tempDir("openttserver-upstream");
      upstream = TestServers.start(TestServers.minimalYaml(dir), dir);
    }
    return upstream.mdAddress();
  }

  /** A downstream node: our server with a state server role, connected to the upstream. */
  static final class Node implements Downstream {
    final Server server;
    final long ssControl;
    final long extensionChannel;
    /** The node's link to the upstream director runs through this, so a test can cut it. */
    private final LinkProxy proxy;
    private final java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();

    Node(InetSocketAddress up) {
      ssControl = NEXT_CHANNEL.getAndAdd(10);
      extensionChannel = ssControl + 1;
      proxy = new LinkProxy(up);
      Path dir = tempDir("openttserver-downstream");
      String yaml = RoleServers.generalYaml(dir)
          + "messagedirector:\n  bind: 127.0.0.1:0\n  connect: 127.0.0.1:"
          + proxy.address().getPort() + "\n"
          + "extension:\n  channel: " + extensionChannel + "\n  plugins_dir: "
          + dir.resolve("plugins") + "\n"
          + "roles:\n  - type: stateserver\n    control: " + ssControl + "\n";
      server = TestServers.start(yaml, dir);
    }

    @Override
    public InetSocketAddress md() {
      return server.mdAddress();
    }

    @Override
    public long ssControl() {
      return ssControl;
    }

    @Override
    public long extensionChannel() {
      return extensionChannel;
    }

    @Override
    public void crash() {
      proxy.cut();
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        try {
          server.close();
        } finally {
          proxy.close();
        }
      }
    }
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static synchronized void stopServers() {
    if (shared != null) {
      shared.close();
      shared = null;
    }
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
  }

  @Override
  protected InetSocketAddress mdEndpoint() {
    return upstreamMd();
  }

  @Override
  protected DcFile dcFile() {
    return RoleServers.dc();
  }

  @Override
  protected Downstream downstream() {
    synchronized (EmbeddedDownstreamConformanceTest.class) {
      if (shared == null) {
        shared = new Node(upstreamMd());
      }
      return shared;
    }
  }

  @Override
  protected Downstream startDownstream() {
    return new Node(upstreamMd());
  }
}
