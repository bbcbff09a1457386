package org.openttserver.api.bridge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.dc.DcClass;

/**
 * Objects in memory on a state server or DB-state server (STATESERVER_* and DBSS_* messages).
 *
 * <p>Creates go to {@link BridgeSettings#stateServerChannel()}, everything else to the object's
 * doId (or its parent's). Commands Astron does not answer complete once sent; the state server
 * handles one sender's messages in order. A query to a doId no state server holds gets no answer
 * from Astron and fails with {@link NoReplyException} after the timeout. Futures complete on the
 * participant's executor.
 *
 * <p>Example:
 *
 * <pre>{@code
 * LiveObjects live = ctx.bridge().objects();
 * live.createObject(doId, district, 2000, FieldValues.builder(cls).set("setName", "Flippy").build());
 * live.setOwner(doId, Channels.account(accountId));
 * live.getFields(doId, cls, "setName").thenAccept(v -> log.info("{}", v));
 * }</pre>
 *
 * @since 0.2
 */
public interface LiveObjects {
  /**
   * Creates an object on the state server (STATESERVER_CREATE_OBJECT_WITH_REQUIRED, or _OTHER
   * when ram fields are given). Required fields come from {@code fields}, the rest are ram fields
   * sent as OTHER.
   *
   * @param doId the new object's doId
   * @param parent its parent doId (0 for none)
   * @param zone its zone
   * @param fields every required field (those left out need a DC default) and any ram fields
   * @return completes once sent
   * @throws IllegalArgumentException if a required field without default is missing, a field is
   *     molecular, or a non-required field is not ram
   */
  CompletableFuture<Void> createObject(long doId, long parent, long zone, FieldValues fields);

  /**
   * Creates an object with the required fields and other ram fields given apart.
   *
   * @param doId the new object's doId
   * @param parent its parent doId
   * @param zone its zone
   * @param required required fields (those left out need a DC default)
   * @param other ram fields that are not required
   * @return completes once sent
   * @throws IllegalArgumentException as {@link #createObject(long, long, long, FieldValues)}, or
   *     if {@code required} holds a non-required field or {@code other} a required one
   */
  CompletableFuture<Void> createObject(long doId, long parent, long zone, FieldValues required,
      FieldValues other);

  /**
   * Activates a stored object on the DBSS with its stored values (DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS).
   *
   * @param doId the object (in a DBSS range)
   * @param parent its parent
   * @param zone its zone
   * @return completes once sent
   */
  CompletableFuture<Void> activate(long doId, long parent, long zone);

  /**
   * Activates a stored object with some values overridden for this activation
   * (DBSS_OBJECT_ACTIVATE_WITH_DEFAULTS_OTHER); the overrides are not written to disk.
   *
   * @param doId the object
   * @param parent its parent
   * @param zone its zone
   * @param overrides values of the object's class, ram or required fields only
   * @return completes once sent
   * @throws IllegalArgumentException if an override is neither ram nor required
   */
  CompletableFuture<Void> activate(long doId, long parent, long zone, FieldValues overrides);

  /**
   * Asks the DBSS whether an object is active (DBSS_OBJECT_GET_ACTIVATED).
   *
   * @param doId the object
   * @return whether it is in memory; {@link NoReplyException} if no DBSS serves the doId
   */
  CompletableFuture<Boolean> isActive(long doId);

  /**
   * Moves an object (STATESERVER_OBJECT_SET_LOCATION).
   *
   * @param doId the object
   * @param parent the new parent
   * @param zone the new zone
   * @return completes once sent
   */
  CompletableFuture<Void> setLocation(long doId, long parent, long zone);

  /**
   * Gives an object an owner channel (STATESERVER_OBJECT_SET_OWNER), e.g. a client's.
   *
   * @param doId the object
   * @param owner the owner channel, 0 for none
   * @return completes once sent
   */
  CompletableFuture<Void> setOwner(long doId, long owner);

  /**
   * Gives an object an AI channel explicitly (STATESERVER_OBJECT_SET_AI).
   *
   * @param doId the object
   * @param ai the AI channel
   * @return completes once sent
   */
  CompletableFuture<Void> setAi(long doId, long ai);

  /**
   * Sets fields (STATESERVER_OBJECT_SET_FIELD or SET_FIELDS), routed by their keywords; on a DBSS
   * object db fields are also written to disk.
   *
   * @param doId the object
   * @param values the values
   * @return completes once sent
   * @throws IllegalArgumentException if no value is given
   */
  CompletableFuture<Void> setFields(long doId, FieldValues values);

  /**
   * Reads fields (STATESERVER_OBJECT_GET_FIELDS). The message carries field ids only, so the
   * caller names the class; fields that are not set are absent from the result.
   *
   * @param doId the object
   * @param dclass its class
   * @param fieldNames fields of the class
   * @return the set values among them; {@link RefusedException} if the object's class lacks one
   * @throws IllegalArgumentException if a name is not a field of the class, or none is given
   */
  CompletableFuture<FieldValues> getFields(long doId, DcClass dclass, String... fieldNames);

  /**
   * Reads the AI channel an object has now (STATESERVER_OBJECT_GET_AI), set explicitly or
   * inherited from its parent.
   *
   * @param doId the object
   * @return its AI channel, 0 for none; {@link NoReplyException} if no state server holds it
   * @since 0.3
   */
  default CompletableFuture<Long> getAi(long doId) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(
        "these live objects cannot read an object's AI channel"));
  }

  /**
   * Reads an object's location, class, required and set ram fields
   * (STATESERVER_OBJECT_GET_ALL). For an inactive DBSS object the DBSS answers from disk, with
   * parent and zone 0.
   *
   * @param doId the object
   * @return the snapshot
   */
  CompletableFuture<LiveObject> getAll(long doId);

  /**
   * Lists the objects in some zones of a parent (STATESERVER_OBJECT_GET_ZONES_OBJECTS: the parent
   * answers a count, then each object answers with its snapshot, client-visible fields only).
   *
   * @param parent the parent doId
   * @param zones the zones (u32 each)
   * @return the objects in arrival order; {@link NoReplyException} if the parent or some counted
   *     objects do not answer in time
   * @throws IllegalArgumentException if no zone is given
   */
  CompletableFuture<List<LiveObject>> zoneObjects(long parent, long... zones);

  /**
   * Removes an object from memory (STATESERVER_OBJECT_DELETE_RAM); its children go too. A DBSS
   * object stays on disk.
   *
   * @param doId the object
   * @return completes once sent
   */
  CompletableFuture<Void> deleteRam(long doId);

  /**
   * Watches a channel and decodes what state servers send there into {@link ObjectEvent}s: a
   * location channel ({@code Channels.location(parent, zone)}), a parent's doId, an owner or AI
   * channel. The bridge subscribes the channel and unsubscribes it when the last watch on it, of
   * any bridge over the same participant, closes (the sender channel stays subscribed). Other
   * code that subscribes the same channel directly on the participant shares that one
   * subscription.
   *
   * @param channel the channel
   * @param listener receives the events, on the participant's executor
   * @return closes the watch
   */
  Registration events(long channel, ObjectEvents listener);
}
