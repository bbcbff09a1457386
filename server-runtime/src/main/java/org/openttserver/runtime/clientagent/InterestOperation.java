package org.openttserver.runtime.clientagent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.openttserver.api.cluster.Datagram;

/**
 * One interest snapshot in progress: a GET_ZONES_OBJECTS query whose replies (a count, then one
 * ENTER_INTEREST per object) are collected, while live traffic for those objects and zones is
 * buffered. It completes when every counted object has arrived, or after a period of silence
 * (the timer restarts on every reply, so a large zone that keeps answering is never cut short).
 */
final class InterestOperation {
  final long context;
  final int interestId;
  final long parent;
  final Set<Long> zones;
  /** Who opened the interest: DONE_INTEREST_RESP goes there. */
  final long caller;
  /** ENTER_INTEREST / early ENTER_LOCATION datagrams, in arrival order. */
  final List<Datagram> entries = new ArrayList<>();
  /** Live datagrams for pending objects, replayed after the snapshot. */
  final List<Datagram> buffered = new ArrayList<>();
  long expected = -1;
  /** {@link System#nanoTime()} of the query or the last reply. */
  long lastActivity;
  ScheduledFuture<?> timer;

  InterestOperation(long context, int interestId, long parent, Set<Long> zones, long caller) {
    this.context = context;
    this.interestId = interestId;
    this.parent = parent;
    this.zones = zones;
    this.caller = caller;
  }

  boolean covers(long parent, long zone) {
    return this.parent == parent && zones.contains(zone);
  }

  boolean isComplete() {
    return expected >= 0 && entries.size() >= expected;
  }
}
