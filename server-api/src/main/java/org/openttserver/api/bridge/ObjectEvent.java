package org.openttserver.api.bridge;

import java.util.Objects;

/**
 * Something a state server said about an object on a channel a plugin watches ({@link
 * LiveObjects#events}): an object entered (a location, an owner's or an AI's view), moved,
 * changed owner or AI, was deleted, or had fields set.
 *
 * <p>Example:
 *
 * <pre>{@code
 * live.events(Channels.location(district, zone), e -> {
 *   switch (e) {
 *     case ObjectEvent.Entered en -> seen.put(en.doId(), en.object());
 *     case ObjectEvent.Deleted d -> seen.remove(d.doId());
 *     case ObjectEvent.LocationChanged m -> { if (m.newZone() != zone) seen.remove(m.doId()); }
 *     default -> { }
 *   }
 * });
 * }</pre>
 *
 * @since 0.2
 */
public sealed interface ObjectEvent {
  /** {@return the watched channel the event arrived on} */
  long channel();

  /** {@return the object the event is about} */
  long doId();

  /** {@return the sender of the state server's message (who caused the change)} */
  long sender();

  /**
   * Which view an object entered.
   *
   * @since 0.2
   */
  enum View {
    /** A location (ENTER_LOCATION): only fields clients may see. */
    LOCATION,
    /** An owner (ENTER_OWNER): fields clients may see plus ownrecv fields. */
    OWNER,
    /** An AI (ENTER_AI): every required and set ram field. */
    AI
  }

  /**
   * An object entered the channel's view (STATESERVER_OBJECT_ENTER_LOCATION/OWNER/AI).
   *
   * @param channel the watched channel
   * @param sender the sender
   * @param view which view
   * @param object the snapshot it came with
   * @since 0.2
   */
  record Entered(long channel, long sender, View view, LiveObject object) implements ObjectEvent {
    /** Checks the components. */
    public Entered {
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(object, "object");
    }

    @Override
    public long doId() {
      return object.doId();
    }
  }

  /**
   * An object is moving (STATESERVER_OBJECT_CHANGING_LOCATION); a new parent of 0 means it is
   * leaving its parent (deleted or detached).
   *
   * @param channel the watched channel
   * @param sender the sender
   * @param doId the object
   * @param newParent the new parent
   * @param newZone the new zone
   * @param oldParent the old parent
   * @param oldZone the old zone
   * @since 0.2
   */
  record LocationChanged(long channel, long sender, long doId, long newParent, long newZone,
      long oldParent, long oldZone) implements ObjectEvent {}

  /**
   * An object's owner changed (STATESERVER_OBJECT_CHANGING_OWNER, sent to the old owner).
   *
   * @param channel the watched channel
   * @param sender the sender
   * @param doId the object
   * @param newOwner the new owner channel (0 for none)
   * @param oldOwner the old owner channel
   * @since 0.2
   */
  record OwnerChanged(long channel, long sender, long doId, long newOwner, long oldOwner)
      implements ObjectEvent {}

  /**
   * An object's AI changed (STATESERVER_OBJECT_CHANGING_AI).
   *
   * @param channel the watched channel
   * @param sender the sender
   * @param doId the object
   * @param newAi the new AI channel (0 for none)
   * @param oldAi the old AI channel
   * @since 0.2
   */
  record AiChanged(long channel, long sender, long doId, long newAi, long oldAi)
      implements ObjectEvent {}

  /**
   * An object left memory (STATESERVER_OBJECT_DELETE_RAM); a DBSS object stays on disk.
   *
   * @param channel the watched channel
   * @param sender the sender
   * @param doId the object
   * @since 0.2
   */
  record Deleted(long channel, long sender, long doId) implements ObjectEvent {}

  /**
   * Fields were set (STATESERVER_OBJECT_SET_FIELD or SET_FIELDS).
   *
   * <p>The message does not name the object's class. The values are those of the class the
   * bridge last saw the object with (an entry, a create, a {@code getAll}); otherwise of the
   * most derived class that declares all of the fields.
   *
   * @param channel the watched channel
   * @param sender the sender
   * @param doId the object
   * @param values the new values
   * @since 0.2
   */
  record FieldsChanged(long channel, long sender, long doId, FieldValues values)
      implements ObjectEvent {
    /** Checks the components. */
    public FieldsChanged {
      Objects.requireNonNull(values, "values");
    }
  }
}
