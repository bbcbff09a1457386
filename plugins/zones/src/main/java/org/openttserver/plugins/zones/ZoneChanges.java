package org.openttserver.plugins.zones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.openttserver.api.bridge.NoReplyException;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dna.DnaWorld;
import org.openttserver.api.dna.Zones;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.DoneSetZoneResp;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.api.service.AvatarPresence;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.service.ZoneDirectory;
import org.openttserver.api.session.ClientProtocolException;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;
import org.slf4j.Logger;

/**
 * CLIENT_SET_ZONE on the client agent's interests, and the {@link ZoneDirectory} service.
 *
 * <p>Each session has two interests in its district: {@value #GLOBALS} holds the district's
 * global objects (zone 2), opened on the first quiet-zone pass after the avatar entered the
 * district and kept until it leaves it (the 2003 client keeps those objects; a second generate of
 * one is harmful); {@value #VIEW} holds what the current zone shows, altered zone by zone so the
 * client agent sends generates for zones coming into view and disables for zones leaving it.
 * The quiet zone closes {@value #VIEW} (the client disabled those objects itself), so the next
 * place is generated in full.
 *
 * <p>Handlers and listeners run on the extension's executor; session state lives in a session
 * attribute. Grants may be made from any thread.
 */
final class ZoneChanges implements ZoneDirectory {
  /** The interest of the district's global objects. */
  static final int GLOBALS = 0;
  /** The interest of what the current zone shows. */
  static final int VIEW = 1;

  /** Moves an avatar: the bridge's setLocation. */
  @FunctionalInterface
  interface Mover {
    /**
     * Moves an avatar.
     *
     * @param avatarId the toon
     * @param district its district
     * @param zone the zone
     * @return completes once sent
     */
    CompletableFuture<Void> move(long avatarId, long district, long zone);
  }

  /** What the zones plugin knows of one session in its district. */
  static final class State {
    /** The district this state is about. */
    final long district;
    /** Whether interest {@value #GLOBALS} is open on {@link #district}. */
    boolean globalsOpen;
    /** Whether interest {@value #VIEW} is open. */
    boolean viewOpen;
    /** The zone of the last SET_ZONE, 0 before the first (read by {@code zoneOf} anywhere). */
    volatile int zone;

    State(long district) {
      this.district = district;
    }
  }

  static final SessionKey<State> STATE = SessionKey.of("zones.state", State.class);

  private final DnaWorld world;
  private final Supplier<Optional<DistrictDirectory>> districts;
  private final Supplier<Optional<AvatarPresence>> presence;
  private final Mover mover;
  private final Logger log;
  /** Live grants: avatar → zone → how many registrations hold it. */
  private final Map<Long, Map<Integer, Integer>> grants = new HashMap<>();

  ZoneChanges(DnaWorld world, Supplier<Optional<DistrictDirectory>> districts,
      Supplier<Optional<AvatarPresence>> presence, Mover mover, Logger log) {
    this.world = world;
    this.districts = districts;
    this.presence = presence;
    this.mover = mover;
    this.log = log;
  }

  /**
   * Handles CLIENT_SET_ZONE: 47(z), the zone's objects through the interests, then 48(z) once
   * the client agent has sent them. The returned stage completes then, so the session's next
   * message waits (one zone change in flight per client).
   *
   * @param session the client
   * @param msg the message
   * @return completes after 48 was sent
   * @throws ClientProtocolException NOT_IN_GAME outside a district, ZONE_FORBIDDEN for a zone
   *     the avatar may not enter
   */
  CompletionStage<Void> setZone(ClientSession session, SetZone msg) {
    int zone = msg.zoneId();
    OptionalLong inDistrict = districts.get().map(d -> d.districtOf(session))
        .orElse(OptionalLong.empty());
    if (inDistrict.isEmpty()) {
      throw new ClientProtocolException(BootCode.NOT_IN_GAME, "CLIENT_SET_ZONE(" + zone
          + ") outside a district: CLIENT_SET_SHARD must come first");
    }
    OptionalLong active = presence.get().map(p -> p.activeAvatar(session))
        .orElse(OptionalLong.empty());
    if (active.isEmpty()) {
      throw new ClientProtocolException(BootCode.NOT_IN_GAME, "CLIENT_SET_ZONE(" + zone
          + ") without an avatar in the world");
    }
    long district = inDistrict.getAsLong();
    long avatar = active.getAsLong();
    State st = session.get(STATE).orElse(null);
    if (st == null || st.district != district) {
      // A new district entry. Interests still open elsewhere are replaced below (same ids).
      State fresh = new State(district);
      if (st != null) {
        fresh.viewOpen = st.viewOpen;
      }
      st = fresh;
      session.set(STATE, st);
    }
    if (zone == Zones.QUIET_ZONE) {
      return quietZone(session, st, avatar);
    }
    Set<Integer> visible = visibleFor(avatar, zone);
    if (visible.isEmpty()) {
      throw new ClientProtocolException(BootCode.ZONE_FORBIDDEN, forbidden(avatar, zone));
    }
    session.send(GetStateResp.of(zone));
    st.zone = zone;
    st.viewOpen = true;
    long[] zones = visible.stream().mapToLong(Integer::longValue).toArray();
    CompletableFuture<Void> moved = mover.move(avatar, district, zone);
    CompletableFuture<Void> shown = session.addInterest(VIEW, district, zones);
    return finish(session, zone, List.of(moved, shown));
  }

