package org.openttserver.api.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.session.ClientSession;

/**
 * The districts (shards) running now and which district each avatar is in: provided by the
 * built-in {@code districts} plugin.
 *
 * <p>A district is an {@code OpenTTDistrict} object (config/dc/openttserver.dc) that an AI
 * creates in the state server under the district root, object {@value #ROOT_DO_ID}, in zone
 * {@value #DISTRICT_ZONE}; it runs until it is deleted, which an AI makes sure of when it leaves
 * or crashes by a post-remove (STATESERVER_DELETE_AI_OBJECTS with its channel). Both the AI and
 * the districts plugin create the root (an {@code OpenTTDistrictRoot}) if it is not there; a
 * second create of it is ignored by the state server. Avatars in a district are its children:
 * their location is (district, zone).
 *
 * <p>An avatar <em>enters</em> a district on CLIENT_SET_SHARD, placed in the quiet zone, before
 * the client gets its CLIENT_GET_STATE_RESP. It <em>leaves</em> when it enters another district
 * (before that enter), when it leaves the world (see {@link AvatarPresence}) and when its
 * district goes down. Listeners run on the extension's executor as {@link AvatarPresence}'s do,
 * and every enter is followed by exactly one leave.
 *
 * <p>Without a provider (districts disabled) no avatar is ever in a district: the zones plugin
 * refuses CLIENT_SET_ZONE with {@link org.openttserver.api.msg.BootCode#NOT_IN_GAME}.
 *
 * @since 0.3
 */
public interface DistrictDirectory {
  /** The doId of the object all districts are children of (the 2003 game's convention). */
  long ROOT_DO_ID = 4618;

  /** The zone of the root that districts are created in. */
  long DISTRICT_ZONE = 3;

  /** {@return the live districts, by id} */
  List<District> districts();

  /**
   * One live district.
   *
   * @param districtId its doId
   * @return the district, or empty if none with that id is running
   */
  Optional<District> district(long districtId);

  /**
   * The district a session's avatar is in.
   *
   * @param session a client session
   * @return the district's doId, or empty when the session's avatar is in none
   */
  OptionalLong districtOf(ClientSession session);

  /**
   * Listens for avatars entering districts. A listener runs once the client has been told it is
   * in the district (the answer to its SET_SHARD), so what it sends the client is applied: the
   * 2003 client drops updates of its own toon before that answer.
   *
   * @param listener told the session, the avatar and the district
   * @return ends the listening
   */
  Registration onEnter(DistrictListener listener);

  /**
   * Listens for avatars leaving districts.
   *
   * @param listener told the session, the avatar and the district it left
   * @return ends the listening
   */
  Registration onLeave(DistrictListener listener);

  /**
   * One district as clients see it in the shard list, and the AI that runs it.
   *
   * @param id the district object's doId (the 2003 client's shard id)
   * @param name its name
   * @param population the avatars in it now
   * @param available whether it is open to players choosing a district (SERVER_UP was sent; a
   *     district its AI closes gets SERVER_DOWN and is left out of new shard lists)
   * @param aiChannel the AI channel of the district object (its AI's own channel), read from the
   *     state server when the district appears; 0 while it is not known. Messages that claim to
   *     come from the district's AI (zone grants) are taken only from this channel. Since 0.3.
   */
  record District(long id, String name, long population, boolean available, long aiChannel) {
    /** Checks the name. */
    public District {
      Objects.requireNonNull(name, "name");
    }

    /**
     * A district whose AI channel is not known (yet).
     *
     * @param id as above
     * @param name as above
     * @param population as above
     * @param available as above
     * @since 0.3
     */
    public District(long id, String name, long population, boolean available) {
      this(id, name, population, available, 0);
    }
  }

  /** Told of one avatar entering or leaving a district. */
  @FunctionalInterface
  interface DistrictListener {
    /**
     * One event.
     *
     * @param session the client's session
     * @param avatarId the toon's doId
     * @param districtId the district's doId
     */
    void on(ClientSession session, long avatarId, long districtId);
  }
}
