package org.openttserver.runtime.stateserver;

import static org.openttserver.api.msg.AstronMsg.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.Channels;

/**
 * GET_ZONE(S)_OBJECTS. At the queried parent: answer GET_ZONES_COUNT_RESP with how many
 * children it knows in those zones, then relay the query to its children channel with the
 * requester as sender. At a child: answer for where the parent saw it when it counted (see
 * {@code answerAsChild}), so the requester gets as many answers as the count, whatever the
 * child did meanwhile: moved within the parent, moved to another parent, or was deleted (a
 * child keeps its old parent's children channel, and a deleted one lingers, until the old
 * parent acknowledges the departure; see {@link StateObject}). Astron's state server can leave
 * answers missing there, and a client agent then finishes the snapshot at its silence timeout.
 */
final class ZoneQueries {
  private ZoneQueries() {}

  static void handle(StateObject o, DatagramReader r, long sender, boolean multi) {
    long ctx = r.readU32();
    long queried = r.readDoId();
    int n = multi ? r.readU16() : 1;
    List<Long> zones = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      zones.add(r.readU32());
    }
    if (queried == o.doid()) {
      if (!o.deleted()) {
        answerAsParent(o, ctx, zones, sender);
      }
    } else if (queried == o.parent() || o.answersTo(queried)) {
      answerAsChild(o, queried, ctx, zones, sender);
    }
  }

  /**
   * A child answers for where the queried parent saw it when it counted (the parent answers
   * moves and queries in order, and acknowledges each move concerning it): counted there, it
   * answers ENTER_INTEREST at that location, followed, if it has moved on since, by its
   * CHANGING_LOCATION to the requester, or, if it has been deleted since, by its DELETE_RAM
   * (the requester's client agent then moves, disables or deletes it: it never waits for an
   * answer that will not come); not counted but in a queried zone of that parent now (it moved
   * in), it answers ENTER_LOCATION, which a client agent takes as an arrival, not as a counted
   * answer.
   */
  private static void answerAsChild(StateObject o, long queried, long ctx, List<Long> zones,
      long sender) {
    long seen = o.zoneAsSeenBy(queried);
    if (seen >= 0 && zones.contains(seen)) {
      if (!o.deleted() && queried == o.parent() && seen == o.zone()) {
        o.send(o.enter(sender, STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED, ctx, true,
            false));
        return;
      }
      o.send(o.enterAt(sender, STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED, ctx, queried,
          seen));
      if (o.deleted()) {
        o.send(Datagram.of(Datagram.header(sender, o.doid(), STATESERVER_OBJECT_DELETE_RAM)
            .doId(o.doid())));
      } else {
        o.send(Datagram.of(Datagram.header(sender, o.doid(),
            STATESERVER_OBJECT_CHANGING_LOCATION).doId(o.doid()).doId(o.parent()).u32(o.zone())
            .doId(queried).u32(seen)));
      }
    } else if (!o.deleted() && queried == o.parent() && zones.contains(o.zone())) {
      o.send(o.enter(sender, STATESERVER_OBJECT_ENTER_LOCATION_WITH_REQUIRED, -1, true, false));
    }
  }

  private static void answerAsParent(StateObject o, long ctx, List<Long> zones, long sender) {
    long count = 0;
    DatagramWriter relay = Datagram.header(Channels.parentPrefix(o.doid()), sender,
        STATESERVER_OBJECT_GET_ZONES_OBJECTS).u32(ctx).doId(o.doid()).u16(zones.size());
    for (long z : zones) {
      Set<Long> children = o.zoneObjects().get(z);
      count += children == null ? 0 : children.size();
      relay.u32(z);
    }
    o.send(Datagram.of(Datagram.header(sender, o.doid(), STATESERVER_OBJECT_GET_ZONES_COUNT_RESP)
        .u32(ctx).doId(count)));
    if (count > 0) {
      o.send(Datagram.of(relay));
    }
  }
}
