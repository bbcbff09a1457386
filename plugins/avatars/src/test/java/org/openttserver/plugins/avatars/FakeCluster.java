package org.openttserver.plugins.avatars;

/** The test kit's fake database and DB-state server. */
final class FakeCluster extends org.openttserver.testclient.fakes.FakeCluster {
  FakeCluster() throws Exception {
    super();
  }
}
