package org.openttserver.plugins.friends;

import java.util.List;

/** The test kit's fake database and DB-state server, with the friends tests' own helpers. */
final class FakeCluster extends org.openttserver.testclient.fakes.FakeCluster {
  FakeCluster() throws Exception {
    super();
  }

  /** The stored list of a toon as (id, flags) pairs. */
  List<FriendDirectoryFriend> list(long id) {
    return FriendLists.parse(stored.get(id).fields()).stream()
        .map(f -> new FriendDirectoryFriend(f.friendId(), f.flags())).toList();
  }

  record FriendDirectoryFriend(long id, int flags) {}
}
