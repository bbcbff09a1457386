package org.openttserver.ai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.dc.DcClass;

/**
 * The TutorialManager: what a toon whose {@code tutorialAck} is 0 gets when its client sends
 * {@code requestTutorial} (the 2003 client waits 10 s for {@code enterTutorial}, then plays
 * without it).
 *
 * <p>{@link AiSettings.Tutorial#SKIP}: the toon is marked as done and the client plays after its
 * wait. {@link AiSettings.Tutorial#OFFER}: four fresh zones (branch, street, shop, HQ), of which
 * the shop, the street and the HQ are granted to the toon; in the shop Tutorial Tom (a {@code
 * DistributedNPCToon}, generated before the room that names him), the room ({@code
 * DistributedTutorialInterior}) and its door; on the street the shop's street door and the Toon
 * HQ's two doors; in the HQ its room (an empty leaderboard), then HQ Harry (he stands on a spot
 * of the room) and its two doors. Then {@code enterTutorial} to the toon alone. The client
 * starts in the shop (its tutorial movie plays), walks out through the door to the tutorial
 * street, may visit the HQ, and walks into the tunnel to Toontown Central, which sends {@code
 * allDone}: the toon is marked ({@code setTutorialAck 1}) and everything is freed. Tom and
 * Harry answer a toon walking up with a greeting and let it walk on (there are no quests and no
 * Cog battle). Without the HQ room class the HQ's doors stay shut. A toon that leaves the
 * district or goes to any other zone
 * frees its tutorial too, unmarked, so it is offered again next time.
 */
final class Tutorials implements Toons.Listener {
  /** Tutorial Tom's NPC id (the client's name table, and the quest text's "from" NPC). */
  static final long TOM = 20_000;
  /** Tom's look: a boy dog in a shirt and shorts Make-A-Toon offers. */
  static final byte[] TOM_DNA = {'t', 1, 1, 1, 1, 2, 5, 2, 5, 1, 3, 6, 0, 6, 6};
  /** The DNA block of Tom's shop on the tutorial street (the street's "tb2" building). */
  static final int SHOP_BLOCK = 2;
  /** The DNA block of the tutorial street's Toon HQ ("tb1"). */
  static final int HQ_BLOCK = 1;
  /** The HQ officer's NPC id (the client's "Toon HQ" NPC). */
  static final long HARRY = 1000;
  /** HQ Harry's look: a boy dog in another shirt. */
  static final byte[] HARRY_DNA = {'t', 0, 1, 2, 1, 1, 3, 1, 3, 2, 8, 9, 0, 9, 9};
  /**
   * An empty leaderboard for the HQ's {@code setLeaderBoard}: the client unpickles it into
   * (avIds, names, scores); this is the protocol-0 pickle of three empty lists.
   */
  static final byte[] EMPTY_LEADERBOARD = "((lp0\n(lp1\n(lp2\ntp3\n."
      .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  /** DistributedNPCToon.setMovie mode: a greeting, and the toon walks on. */
  static final long MOVIE_REJECT = 1;
  /** The classes the tutorial needs besides the TutorialManager. */
  static final List<String> CLASSES = List.of("DistributedNPCToon", "DistributedTutorialInterior",
      "DistributedDoor");

  /** One toon's tutorial. */
  private static final class Tutorial {
    final long avatarId;
    final int branch;
    final int street;
    final int shop;
    final int hq;
    final List<Long> objects = new ArrayList<>();
    final List<Door> doors = new ArrayList<>();
    boolean arrived;
    boolean hqOpen;

    Tutorial(long avatarId, int branch, int street, int shop, int hq) {
      this.avatarId = avatarId;
      this.branch = branch;
      this.street = street;
      this.shop = shop;
      this.hq = hq;
    }

    List<Integer> zones() {
      return List.of(branch, street, shop, hq);
    }

    List<Integer> places() {
      return hqOpen ? List.of(street, shop, hq) : List.of(street, shop);
    }
  }

  private final AiContext ai;
  private final long manager;
  private final Toons toons;
  private final AiSettings.Tutorial mode;
  private final Map<Long, Tutorial> byToon = new HashMap<>();

  Tutorials(AiContext ai, long manager, Toons toons) {
    this.ai = ai;
    this.manager = manager;
    this.toons = toons;
    List<String> missing = CLASSES.stream().filter(c -> ai.dc.findClass(c).isEmpty()).toList();
    if (ai.settings.tutorial() == AiSettings.Tutorial.OFFER && !missing.isEmpty()) {
      ai.log.warn("ai: ai.tutorial is offer, but the DC files lack {}: the tutorial is skipped",
          missing);
      this.mode = AiSettings.Tutorial.SKIP;
    } else {
      this.mode = ai.settings.tutorial();
    }
  }

  /** {@return the mode in force (OFFER falls back to SKIP without the classes)} */
  AiSettings.Tutorial mode() {
    return mode;
  }

  /** {@return how many tutorials run now} */
  int running() {
    return byToon.size();
  }

