package org.openttserver.ai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.dc.DcClass;

/**
 * The toons in the AI's district and the zone each is in, from what the state server tells the
 * district's AI (a toon under the district takes the district's AI): ENTER_AI when a toon comes
 * into the district, CHANGING_LOCATION as it moves, and DELETE_RAM (it left the world or
 * disconnected) or CHANGING_AI / a location under another parent (it switched district) when it
 * goes. Runs on the participant's executor.
 */
final class Toons {
  /** Told of toons moving and leaving. */
  interface Listener {
    /**
     * A toon of the district is now in a zone.
     *
     * @param avatarId the toon
     * @param zone its zone
     */
    void moved(long avatarId, long zone);

    /**
     * A toon left the district (disconnected, back to the chooser, another district).
     *
     * @param avatarId the toon
     */
    void left(long avatarId);
  }

  private final DcClass toonClass;
  private final long channel;
  private final Map<Long, Long> zones = new HashMap<>();
  private final List<Listener> listeners = new ArrayList<>();
  private long district;

  Toons(DcClass toonClass, long channel) {
    this.toonClass = toonClass;
    this.channel = channel;
  }

  void district(long district) {
    this.district = district;
  }

  void listen(Listener l) {
    listeners.add(l);
  }

  /** {@return the zone of a toon in the district, or empty if it is not in it} */
  OptionalLong zoneOf(long avatarId) {
    Long z = zones.get(avatarId);
    return z == null ? OptionalLong.empty() : OptionalLong.of(z);
  }

  /** {@return whether any toon of the district stands in a zone now} */
  boolean anyIn(long zone) {
    return zones.containsValue(zone);
  }

  /** {@return whether an event concerned a toon (so nothing else needs to see it)} */
  boolean on(ObjectEvent event) {
    if (event instanceof ObjectEvent.Entered e) {
      if (e.view() != ObjectEvent.View.AI || toonClass == null
          || e.object().dclass() != toonClass || e.object().parent() != district) {
        return false;
      }
      moved(e.doId(), e.object().zone());
      return true;
    }
    if (!zones.containsKey(event.doId())) {
      return false;
    }
    if (event instanceof ObjectEvent.LocationChanged m) {
      if (m.newParent() == district) {
        moved(m.doId(), m.newZone());
      } else {
        left(m.doId());
      }
      return true;
    }
    if (event instanceof ObjectEvent.AiChanged a) {
      if (a.newAi() != channel) {
        left(a.doId());
      }
      return true;
    }
    if (event instanceof ObjectEvent.Deleted d) {
      left(d.doId());
      return true;
    }
    return false;
  }

  private void moved(long avatarId, long zone) {
    Long before = zones.put(avatarId, zone);
    if (before == null || before != zone) {
      for (Listener l : List.copyOf(listeners)) {
        l.moved(avatarId, zone);
      }
    }
  }

  private void left(long avatarId) {
    zones.remove(avatarId);
    for (Listener l : List.copyOf(listeners)) {
      l.left(avatarId);
    }
  }
}
