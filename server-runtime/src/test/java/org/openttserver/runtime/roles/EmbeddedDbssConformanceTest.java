package org.openttserver.runtime.roles;

import java.net.InetSocketAddress;
import org.openttserver.api.dc.DcFile;
import org.openttserver.testclient.roles.DbssConformanceTest;

/** The DBSS suite against the embedded DBSS and database roles (or {@code ASTRON_MD}). */
class EmbeddedDbssConformanceTest extends DbssConformanceTest {
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
}