  /** A TutorialManager field from a toon's client. */
  void request(long avatarId, String field) {
    if (avatarId == 0) {
      ai.log.info("ai: TutorialManager.{} from a client with no toon; ignored", field);
      return;
    }
    switch (field) {
      case "requestTutorial" -> {
        if (mode == AiSettings.Tutorial.SKIP) {
          markDone(avatarId, "requestTutorial: the tutorial is skipped");
        } else {
          offer(avatarId);
        }
      }
      case "rejectTutorial" -> {
        end(avatarId);
        markDone(avatarId, "rejectTutorial: the toon declined the tutorial");
      }
      case "toonArrived" -> {
        Tutorial t = byToon.get(avatarId);
        if (t == null) {
          ai.log.info("ai: toonArrived from toon {}, which has no tutorial; ignored", avatarId);
        } else {
          t.arrived = true;
          ai.log.info("ai: toon {} arrived in its tutorial", avatarId);
        }
      }
      case "allDone" -> {
        if (!byToon.containsKey(avatarId)) {
          ai.log.info("ai: allDone from toon {}, which has no tutorial; ignored", avatarId);
          return;
        }
        end(avatarId);
        markDone(avatarId, "allDone: the tutorial is finished");
      }
      default -> ai.log.info("ai: TutorialManager.{} from toon {} is not a request; ignored",
          field, avatarId);
    }
  }

  private void markDone(long avatarId, String why) {
    Optional<DcClass> toon = ai.dc.findClass("DistributedToon");
    if (toon.isEmpty() || toon.get().findField("setTutorialAck").isEmpty()) {
      ai.log.info("ai: {} from toon {} (the DC has no setTutorialAck)", why, avatarId);
      return;
    }
    ai.log.info("ai: {} for toon {}; it will not be asked again", why, avatarId);
    ai.set(avatarId, FieldValues.builder(toon.get()).set("setTutorialAck", 1L).build());
  }

  private void offer(long avatarId) {
    Tutorial running = byToon.get(avatarId);
    if (running != null) {
      // The client asked again: the same one, its zones granted again first (the zones plugin
      // may have dropped them, e.g. when the toon left and came back), so its SET_ZONE into the
      // shop is taken.
      ai.grant(avatarId, running.places());
      send(running);
      return;
    }
    DcClass toon = ai.dc.dclass("DistributedToon");
    ai.bridge.objects().getFields(avatarId, toon, "setTutorialAck").whenComplete((v, err) -> {
      if (err != null) {
        ai.log.warn("ai: requestTutorial from toon {}: its tutorialAck could not be read ({});"
            + " not answered (its client plays after 10 s)", avatarId, err.toString());
      } else if (v.find("setTutorialAck").map(a -> ((Number) a.get(0)).longValue()).orElse(0L)
          != 0) {
        ai.log.info("ai: requestTutorial from toon {}, which did the tutorial; ignored",
            avatarId);
      } else if (toons.zoneOf(avatarId).isEmpty()) {
        // It left while its tutorialAck was read: nothing would ever free a tutorial made now.
        ai.log.info("ai: requestTutorial from toon {}, which left the district meanwhile;"
            + " ignored", avatarId);
      } else if (!byToon.containsKey(avatarId)) {
        start(avatarId);
      }
    });
  }

  private void start(long avatarId) {
    int[] z = new int[4];
    for (int i = 0; i < 4; i++) {
      OptionalInt zone = ai.takeZone();
      if (zone.isEmpty()) {
        for (int j = 0; j < i; j++) {
          ai.giveZone(z[j]);
        }
        ai.log.warn("ai: no dynamic zone left for toon {}'s tutorial; it plays without", avatarId);
        return;
      }
      z[i] = zone.getAsInt();
    }
    Tutorial t = new Tutorial(avatarId, z[0], z[1], z[2], z[3]);
    byToon.put(avatarId, t);
    if (!build(t)) {
      end(avatarId);
      return;
    }
    ai.grant(avatarId, t.places());
    send(t);
    ai.log.info("ai: toon {} starts the tutorial: branch {}, street {}, shop {}, HQ {}",
        avatarId, t.branch, t.street, t.shop, t.hq);
  }

  /** Tom, the shop and its door, the street door: in this order (the room names Tom). */
  private boolean build(Tutorial t) {
    DcClass npc = ai.dc.dclass("DistributedNPCToon");
    OptionalLong tom = ai.create(npc, t.shop, FieldValues.builder(npc).set("setName", "Tutorial Tom")
        .set("setDNAString", (Object) TOM_DNA).set("setPositionIndex", 0L).build(), null,
        f -> greet(t, TOM, f));
    if (tom.isEmpty()) {
      return false;
    }
    t.objects.add(tom.getAsLong());
    DcClass room = ai.dc.dclass("DistributedTutorialInterior");
    OptionalLong interior = ai.create(room, t.shop, FieldValues.builder(room)
        .set("setZoneIdAndBlock", (long) t.shop, (long) SHOP_BLOCK)
        .set("setTutorialNpcId", tom.getAsLong()).build(), null, null);
    if (interior.isEmpty()) {
      return false;
    }
    t.objects.add(interior.getAsLong());
    Door inside = new Door(ai, t.shop, a -> a == t.avatarId);
    Door outside = new Door(ai, t.street, a -> a == t.avatarId);
    t.doors.add(inside);
    t.doors.add(outside);
    if (inside.create(Door.INT_STANDARD, SHOP_BLOCK, 0).isEmpty()
        || outside.create(Door.EXT_STANDARD, SHOP_BLOCK, 0).isEmpty()) {
      return false;
    }
    inside.leadsTo(t.street, outside.doId());
    outside.leadsTo(t.shop, inside.doId());
    return hq(t);
  }

