package org.openttserver.testclient.game;

import java.util.List;
import java.util.Optional;

/**
 * The 2003 client's trips that go through the district's managers and doors, on a {@link
 * GameClient}: the tutorial ({@code ToontownClientRepository.tutorialQuestion}, {@code
 * TutorialManager}, {@code PlayGame.enterTutorialHood}), doors ({@code DistributedDoor}, {@code
 * Place.enterDoorIn}) and going home ({@code Place.getEstateZoneAndGoHome}, {@code
 * EstateManager}). Each sends what the client sends and waits for what it waits for.
 */
public final class Trips {
  private Trips() {}

  /**
   * Where a tutorial takes place: {@code enterTutorial(branchZone, streetZone, shopZone,
   * hqZone)}.
   *
   * @param branch the street's branch zone
   * @param street the tutorial street
   * @param shop Tutorial Tom's shop, where the client starts
   * @param hq the HQ interior
   */
  public record Tutorial(int branch, int street, int shop, int hq) {}

  /**
   * Where a door leads ({@code setOtherZoneIdAndDoId}).
   *
   * @param zone the zone on the other side
   * @param door the door the toon comes out of there
   */
  public record Destination(int zone, long door) {}

  /**
   * An estate's answer: {@code setEstateZone(ownerId, zoneId)}.
   *
   * @param owner the owner (4294967295 when the client is to give up: no friend of it)
   * @param zone the estate's zone
   */
  public record Estate(long owner, int zone) {}

  /**
   * {@code tutorialQuestion}: {@code requestTutorial()} on the TutorialManager, then up to 10 s
   * (the client's wait, {@link GameClient#STEP_TIMEOUT}) for {@code enterTutorial}, applying
   * everything else as the client does meanwhile.
   *
   * @param c the client, in the district after its clock sync
   * @return the zones, or empty when none came in time (the client then plays normally)
   */
  public static Optional<Tutorial> requestTutorial(GameClient c) {
    long tm = c.held("TutorialManager").orElseThrow(() -> new AssertionError(
        "no TutorialManager: the client would wait its 10 s for nothing")).doId();
    c.sendUpdate(tm, "TutorialManager", "requestTutorial");
    // Only the wait running out means "no tutorial"; GO_GET_LOST or a closed connection fails.
    return c.awaitUpdateWithin(tm, "TutorialManager", "enterTutorial", GameClient.STEP_TIMEOUT)
        .map(z -> new Tutorial(n(z, 0), n(z, 1), n(z, 2), n(z, 3)));
  }

  /**
   * {@code playGame(Tutorial, shopZone)}: a quiet-zone pass into the shop, then {@code
   * toonArrived()} as the client enters the tutorial hood.
   *
   * @param c the client
   * @param t the tutorial
   * @return what the shop showed
   */
  public static GameClient.ZoneChange enterTutorial(GameClient c, Tutorial t) {
    GameClient.ZoneChange shop = c.quietZoneTo(t.shop());
    c.sendUpdate(c.held("TutorialManager").orElseThrow().doId(), "TutorialManager",
        "toonArrived");
    return shop;
  }

  /**
   * Walking through a door: {@code requestEnter()}, then the door's answer to this client ({@code
   * setOtherZoneIdAndDoId}) and its states until "closing", when the client leaves.
   *
   * @param c the client
   * @param door the door's doId
   * @return where it leads
   */
  public static Destination goThrough(GameClient c, long door) {
    int from = c.updates().size();
    c.sendUpdate(door, "DistributedDoor", "requestEnter");
    List<Object> to = c.awaitUpdate(door, "DistributedDoor", "setOtherZoneIdAndDoId");
    c.playUntil("door " + door + " closing", x -> x.updates().subList(from, x.updates().size())
        .stream().anyMatch(u -> u.doId() == door && isState(x, u, "setState", "closing")));
    return new Destination(n(to, 0), ((Number) to.get(1)).longValue());
  }

  /**
   * Arriving through a door ({@code how = doorIn}): a quiet-zone pass to the other side; on a
   * street, the street's own SET_ZONE of the zone it starts in ({@code Street.enter}), which must
   * generate nothing again (the client would re-run {@code generate} on live objects); then
   * {@code requestExit()} on the door there, and its exit leaf opening, when the client walks out.
   *
   * @param c the client
   * @param d where the door led
   * @param street whether the other side is a street
   * @return what the zone showed
   */
  public static GameClient.ZoneChange arrive(GameClient c, Destination d, boolean street) {
    GameClient.ZoneChange z = c.quietZoneTo(d.zone());
    if (street) {
      GameClient.ZoneChange again = c.walkTo(d.zone());
      if (!again.generated().isEmpty()) {
        throw new AssertionError("the street's own SET_ZONE(" + d.zone() + ") generated "
            + again.generated() + " again");
      }
    }
    if (!c.objects().containsKey(d.door())) {
      throw new AssertionError("door " + d.door() + " is not in zone " + d.zone()
          + " (doId2do lookup in enterDoorIn fails)");
    }
    int from = c.updates().size();
    c.sendUpdate(d.door(), "DistributedDoor", "requestExit");
    c.playUntil("door " + d.door() + " open", x -> x.updates().subList(from,
        x.updates().size()).stream().anyMatch(u -> u.doId() == d.door()
            && isState(x, u, "setExitDoorState", "open")));
    return z;
  }

  /**
   * {@code getLocalEstateZone}: {@code getEstateZone(avId, name)} on the EstateManager (the
   * account name for the toon's own estate, "" for a friend's) and its {@code setEstateZone}.
   *
   * @param c the client
   * @param owner whose estate
   * @param name the account name, or ""
   * @return the answer
   */
  public static Estate askEstate(GameClient c, long owner, String name) {
    long em = c.held("EstateManager").orElseThrow().doId();
    c.sendUpdate(em, "EstateManager", "getEstateZone", owner, name);
    List<Object> a = c.awaitUpdate(em, "EstateManager", "setEstateZone");
    return new Estate(((Number) a.get(0)).longValue(), n(a, 1));
  }

  private static boolean isState(GameClient c, org.openttserver.api.protocol.ObjectUpdateField u,
      String field, String state) {
    var v = u.value(c.dcFile().dclass("DistributedDoor"));
    return v.field().name().equals(field) && v.values().get(0).equals(state);
  }

  private static int n(List<Object> args, int i) {
    return ((Number) args.get(i)).intValue();
  }
}
