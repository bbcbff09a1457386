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
 * <p>A grant is taken only from the AI channel of the district it names (as the districts plugin
 * read it from the state server: {@link DistrictDirectory.District#aiChannel}), for a toon that
 * is in that district now; a revoke only from the AI of the district that granted. Anything else
 * is logged and ignored (one line each): no participant on the extension's channel can grant
 * zones to another district's toons or take another district's zones away. A toon's grants end
 * when it leaves its district (disconnects, switches district, goes back to the chooser) or the
 * AI revokes them. The AI's message goes straight to this channel before its answer to the client,
 * so the grant is in place when the client's SET_ZONE arrives.
 */
final class AiGrants {
  private final ZoneDirectory zones;
  private final DcClass districtClass;
  private final Supplier<Optional<DistrictDirectory>> districts;
  private final Supplier<Optional<AvatarPresence>> presence;
  private final Logger log;
  /** A toon's grants from one district. */
  private record Holder(long district, long avatarId) {}

  /** (District, avatar) → zone → the grant. */
  private final Map<Holder, Map<Integer, Registration>> held = new HashMap<>();

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
      boolean grant = field.equals("grantZones");
      if (!grant && !field.equals("revokeZones")) {
        continue;
      }
      List<Object> args = f.values().get(field);
      long avatarId = ((Number) args.get(0)).longValue();
      if (!fromItsAi(f.doId(), f.sender(), field, avatarId, zones(args))) {
        continue;
      }
      if (grant) {
        grant(f.doId(), avatarId, zones(args));
      } else {
        revoke(f.doId(), avatarId, zones(args));
      }
    }
  }

  private static List<?> zones(List<Object> args) {
    return (List<?>) args.get(1);
  }

  /** {@return whether a grant or revoke comes from the AI of the district it names} */
  private boolean fromItsAi(long district, long sender, String field, long avatarId,
      List<?> list) {
    Optional<DistrictDirectory.District> d = districts.get().flatMap(x -> x.district(district));
    if (d.isEmpty()) {
      log.info("zones: {} of zones {} for toon {} names {}, which is no district; ignored",
          field, list, avatarId, district);
      return false;
    }
    if (d.get().aiChannel() == 0 || d.get().aiChannel() != sender) {
      log.info("zones: {} of zones {} for toon {} in district {} comes from channel {}, not"
          + " from the district's AI ({}); ignored", field, list, avatarId, district, sender,
          d.get().aiChannel() == 0 ? "not known yet" : d.get().aiChannel());
      return false;
    }
    return true;
  }

  private void grant(long district, long avatarId, List<?> list) {
    Optional<ClientSession> session = presence.get().flatMap(p -> p.sessionOf(avatarId));
    OptionalLong in = session.flatMap(s -> districts.get().map(d -> d.districtOf(s)))
        .orElse(OptionalLong.empty());
    if (in.isEmpty() || in.getAsLong() != district) {
      log.info("zones: district {} grants zones {} to toon {}, which is not in it; ignored",
          district, list, avatarId);
      return;
    }
    synchronized (held) {
      Map<Integer, Registration> mine = held.computeIfAbsent(new Holder(district, avatarId),
          h -> new HashMap<>());
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

  private void revoke(long district, long avatarId, List<?> list) {
    Holder key = new Holder(district, avatarId);
    synchronized (held) {
      Map<Integer, Registration> mine = held.get(key);
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
        held.remove(key);
      }
    }
  }

  /** A toon left its district: every zone its AI granted it ends. */
  void left(ClientSession session, long avatarId, long districtId) {
    Map<Integer, Registration> mine;
    synchronized (held) {
      mine = held.remove(new Holder(districtId, avatarId));
    }
    if (mine != null) {
      mine.values().forEach(Registration::close);
    }
  }

  /** {@return the zones the AIs granted a toon now, for tests} */
  java.util.Set<Integer> grantedTo(long avatarId) {
    synchronized (held) {
      java.util.Set<Integer> zones = new java.util.HashSet<>();
      held.forEach((h, mine) -> {
        if (h.avatarId() == avatarId) {
          zones.addAll(mine.keySet());
        }
      });
      return java.util.Set.copyOf(zones);
    }
  }
}
