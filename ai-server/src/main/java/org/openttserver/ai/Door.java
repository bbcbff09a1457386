package org.openttserver.ai;

import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.dc.DcClass;

/**
 * One {@code DistributedDoor} the AI runs: the 2003 client walks into its trigger and sends
 * {@code requestEnter}; the AI tells that client where the door leads ({@code
 * setOtherZoneIdAndDoId}, to it alone), announces {@code toonEnter}, and moves the door through
 * opening, open (the client walks in), closing (the client leaves for the other side) and
 * closed. On the other side the client sends {@code requestExit} to the door it arrives through:
 * {@code toonExit}, and the exit door opens (the client walks out and takes control again) and
 * closes. The client waits for these states with no timeout, so every accepted request runs to
 * the end; a request from a toon the door is not for is logged and ignored.
 */
final class Door {
  /** A street door of a toon building. */
  static final int EXT_STANDARD = 1;
  /** The inside door of a toon building. */
  static final int INT_STANDARD = 2;
  /** A street door of a Toon HQ (it has two, index 0 and 1). */
  static final int EXT_HQ = 3;
  /** An inside door of a Toon HQ. */
  static final int INT_HQ = 4;
  /** How long the door takes to open, and stays open (the client's own tracks last 1 s). */
  static final long STEP_MS = 1000;

  private final AiContext ai;
  private final DcClass cls;
  private final int zone;
  private final LongPredicate mayUse;
  private final Side enter = new Side("setState");
  private final Side exit = new Side("setExitDoorState");
  private long doId;
  private int otherZone;
  private long otherDoor;
  private boolean gone;

  /**
   * A door not made yet.
   *
   * @param ai the AI
   * @param zone its zone
   * @param mayUse which toons may go through it
   */
  Door(AiContext ai, int zone, LongPredicate mayUse) {
    this.ai = ai;
    this.cls = ai.dc.dclass("DistributedDoor");
    this.zone = zone;
    this.mayUse = mayUse;
  }

  /**
   * Makes the door.
   *
   * @param type {@link #EXT_STANDARD}, {@link #INT_STANDARD}, {@link #EXT_HQ} or {@link #INT_HQ}
   * @param block the DNA block of its building
   * @param index which door of the building (0, or 0 and 1 for an HQ)
   * @return its doId, or empty if the AI has no doId left
   */
  OptionalLong create(int type, int block, int index) {
    long ts = ai.timestamp();
    OptionalLong id = ai.create(cls, zone, FieldValues.builder(cls)
        .set("setZoneIdAndBlock", (long) zone, (long) block).set("setSwing", 3L)
        .set("setDoorType", (long) type).set("setDoorIndex", (long) index)
        .set("setState", "closed", ts).set("setExitDoorState", "closed", ts).build(), null,
        this::request);
    id.ifPresent(d -> doId = d);
    return id;
  }

  /** Where the door leads: the zone and the door a toon comes out of there. */
  void leadsTo(int zone, long door) {
    this.otherZone = zone;
    this.otherDoor = door;
  }

  long doId() {
    return doId;
  }

  /** Deletes the door; its pending movements are dropped. */
  void remove() {
    if (!gone && doId != 0) {
      gone = true;
      ai.delete(doId);
    }
  }

  private void request(ObjectEvent.FieldsChanged f) {
    long avatarId = f.sender() & 0xFFFF_FFFFL;
    for (String field : f.values().names()) {
      if (!field.equals("requestEnter") && !field.equals("requestExit")) {
        ai.log.info("ai: DistributedDoor.{} from toon {} on door {} is not a request; ignored",
            field, avatarId, doId);
        continue;
      }
      if (avatarId == 0 || !mayUse.test(avatarId)) {
        ai.log.info("ai: toon {} may not use door {} ({}); ignored", avatarId, doId, field);
        continue;
      }
      if (field.equals("requestEnter")) {
        ai.tell(avatarId, doId, FieldValues.builder(cls)
            .set("setOtherZoneIdAndDoId", (long) otherZone, otherDoor).build());
        ai.set(doId, FieldValues.builder(cls).set("toonEnter", avatarId).build());
        enter.trigger();
      } else {
        ai.set(doId, FieldValues.builder(cls).set("toonExit", avatarId).build());
        exit.trigger();
      }
    }
  }

  /** One leaf of the door (entering or leaving) and its state. */
  private final class Side {
    private final String field;
    private String state = "closed";
    /** Bumped on every change: a timer of an older change does nothing. */
    private int generation;

    Side(String field) {
      this.field = field;
    }

    void trigger() {
      switch (state) {
        case "opening" -> { } // it opens soon and takes everyone queued
        case "open" -> open(); // entering "open" again lets the newcomer through
        default -> {
          set("opening");
          later(this::open);
        }
      }
    }

    private void open() {
      set("open");
      later(() -> {
        set("closing");
        later(() -> set("closed"));
      });
    }

    private void set(String s) {
      state = s;
      generation++;
      ai.set(doId, FieldValues.builder(cls).set(field, s, ai.timestamp()).build());
    }

    private void later(Runnable r) {
      int g = generation;
      ai.timers.after(STEP_MS, () -> {
        if (g == generation && !gone) {
          r.run();
        }
      });
    }
  }
}
