package org.openttserver.ai;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.Channels;
import org.slf4j.Logger;

/**
 * What the AI's parts share: the bridge and DC, the AI's doIds and dynamic zones, the objects
 * whose clients' requests it serves, timers and the clock. Everything runs on the participant's
 * executor.
 */
final class AiContext {
  /**
   * The first dynamic zone. Zones are 16 bits in the 2003 client; the DNA world's zones are all
   * below 20000 (hoods 1000-13000 with their streets and interiors), and 20000 and 30000 are the
   * tutorial's and the estates' hood ids, never zones, so tutorials and estates take 61000-65535.
   */
  static final int FIRST_DYNAMIC_ZONE = 61_000;
  /** The last dynamic zone. */
  static final int LAST_DYNAMIC_ZONE = 0xFFFF;

  final AstronBridge bridge;
  final DcFile dc;
  final AiSettings settings;
  final Logger log;
  final Timers timers;
  final LongSupplier clockMillis;
  private long district;
  private long nextDoId;
  private final ArrayDeque<Long> freeDoIds = new ArrayDeque<>();
  private int nextZone = FIRST_DYNAMIC_ZONE;
  private final ArrayDeque<Integer> freeZones = new ArrayDeque<>();
  private IntPredicate occupied = zone -> false;
  private final Map<Long, Consumer<ObjectEvent.FieldsChanged>> handlers = new HashMap<>();

  AiContext(AstronBridge bridge, DcFile dc, AiSettings settings, Logger log, Timers timers,
      LongSupplier clockMillis) {
    this.bridge = bridge;
    this.dc = dc;
    this.settings = settings;
    this.log = log;
    this.timers = timers;
    this.clockMillis = clockMillis;
    this.nextDoId = settings.firstDoId();
  }

  long district() {
    return district;
  }

  void district(long district) {
    this.district = district;
  }

  /**
   * {@return a doId of the AI's range, or empty when all are in use} Fresh ids come first: a
   * deleted object's id is handed out again only once the range is used up, the longest freed
   * first, so a client that still holds the old object (its delete in flight) does not meet a new
   * object of another class under the same id.
   */
  OptionalLong takeDoId() {
    if (nextDoId <= settings.lastDoId()) {
      return OptionalLong.of(nextDoId++);
    }
    if (!freeDoIds.isEmpty()) {
      return OptionalLong.of(freeDoIds.poll());
    }
    return OptionalLong.empty();
  }

  /** {@return the highest doId handed out so far} */
  long lastDoIdUsed() {
    return nextDoId - 1;
  }

  /**
   * {@return a zone no other tutorial or estate of this district has and no toon of the district
   * stands in, or empty if none is left} A freed zone waits until the last toon left it (one that
   * declined its tutorial but stayed, a visitor who ignored being sent away): otherwise that toon
   * would stand in a stranger's next tutorial or estate.
   */
  OptionalInt takeZone() {
    for (Iterator<Integer> it = freeZones.iterator(); it.hasNext(); ) {
      int zone = it.next();
      if (!occupied.test(zone)) {
        it.remove();
        return OptionalInt.of(zone);
      }
    }
    if (nextZone >= LAST_DYNAMIC_ZONE) { // the last one is the estates' shared overflow zone
      return OptionalInt.empty();
    }
    return OptionalInt.of(nextZone++);
  }

  void giveZone(int zone) {
    freeZones.add(zone);
  }

  /** Tells {@link #takeZone} which zones a toon of the district stands in now. */
  void occupied(IntPredicate occupied) {
    this.occupied = occupied;
  }

  /**
   * Makes an object of the district in a zone; clients' requests on it go to a handler.
   *
   * @param cls its class
   * @param zone its zone
   * @param required its required fields (those left out take the DC's defaults)
   * @param other ram fields that are not required, or null
   * @param handler its clients' requests, or null
   * @return its doId, or empty when the AI's doIds are all in use (logged)
   */
  OptionalLong create(DcClass cls, int zone, FieldValues required, FieldValues other,
      Consumer<ObjectEvent.FieldsChanged> handler) {
    OptionalLong id = takeDoId();
    if (id.isEmpty()) {
      log.warn("ai: all doIds of ai.do_ids are in use; no {} made", cls.name());
      return id;
    }
    long doId = id.getAsLong();
    bridge.objects().createObject(doId, district, zone, required,
        other != null ? other : FieldValues.empty(cls));
    bridge.objects().setAi(doId, settings.channel());
    if (handler != null) {
      handlers.put(doId, handler);
    }
    return id;
  }

  /** Deletes an object made by {@link #create} and gives its doId back. */
  void delete(long doId) {
    handlers.remove(doId);
    bridge.objects().deleteRam(doId);
    freeDoIds.add(doId);
  }

  /** {@return whether a handler took a client's request on one of the AI's objects} */
  boolean handle(ObjectEvent.FieldsChanged f) {
    Consumer<ObjectEvent.FieldsChanged> h = handlers.get(f.doId());
    if (h == null) {
      return false;
    }
    h.accept(f);
    return true;
  }

  /** Lets a toon enter zones (the zones plugin, on the extension's channel). */
  void grant(long avatarId, Collection<Integer> zones) {
    zoneMessage("grantZones", avatarId, zones);
  }

  /** Takes zones back from a toon. */
  void revoke(long avatarId, Collection<Integer> zones) {
    zoneMessage("revokeZones", avatarId, zones);
  }

  private void zoneMessage(String field, long avatarId, Collection<Integer> zones) {
    DcClass d = dc.dclass("OpenTTDistrict");
    if (d.findField(field).isEmpty()) {
      log.warn("ai: the DC's OpenTTDistrict has no {}; load config/dc/openttserver.dc", field);
      return;
    }
    bridge.clients().sendFields(settings.extensionChannel(), district,
        FieldValues.builder(d).set(field, avatarId, List.copyOf(zones)).build());
  }

  /** Sends a field of an object to one toon's client only. */
  void tell(long avatarId, long doId, FieldValues values) {
    bridge.clients().sendFields(Channels.avatar(avatarId), doId, values);
  }

  /** Sets fields of an object (broadcast to its zone, kept when ram). */
  void set(long doId, FieldValues values) {
    bridge.objects().setFields(doId, values);
  }

  /** {@return the 2003 client's network time now: hundredths of a second, 16 bits, signed} */
  long timestamp() {
    return (short) ((clockMillis.getAsLong() / 10) & 0xFFFF);
  }
}
