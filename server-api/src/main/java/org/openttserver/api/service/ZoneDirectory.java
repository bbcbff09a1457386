package org.openttserver.api.service;

import java.util.OptionalInt;
import java.util.Set;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.session.ClientSession;

/**
 * Where avatars are inside their district and what they see: provided by the built-in {@code
 * zones} plugin, which answers CLIENT_SET_ZONE from the DNA files' visgroups.
 *
 * <p>A client may enter the quiet zone (1), a playground, street visgroup or landmark interior of
 * the loaded DNA, and a zone it was {@linkplain #grant granted} (an estate, the tutorial, a
 * minigame: zones an AI hands out at run time). Any other zone ends its session with {@link
 * org.openttserver.api.msg.BootCode#ZONE_FORBIDDEN}.
 *
 * @since 0.3
 */
public interface ZoneDirectory {
  /**
   * The zone a session's avatar is in.
   *
   * @param session a client session
   * @return the zone of its last SET_ZONE in its current district, or empty if none yet
   */
  OptionalInt zoneOf(ClientSession session);

  /**
   * The zones a client in a zone sees (without the district's global objects in zone 2).
   *
   * @param zone a zone
   * @return the zones, the zone's own first; just the zone for a granted or interior zone; empty
   *     for the quiet zone and for a zone that may not be entered
   */
  Set<Integer> visibleZones(int zone);

  /**
   * Lets one avatar enter a zone that is not in the DNA (its estate, its tutorial, a minigame)
   * until the registration is closed. A client in the zone sees just that zone. An AI, which has
   * no services, grants through the cluster instead: {@code OpenTTDistrict.grantZones(avatarId,
   * zones)} and {@code revokeZones} for its district, sent to the extension's channel; the zones
   * plugin turns them into grants of this kind, ended when the avatar leaves its district.
   *
   * @param avatarId the toon's doId
   * @param zone a zone, 1 to 65535 (the 2003 client's zones are 16 bits)
   * @return withdraws the grant (the avatar is not moved out)
   * @throws IllegalArgumentException if the zone is outside 1–65535 or is the quiet zone
   */
  Registration grant(long avatarId, int zone);
}
