package org.openttserver.runtime.stateserver;

import org.openttserver.api.cluster.Datagram;

/** Something inside an {@link ObjectHost} that receives datagrams: an object, a loader, a role. */
public interface Inbox {
  /**
   * Handles a datagram on the host's thread.
   *
   * @param d the datagram
   */
  void handle(Datagram d);
}
