package org.openttserver.runtime.roles;

import java.net.InetSocketAddress;
import org.openttserver.api.dc.DcFile;
import org.openttserver.testclient.roles.DatabaseConformanceTest;

/** The database suite against the embedded database role (or {@code ASTRON_MD}). */
class EmbeddedDatabaseConformanceTest extends DatabaseConformanceTest {
  @Override
  protected InetSocketAddress mdEndpoint() {
    return RoleServers.md();
  }

  @Override
  protected DcFile dcFile() {
    return RoleServers.dc();
  }

  @Override
  protected long dbControl() {
    return RoleServers.DB_CONTROL;
  }
}
