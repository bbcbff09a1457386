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
 * requester as sender. At a child: if in one of the zones, answer the requester with
 * ENTER_INTEREST (the parent has acknowledged it) or ENTER_LOCATION (not yet).
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
    if (queried == o.parent()) {
      answerAsChild(o, ctx, zones, sender);
    } else if (queried == o.doid()) {
      answerAsParent(o, ctx, zones, sender);
    }
  }

  private static void answerAsChild(StateObject o, long ctx, List<Long> zones, long sender) {
    if (!zones.contains(o.zone())) {
      return;
    }
    if (o.parentSynced()) {
      o.send(o.enter(sender, STATESERVER_OBJECT_ENTER_INTEREST_WITH_REQUIRED, ctx, true, false));
    } else {
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
