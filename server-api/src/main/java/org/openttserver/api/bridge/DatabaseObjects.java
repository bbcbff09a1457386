package org.openttserver.api.bridge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.dc.DcClass;

/**
 * Objects of the database role (DBSERVER_* messages to {@link BridgeSettings#databaseChannel()}).
 *
 * <p>Only {@code db} fields are stored; giving another field is an {@link
 * IllegalArgumentException} at the call. Futures complete on the participant's executor and fail
 * with a {@link BridgeException}. Writes without a reply in Astron ({@link #set}, {@link #delete})
 * complete once sent; the database applies requests of one sender in order, so a later read sees
 * them.
 *
 * <p>Example:
 *
 * <pre>{@code
 * DatabaseObjects db = ctx.bridge().database();
 * db.create(account, FieldValues.builder(account).set("setAccountName", "flippy").build())
 *     .thenCompose(id -> db.get(id, account, "setAccountName"))
 *     .thenAccept(v -> log.info("stored {}", v.string("setAccountName")));
 * }</pre>
 *
 * @since 0.2
 */
public interface DatabaseObjects {
  /**
   * Creates an object (DBSERVER_CREATE_OBJECT). Required db fields the values leave out get their
   * DC default, which the DC must give.
   *
   * @param dclass the class
   * @param values db fields of the class
   * @return the new doId; fails with {@link RefusedException} if the database refused
   * @throws IllegalArgumentException if a value is not a db field of the class, belongs to
   *     another class, or a required db field without DC default is missing
   */
  CompletableFuture<Long> create(DcClass dclass, FieldValues values);

  /**
   * Reads every stored field of an object (DBSERVER_OBJECT_GET_ALL).
   *
   * @param doId the object
   * @return the object; fails with {@link NoSuchObjectException} if there is none
   */
  CompletableFuture<StoredObject> getAll(long doId);

  /**
   * Reads some fields (DBSERVER_OBJECT_GET_FIELDS). The message carries field ids only, so the
   * caller names the class it expects; fields the object has not stored are absent from the
   * result.
   *
   * @param doId the object
   * @param dclass the object's class
   * @param fieldNames db fields of that class
   * @return the stored values among them; fails with {@link NoSuchObjectException} if the object
   *     does not exist
   * @throws IllegalArgumentException if a name is not a db field of the class, or none is given
   */
  CompletableFuture<FieldValues> get(long doId, DcClass dclass, String... fieldNames);

  /**
   * Writes fields (DBSERVER_OBJECT_SET_FIELD(S)); the database does not answer, and ignores a
   * write to a missing object.
   *
   * @param doId the object
   * @param values db fields
   * @return completes once sent
   * @throws IllegalArgumentException if a value is not a db field, or none is given
   */
  CompletableFuture<Void> set(long doId, FieldValues values);

  /**
   * Writes fields only if the named fields currently hold the expected values, all or nothing
   * (DBSERVER_OBJECT_SET_FIELDS_IF_EQUALS).
   *
   * @param doId the object
   * @param expected the values the fields must hold now
   * @param replacement the values to write; exactly the fields of {@code expected}
   * @return whether it was written and, if not, the current values; fails with {@link
   *     NoSuchObjectException} if the object does not exist
   * @throws IllegalArgumentException if the two sets differ in fields or class, or name a
   *     non-db field
   */
  CompletableFuture<ConditionalResult> setIfEquals(long doId, FieldValues expected,
      FieldValues replacement);

  /**
   * Writes one field only if it is not set (DBSERVER_OBJECT_SET_FIELD_IF_EMPTY; Astron's message
   * takes exactly one field).
   *
   * @param doId the object
   * @param value one db field
   * @return whether it was written and, if not, the current value; fails with {@link
   *     NoSuchObjectException} if the object does not exist
   * @throws IllegalArgumentException if not exactly one db field is given
   */
  CompletableFuture<ConditionalResult> setIfEmpty(long doId, FieldValues value);

  /**
   * Deletes an object (DBSERVER_OBJECT_DELETE); the database does not answer.
   *
   * @param doId the object
   * @return completes once sent
   */
  CompletableFuture<Void> delete(long doId);

  /**
   * Lists the objects of a class, a page at a time (DBSERVER_LIST_OBJECTS). Not an Astron
   * message: only our embedded database answers it; Astron's database looks objects up by doId
   * only and ignores it, so against Astron this fails with {@link NoReplyException} after the
   * bridge's timeout. Meant for start-up repairs, not for serving players.
   *
   * @param dclass the class
   * @param afterDoId list doIds above this one (0 for the first page)
   * @param max at most this many, 1 to 65535
   * @return the doIds, ascending; fewer than {@code max} means the list is complete
   * @throws IllegalArgumentException if {@code max} is out of range
   * @since 0.3
   */
  default CompletableFuture<List<Long>> list(DcClass dclass, long afterDoId, int max) {
    return CompletableFuture.failedFuture(new NoReplyException("this database cannot list "
        + "objects by class", null));
  }
}
