package org.openttserver.plugins.zones;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.service.ZoneDirectory;
import org.openttserver.api.session.ClientSession;
import org.slf4j.Logger;

/**
 * Zones an AI hands its toons at run time (a tutorial's four zones, an estate): {@code
 * OpenTTDistrict.grantZones(avatarId, zones)} and {@code revokeZones} sent by a district's AI to
 * the extension's channel, turned into {@link ZoneDirectory#grant} registrations.
 *
 * <p>A grant is taken only for a district the districts plugin knows and a toon that is in that
 * district now; anything else is logged and ignored (one line each). A toon's grants end when it
 * leaves its district (disconnects, switches district, goes back to the chooser) or the AI
 * revokes them. The AI's message goes straight to this channel before its answer to the client,
 * so the grant is in place when the client's SET_ZONE arrives.
 */
final class AiGrants {
  private final ZoneDirectory zones;
  private final DcClass districtClass;
  private final Supplier<Optional<DistrictDirectory>> districts;
  private final Supplier<Optional<AvatarPresence>> presence;
  private final Logger log;
  /** Avatar → zone → the grant. */
  private final Map<Long, Map<Integer, Registration>> held = new HashMap<>();

  AiGrants(ZoneDirectory zones, DcClass districtClass,
      Supplier<Optional<DistrictDirectory>> districts,
      Supplier<Optional<AvatarPresence>> presence, Logger log) {
    this.zones = zones;
    this.districtClass = districtClass;
    this.districts = districts;
    this.presence = presence;
    this.log = log;
  }

  /** An event on the extension's channel: only the district's grant fields concern us. */
  void on(ObjectEvent event) {
    if (!(event instanceof ObjectEvent.FieldsChanged f) || f.values().dclass() != districtClass) {
      return;
    }
    for (String field : f.values().names()) {
      List<Object> args = f.values().get(field);
      switch (field) {
        case "grantZones" -> grant(f.doId(), ((Number) args.get(0)).longValue(), zones(args));
        case "revokeZones" -> revoke(((Number) args.get(0)).longValue(), zones(args));
        default -> { }
      }
    }
  }

  private static List<?> zones(List<Object> args) {
    return (List<?>) args.get(1);
  }

  private void grant(long district, long avatarId, List<?> list) {
    if (districts.get().flatMap(d -> d.district(district)).isEmpty()) {
      log.info("zones: a grant of zones {} to toon {} names {}, which is no district; ignored",
          list, avatarId, district);
      return;
    }
    Optional<ClientSession> session = presence.get().flatMap(p -> p.sessionOf(avatarId));
    OptionalLong in = session.flatMap(s -> districts.get().map(d -> d.districtOf(s)))
        .orElse(OptionalLong.empty());
    if (in.isEmpty() || in.getAsLong() != district) {
      log.info("zones: district {} grants zones {} to toon {}, which is not in it; ignored",
          district, list, avatarId);
      return;
    }
    synchronized (held) {
      Map<Integer, Registration> mine = held.computeIfAbsent(avatarId, a -> new HashMap<>());
      for (Object o : list) {
        int zone = ((Number) o).intValue();
        if (mine.containsKey(zone)) {
          continue;
        }
        try {
          mine.put(zone, zones.grant(avatarId, zone));
        } catch (IllegalArgumentException e) {
          log.info("zones: district {} grants toon {} zone {}: {}; ignored", district, avatarId,
              zone, e.getMessage());
        }
      }
    }
  }

  private void revoke(long avatarId, List<?> list) {
    synchronized (held) {
      Map<Integer, Registration> mine = held.get(avatarId);
      if (mine == null) {
        return;
      }
      for (Object o : list) {
        Registration r = mine.remove(((Number) o).intValue());
        if (r != null) {
          r.close();
        }
      }
      if (mine.isEmpty()) {
        held.remove(avatarId);
      }
    }
  }

  /** A toon left its district: every zone its AI granted it ends. */
  void left(ClientSession session, long avatarId, long districtId) {
    Map<Integer, Registration> mine;
    synchronized (held) {
      mine = held.remove(avatarId);
    }
    if (mine != null) {
      mine.values().forEach(Registration::close);
    }
  }

  /** {@return the zones the AIs granted a toon now, for tests} */
  java.util.Set<Integer> grantedTo(long avatarId) {
    synchronized (held) {
      return java.util.Set.copyOf(held.getOrDefault(avatarId, Map.of()).keySet());
    }
  }
}
