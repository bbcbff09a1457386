package org.openttserver.testclient.astron;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.openttserver.testclient.md.MessageDirectorConformanceTest;

/**
 * Runs the message-director conformance suite against a real Astron {@code astrond} given as
 * {@code ASTRON_MD=host:port}; skipped when the variable is not set.
 *
 * <p>An {@code astrond} with no roles is enough; its YAML needs only {@code messagedirector:
 * bind: 127.0.0.1:57123}. Then run {@code ASTRON_MD=127.0.0.1:57123 mvn -pl test-client -am
 * test}.
 */
@EnabledIfEnvironmentVariable(named = "ASTRON_MD", matches = ".+:\\d+")
class AstronMdConformanceTest extends MessageDirectorConformanceTest {

  @Override
  protected InetSocketAddress mdEndpoint() {
    String spec = System.getenv("ASTRON_MD");
    int colon = spec.lastIndexOf(':');
    return new InetSocketAddress(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
  }
}
