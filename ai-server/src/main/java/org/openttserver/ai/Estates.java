package org.openttserver.ai;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;

/**
 * The EstateManager: "go home" and visits to a friend's estate.
 *
 * <p>{@code getEstateZone(avId, name)} with the toon's own id opens its estate (or gives the one
 * open): a fresh zone granted to it, holding a {@code DistributedEstate} and the toon's {@code
 * DistributedHouse} (named after it, built by the client on {@code setHouseReady}), answered with
 * {@code setEstateZone(avId, zone)}. The 2003 client draws the grounds itself ({@code
 * estate_1.dna}) and places a toon without a house of its own at the estate's entry point.
 *
 * <p>With a friend's id: if that friend's estate is open and the friend is on the asker's friends
 * list, the asker gets the same zone; otherwise {@code setEstateZone(4294967295, 0)}, an owner the
 * client cannot identify, which its {@code goHome} takes as a failed visit ("Sorry, X is in a
 * toon's estate that you are not friends with.") and brings the toon back where it was. The
 * client has no timeout here, so every request is answered.
 *
 * <p>An estate lives until its owner leaves it (another zone, {@code exitEstate}, the district,
 * the game). Visitors still there are then told the owner left ({@code sendAvToPlayground(v,
 * 0)}, a notice) and, {@value #GRACE_MS} ms later, sent to their playground ({@code
 * sendAvToPlayground(v, 1)}, which the client obeys while in an estate); the estate is freed once
 * they are out, or after one more grace period. {@code removeFriend} is accepted and logged: the
 * friends plugin has already changed both lists.
 */
final class Estates implements Toons.Listener {
  /** The answer the client takes as "not a friend's estate you may visit". */
  static final long NO_OWNER = 0xFFFF_FFFFL;
  /** How long visitors get once the owner left (the client's notice says 5 seconds). */
  static final long GRACE_MS = 5_000;
  /**
   * The zone every estate shares once the dynamic zones are all in use (never handed out on its
   * own).
   */
  static final int OVERFLOW_ZONE = AiContext.LAST_DYNAMIC_ZONE;
  /** The classes an estate needs. */
  static final List<String> CLASSES = List.of("DistributedEstate", "DistributedHouse");

  /** One open estate. */
  private static final class Estate {
    final long owner;
    final int zone;
    final Set<Long> visitors = new LinkedHashSet<>();
    /** Toons that entered the zone (the owner and visitors). */
    final Set<Long> inside = new LinkedHashSet<>();
    long estate;
    long house;
    boolean closing;

    Estate(long owner, int zone) {
      this.owner = owner;
      this.zone = zone;
    }
  }

  private final AiContext ai;
  private final long manager;
  private final Toons toons;
  private final boolean available;
  private final Map<Long, Estate> byOwner = new HashMap<>();
  /** Visitor → the owner whose estate it was let into. */
  private final Map<Long, Long> visiting = new HashMap<>();

  Estates(AiContext ai, long manager, Toons toons) {
    this.ai = ai;
    this.manager = manager;
    this.toons = toons;
    List<String> missing = CLASSES.stream().filter(c -> ai.dc.findClass(c).isEmpty()).toList();
    this.available = missing.isEmpty();
    if (!available) {
      ai.log.warn("ai: the DC files lack {}: estates are empty grounds", missing);
    }
  }

  /** {@return the zone of an owner's open estate, for tests} */
  OptionalInt zoneOf(long owner) {
    Estate e = byOwner.get(owner);
    return e == null ? OptionalInt.empty() : OptionalInt.of(e.zone);
  }

  /** An EstateManager field from a toon's client. */
  void request(long avatarId, String field, List<Object> args) {
    if (avatarId == 0) {
      ai.log.info("ai: EstateManager.{} from a client with no toon; ignored", field);
      return;
    }
    switch (field) {
      case "getEstateZone" -> getEstateZone(avatarId, ((Number) args.get(0)).longValue());
      case "exitEstate" -> exit(avatarId);
      case "removeFriend" -> ai.log.info("ai: toon {} removed friend {} (EstateManager"
          + ".removeFriend: nothing to change in estates)", avatarId, args.get(1));
      default -> ai.log.info("ai: EstateManager.{} from toon {} is not a request; ignored",
          field, avatarId);
    }
  }

  private void getEstateZone(long asker, long owner) {
    if (owner == asker) {
      home(asker);
    } else {
      visit(asker, owner);
    }
  }

