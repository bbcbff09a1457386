package org.openttserver.api.bridge;

import java.util.Objects;
import org.openttserver.api.dc.DcClass;

/**
 * An object as the database stores it.
 *
 * <p>Example: {@code db.getAll(doId).thenAccept(o -> log.info("{} is a {}", o.doId(),
 * o.dclass().name()))}.
 *
 * @param doId the object
 * @param dclass its class
 * @param fields the stored fields (db fields that were ever set, or have a default)
 * @since 0.2
 */
public record StoredObject(long doId, DcClass dclass, FieldValues fields) {
  /** Checks the components. */
  public StoredObject {
    Objects.requireNonNull(dclass, "dclass");
    Objects.requireNonNull(fields, "fields");
  }
}