  /**
   * The Toon HQ, where the DC has its room: the room, then HQ Harry (he stands on a spot of the
   * room, so after it), its two inside doors and the two street doors they pair with. Without
   * the room class the HQ's doors stay shut.
   */
  private boolean hq(Tutorial t) {
    Optional<DcClass> room = ai.dc.findClass("DistributedHQInterior");
    if (room.isEmpty()) {
      return true;
    }
    OptionalLong interior = ai.create(room.get(), t.hq, FieldValues.builder(room.get())
        .set("setZoneIdAndBlock", (long) t.hq, (long) HQ_BLOCK)
        .set("setLeaderBoard", (Object) EMPTY_LEADERBOARD).build(), null, null);
    if (interior.isEmpty()) {
      return false;
    }
    t.objects.add(interior.getAsLong());
    DcClass npc = ai.dc.dclass("DistributedNPCToon");
    OptionalLong harry = ai.create(npc, t.hq, FieldValues.builder(npc).set("setName", "HQ Harry")
        .set("setDNAString", (Object) HARRY_DNA).set("setPositionIndex", 0L).build(), null,
        f -> greet(t, HARRY, f));
    if (harry.isEmpty()) {
      return false;
    }
    t.objects.add(harry.getAsLong());
    for (int i = 0; i < 2; i++) {
      Door inside = new Door(ai, t.hq, a -> a == t.avatarId);
      Door outside = new Door(ai, t.street, a -> a == t.avatarId);
      t.doors.add(inside);
      t.doors.add(outside);
      if (inside.create(Door.INT_HQ, HQ_BLOCK, i).isEmpty()
          || outside.create(Door.EXT_HQ, HQ_BLOCK, i).isEmpty()) {
        return false;
      }
      inside.leadsTo(t.street, outside.doId());
      outside.leadsTo(t.hq, inside.doId());
    }
    t.hqOpen = true;
    return true;
  }

  private void send(Tutorial t) {
    DcClass tm = ai.dc.dclass("TutorialManager");
    ai.tell(t.avatarId, manager, FieldValues.builder(tm).set("enterTutorial", (long) t.branch,
        (long) t.street, (long) t.shop, (long) t.hq).build());
  }

  /**
   * Tom and Harry: a toon walking up gets a greeting (or a tip) and walks on; nothing else is
   * served (no ToonTasks).
   */
  private void greet(Tutorial t, long npcId, ObjectEvent.FieldsChanged f) {
    long avatarId = f.sender() & 0xFFFF_FFFFL;
    for (String field : f.values().names()) {
      if (!field.equals("avatarEnter") || avatarId != t.avatarId) {
        ai.log.info("ai: DistributedNPCToon.{} from toon {} on NPC {} of toon {}'s tutorial;"
            + " ignored", field, avatarId, f.doId(), t.avatarId);
        continue;
      }
      DcClass npc = ai.dc.dclass("DistributedNPCToon");
      ai.tell(avatarId, f.doId(), FieldValues.builder(npc).set("setMovie", MOVIE_REJECT, npcId,
          avatarId, List.of(), ai.timestamp()).build());
    }
  }

  /** Frees a toon's tutorial: zones taken back, objects deleted. */
  private void end(long avatarId) {
    Tutorial t = byToon.remove(avatarId);
    if (t == null) {
      return;
    }
    ai.revoke(avatarId, t.places());
    t.doors.forEach(Door::remove);
    // The room before Tom, the reverse of their creation.
    for (int i = t.objects.size() - 1; i >= 0; i--) {
      ai.delete(t.objects.get(i));
    }
    t.zones().forEach(ai::giveZone);
    ai.log.info("ai: toon {}'s tutorial is freed", avatarId);
  }

  @Override
  public void moved(long avatarId, long zone) {
    Tutorial t = byToon.get(avatarId);
    if (t != null && zone != 1 && !t.zones().contains((int) zone)) {
      ai.log.info("ai: toon {} went to zone {} without finishing the tutorial", avatarId, zone);
      end(avatarId);
    }
  }

  @Override
  public void left(long avatarId) {
    if (byToon.containsKey(avatarId)) {
      ai.log.info("ai: toon {} left the district during the tutorial", avatarId);
      end(avatarId);
    }
  }

  /** {@return the zones of a toon's tutorial (branch, street, shop, HQ), for tests} */
  Optional<List<Integer>> zonesOf(long avatarId) {
    return Optional.ofNullable(byToon.get(avatarId)).map(Tutorial::zones);
  }
}