  private void home(long owner) {
    Estate e = byOwner.get(owner);
    if (e == null || e.closing) {
      if (e != null) {
        free(e);
      }
      e = open(owner);
    }
    ai.grant(owner, List.of(e.zone));
    answer(owner, owner, e.zone);
  }

  /**
   * Opens an owner's estate. It cannot fail: the client's own "go home" has no failure path that
   * works (its failure message names the visited toon, and there is none), so with no dynamic
   * zone left the toon goes to the shared {@link #OVERFLOW_ZONE}, and with no doId or estate
   * classes left the estate has no objects (the client draws it all the same).
   */
  private Estate open(long owner) {
    OptionalInt zone = ai.takeZone();
    if (zone.isEmpty()) {
      ai.log.warn("ai: no dynamic zone left for toon {}'s estate; it shares zone {}", owner,
          OVERFLOW_ZONE);
    }
    Estate e = new Estate(owner, zone.orElse(OVERFLOW_ZONE));
    byOwner.put(owner, e);
    if (available) {
      DcClass estate = ai.dc.dclass("DistributedEstate");
      ai.create(estate, e.zone, FieldValues.builder(estate).set("setEstateType", 0L).build(),
          null, null).ifPresent(id -> e.estate = id);
      house(e);
    }
    ai.log.info("ai: toon {}'s estate is open in zone {}", owner, e.zone);
    return e;
  }

  /** The owner's house, named once its name is read (the client builds it on setHouseReady). */
  private void house(Estate e) {
    DcClass toon = ai.dc.dclass("DistributedToon");
    ai.bridge.objects().getFields(e.owner, toon, "setName").whenComplete((v, err) -> {
      if (byOwner.get(e.owner) != e || e.closing) {
        return;
      }
      String name = err == null ? v.find("setName").map(a -> (String) a.get(0)).orElse("") : "";
      DcClass house = ai.dc.dclass("DistributedHouse");
      ai.create(house, e.zone, FieldValues.builder(house).set("setHousePos", 0L)
          .set("setHouseType", 0L).set("setGardenPos", 0L).set("setAvatarId", e.owner)
          .set("setName", name).set("setColor", 0L).build(),
          FieldValues.builder(house).set("setHouseReady").build(), null)
          .ifPresent(h -> e.house = h);
    });
  }

  private void visit(long visitor, long owner) {
    Estate e = byOwner.get(owner);
    if (e == null || e.closing) {
      ai.log.info("ai: toon {} asks for toon {}'s estate, which is not open; refused", visitor,
          owner);
      answer(visitor, NO_OWNER, 0);
      return;
    }
    DcClass toon = ai.dc.dclass("DistributedToon");
    ai.bridge.objects().getFields(visitor, toon, "setFriendsList").whenComplete((v, err) -> {
      boolean friend = err == null && v.find("setFriendsList").map(a -> (List<?>) a.get(0))
          .orElse(List.of()).stream().anyMatch(p -> ((Number) ((List<?>) p).get(0)).longValue()
              == owner);
      if (toons.zoneOf(visitor).isEmpty()) {
        // It left while its friends list was read: nothing would ever take its grant back.
        ai.log.info("ai: toon {} asked for toon {}'s estate and left the district meanwhile;"
            + " ignored", visitor, owner);
        return;
      }
      if (!friend || byOwner.get(owner) != e || e.closing) {
        ai.log.info("ai: toon {} asks for toon {}'s estate but is not its friend (or it"
            + " closed); refused", visitor, owner);
        answer(visitor, NO_OWNER, 0);
        return;
      }
      e.visitors.add(visitor);
      visiting.put(visitor, owner);
      ai.grant(visitor, List.of(e.zone));
      answer(visitor, owner, e.zone);
      ai.log.info("ai: toon {} visits toon {}'s estate (zone {})", visitor, owner, e.zone);
    });
  }

  private void answer(long avatarId, long owner, int zone) {
    DcClass em = ai.dc.dclass("EstateManager");
    ai.tell(avatarId, manager, FieldValues.builder(em).set("setEstateZone", owner, (long) zone)
        .build());
  }

  /** exitEstate: the client unloaded the estate. */
  private void exit(long avatarId) {
    if (byOwner.containsKey(avatarId)) {
      ownerLeft(byOwner.get(avatarId));
    } else if (visiting.containsKey(avatarId)) {
      visitorLeft(avatarId);
    } else {
      ai.log.info("ai: exitEstate from toon {}, which is in no estate; ignored", avatarId);
    }
  }

