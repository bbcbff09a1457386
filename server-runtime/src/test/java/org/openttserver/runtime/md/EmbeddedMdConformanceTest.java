package org.openttserver.runtime.md;

import java.net.InetSocketAddress;
import org.openttserver.runtime.testing.TestServers;
import org.openttserver.testclient.md.MessageDirectorConformanceTest;

/**
 * The message-director conformance suite (the behaviours Astron's own MD tests check) over TCP,
 * against the embedded director, or against {@code ASTRON_MD=host:port} when set.
 */
class EmbeddedMdConformanceTest extends MessageDirectorConformanceTest {
  @Override
  protected InetSocketAddress mdEndpoint() {
    return TestServers.md();
  }
}