  private CompletionStage<Void> quietZone(ClientSession session, State st, long avatar) {
    session.send(GetStateResp.of(Zones.QUIET_ZONE));
    List<CompletableFuture<?>> steps = new ArrayList<>();
    if (!st.globalsOpen) {
      st.globalsOpen = true;
      steps.add(session.addInterest(GLOBALS, st.district, Zones.UBER_ZONE));
    }
    if (st.viewOpen) {
      st.viewOpen = false;
      steps.add(session.removeInterest(VIEW));
    }
    st.zone = Zones.QUIET_ZONE;
    steps.add(mover.move(avatar, st.district, Zones.QUIET_ZONE));
    return finish(session, Zones.QUIET_ZONE, steps);
  }

  /** Sends 48 once every step completed; a step that timed out ejects the client. */
  private CompletionStage<Void> finish(ClientSession session, int zone,
      List<? extends CompletableFuture<?>> steps) {
    return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
        .handle((ok, err) -> {
          if (!session.isConnected()) {
            return null; // gone meanwhile: nothing to answer
          }
          if (err != null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null
                ? err.getCause() : err;
            if (cause instanceof NoReplyException) {
              throw new ClientProtocolException(BootCode.GENERIC, "the move to zone " + zone
                  + " did not complete in time");
            }
            throw err instanceof CompletionException c ? c : new CompletionException(err);
          }
          session.send(new DoneSetZoneResp(zone));
          return null;
        });
  }

  /** The zones an avatar in a zone sees, or empty if it may not enter the zone. */
  private Set<Integer> visibleFor(long avatar, int zone) {
    if (zone == 0 || zone == Zones.QUIET_ZONE || zone == Zones.UBER_ZONE) {
      return Set.of();
    }
    if (world.contains(zone)) {
      return world.visibleZones(zone);
    }
    return isGranted(avatar, zone) ? Set.of(zone) : Set.of();
  }

  private String forbidden(long avatar, int zone) {
    if (zone == 0) {
      return "zone 0 is not a place";
    }
    if (zone == Zones.UBER_ZONE) {
      return "zone 2 is the district's UberZone, not a place";
    }
    return "zone " + zone + " is not a playground, street visgroup or interior of the loaded"
        + " DNA world, nor granted to avatar " + avatar;
  }

  /**
   * An avatar entered a district: forgets what was known of an earlier entry (every enter
   * follows a leave, so normally there is nothing to forget).
   */
  void entered(ClientSession session, long avatarId, long districtId) {
    if (session.get(STATE).isPresent()) {
      left(session, avatarId, districtId);
    }
  }

  /** An avatar left its district: closes its interests while the client is connected. */
  void left(ClientSession session, long avatarId, long districtId) {
    State st = session.get(STATE).orElse(null);
    session.set(STATE, null);
    if (st == null || !session.isConnected()) {
      return;
    }
    if (st.globalsOpen) {
      ignoreFailure(session.removeInterest(GLOBALS), session, GLOBALS);
    }
    if (st.viewOpen) {
      ignoreFailure(session.removeInterest(VIEW), session, VIEW);
    }
  }

  private void ignoreFailure(CompletableFuture<Void> f, ClientSession session, int interest) {
    f.whenComplete((ok, err) -> {
      if (err != null) {
        log.debug("zones: closing interest {} of {}: {}", interest, session.accountName(),
            err.toString());
      }
    });
  }

  @Override
  public OptionalInt zoneOf(ClientSession session) {
    State st = session.get(STATE).orElse(null);
    if (st == null || st.zone == 0) {
      return OptionalInt.empty();
    }
    OptionalLong now = districts.get().map(d -> d.districtOf(session))
        .orElse(OptionalLong.empty());
    return now.isPresent() && now.getAsLong() == st.district ? OptionalInt.of(st.zone)
        : OptionalInt.empty();
  }

  @Override
  public Set<Integer> visibleZones(int zone) {
    if (zone == 0 || zone == Zones.QUIET_ZONE || zone == Zones.UBER_ZONE) {
      return Set.of();
    }
    if (world.contains(zone)) {
      return world.visibleZones(zone);
    }
    synchronized (grants) {
      for (Map<Integer, Integer> zones : grants.values()) {
        if (zones.containsKey(zone)) {
          return Set.of(zone);
        }
      }
    }
    return Set.of();
  }

  @Override
  public Registration grant(long avatarId, int zone) {
    if (zone < 1 || zone > 0xFFFF) {
      throw new IllegalArgumentException("zone " + zone + " is outside 1-65535");
    }
    if (zone == Zones.QUIET_ZONE || zone == Zones.UBER_ZONE) {
      throw new IllegalArgumentException("zone " + zone + " cannot be granted (the quiet zone"
          + " and the UberZone are not places)");
    }
    synchronized (grants) {
      grants.computeIfAbsent(avatarId, a -> new HashMap<>()).merge(zone, 1, Integer::sum);
    }
    boolean[] closed = {false};
    return () -> {
      synchronized (grants) {
        if (closed[0]) {
          return;
        }
        closed[0] = true;
        Map<Integer, Integer> zones = grants.get(avatarId);
        if (zones != null) {
          zones.computeIfPresent(zone, (z, n) -> n > 1 ? n - 1 : null);
          if (zones.isEmpty()) {
            grants.remove(avatarId);
          }
        }
      }
    };
  }

  /** {@return whether a zone is granted to an avatar now} */
  boolean isGranted(long avatarId, int zone) {
    synchronized (grants) {
      Map<Integer, Integer> zones = grants.get(avatarId);
      return zones != null && zones.containsKey(zone);
    }
  }
}