  private void ownerLeft(Estate e) {
    if (e.closing) {
      return;
    }
    e.closing = true;
    ai.revoke(e.owner, List.of(e.zone));
    e.inside.remove(e.owner);
    DcClass em = ai.dc.dclass("EstateManager");
    for (long v : List.copyOf(e.visitors)) {
      ai.tell(v, manager, FieldValues.builder(em).set("sendAvToPlayground", v, 0L).build());
    }
    ai.log.info("ai: toon {} left its estate (zone {}); {} visitor(s) to send away", e.owner,
        e.zone, e.visitors.size());
    if (e.visitors.isEmpty()) {
      free(e);
      return;
    }
    ai.timers.after(GRACE_MS, () -> {
      if (byOwner.get(e.owner) != e) {
        return;
      }
      for (long v : List.copyOf(e.visitors)) {
        ai.tell(v, manager, FieldValues.builder(em).set("sendAvToPlayground", v, 1L).build());
      }
      ai.timers.after(GRACE_MS, () -> {
        if (byOwner.get(e.owner) == e) {
          free(e);
        }
      });
    });
  }

  private void visitorLeft(long visitor) {
    Long owner = visiting.remove(visitor);
    Estate e = owner == null ? null : byOwner.get(owner);
    if (e == null) {
      return;
    }
    e.visitors.remove(visitor);
    e.inside.remove(visitor);
    ai.revoke(visitor, List.of(e.zone));
    if (e.closing && e.visitors.isEmpty()) {
      free(e);
    }
  }

  private void free(Estate e) {
    if (byOwner.get(e.owner) == e) {
      byOwner.remove(e.owner);
    }
    for (long v : List.copyOf(e.visitors)) {
      visiting.remove(v);
      ai.revoke(v, List.of(e.zone));
    }
    e.visitors.clear();
    ai.revoke(e.owner, List.of(e.zone));
    if (e.house != 0) {
      ai.delete(e.house);
    }
    if (e.estate != 0) {
      ai.delete(e.estate);
    }
    if (e.zone != OVERFLOW_ZONE) {
      ai.giveZone(e.zone);
    }
    e.closing = true;
    ai.log.info("ai: toon {}'s estate (zone {}) is freed", e.owner, e.zone);
  }

  @Override
  public void moved(long avatarId, long zone) {
    Estate own = byOwner.get(avatarId);
    if (own != null) {
      if (zone == own.zone) {
        own.inside.add(avatarId);
      } else if (own.inside.contains(avatarId)) {
        ownerLeft(own); // it was in and went elsewhere
      }
    }
    Long owner = visiting.get(avatarId);
    Estate visited = owner == null ? null : byOwner.get(owner);
    if (visited != null) {
      if (zone == visited.zone) {
        visited.inside.add(avatarId);
      } else if (visited.inside.contains(avatarId)) {
        visitorLeft(avatarId);
      }
    }
  }

  @Override
  public void left(long avatarId) {
    if (byOwner.containsKey(avatarId)) {
      ownerLeft(byOwner.get(avatarId));
    }
    if (visiting.containsKey(avatarId)) {
      visitorLeft(avatarId);
    }
  }

  /** {@return whether a toon is inside an estate now (its own or a friend's)} */
  boolean isInside(long avatarId) {
    Estate own = byOwner.get(avatarId);
    if (own != null && own.inside.contains(avatarId)) {
      return true;
    }
    Long owner = visiting.get(avatarId);
    Estate e = owner == null ? null : byOwner.get(owner);
    return e != null && e.inside.contains(avatarId);
  }

  /**
   * Sends a toon inside an estate to a playground now: the one case where the 2003 client moves
   * when the server says so ({@code sendAvToPlayground(avId, 2)}, obeyed while it is in an
   * estate, takes it to its {@code lastHood}, set first on the same path).
   *
   * @param avatarId the toon
   * @param hood the playground
   * @return whether the toon was in an estate and was sent
   */
  boolean sendToPlayground(long avatarId, int hood) {
    if (!isInside(avatarId)) {
      return false;
    }
    DcClass toon = ai.dc.dclass("DistributedToon");
    FieldValues last = FieldValues.builder(toon).set("setLastHood", (long) hood).build();
    ai.tell(avatarId, avatarId, last);
    ai.set(avatarId, last);
    DcClass em = ai.dc.dclass("EstateManager");
    ai.tell(avatarId, manager, FieldValues.builder(em).set("sendAvToPlayground", avatarId, 2L)
        .build());
    return true;
  }
}
