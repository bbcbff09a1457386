package org.openttserver.plugins.zones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.session.ClientSession;

/** A fake districts plugin and avatars plugin: which session plays which toon, in which district. */
final class FakeWorld implements DistrictDirectory, AvatarPresence {
  final Map<ClientSession, Long> avatars = new HashMap<>();
  final Map<ClientSession, Long> districtOf = new HashMap<>();
  final List<DistrictListener> enter = new ArrayList<>();
  final List<DistrictListener> leave = new ArrayList<>();
  /** The districts that are up ({@link #district}). */
  final java.util.Set<Long> districts = new java.util.HashSet<>();
  /** The AI channel of each district, where one is known. */
  final Map<Long, Long> ais = new HashMap<>();

  /** A district is up, run by the AI on a channel. */
  void up(long district, long aiChannel) {
    districts.add(district);
    ais.put(district, aiChannel);
  }

  /** The avatar of a session enters a district (leaving its old one first), as SET_SHARD does. */
  void enterDistrict(ClientSession s, long district) {
    Long old = districtOf.get(s);
    if (old != null) {
      leaveDistrict(s);
    }
    districtOf.put(s, district);
    enter.forEach(l -> l.on(s, avatars.get(s), district));
  }

  void leaveDistrict(ClientSession s) {
    Long old = districtOf.remove(s);
    leave.forEach(l -> l.on(s, avatars.get(s), old));
  }

  @Override
  public List<District> districts() {
    return List.of();
  }

  @Override
  public Optional<District> district(long districtId) {
    return districts.contains(districtId)
        ? Optional.of(new District(districtId, "District " + districtId, 0, true,
            ais.getOrDefault(districtId, 0L)))
        : Optional.empty();
  }

  @Override
  public OptionalLong districtOf(ClientSession session) {
    Long d = districtOf.get(session);
    return d == null ? OptionalLong.empty() : OptionalLong.of(d);
  }

  @Override
  public Registration onEnter(DistrictListener listener) {
    enter.add(listener);
    return () -> enter.remove(listener);
  }

  @Override
  public Registration onLeave(DistrictListener listener) {
    leave.add(listener);
    return () -> leave.remove(listener);
  }

  @Override
  public OptionalLong activeAvatar(ClientSession session) {
    Long a = avatars.get(session);
    return a == null ? OptionalLong.empty() : OptionalLong.of(a);
  }

  @Override
  public Optional<ClientSession> sessionOf(long avatarId) {
    return avatars.entrySet().stream().filter(e -> e.getValue() == avatarId)
        .map(Map.Entry::getKey).findFirst();
  }

  @Override
  public Registration onEnter(AvatarListener listener) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Registration onLeave(AvatarListener listener) {
    throw new UnsupportedOperationException();
  }
}
