package org.openttserver.runtime.roles;

import java.net.InetSocketAddress;
import org.openttserver.api.dc.DcFile;
import org.openttserver.testclient.roles.StateServerConformanceTest;

/** The state server suite against the embedded state server (or {@code ASTRON_MD}). */
class EmbeddedStateServerConformanceTest extends StateServerConformanceTest {
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
}
