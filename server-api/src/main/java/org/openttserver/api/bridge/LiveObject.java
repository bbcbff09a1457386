package org.openttserver.api.bridge;

import java.util.Objects;
import org.openttserver.api.dc.DcClass;

/**
 * A snapshot of an object a state server (or DBSS) holds: where it is, its class and field
 * values.
 *
 * <p>Which fields a snapshot holds depends on where it came from: {@link LiveObjects#getAll} gives
 * every required field and every set ram field; a location entry or a zone query gives only what
 * clients may see (broadcast or clrecv fields), an owner entry adds ownrecv fields, an AI entry
 * gives everything.
 *
 * <p>Example: {@code live.getAll(doId).thenAccept(o -> log.info("{} in zone {}", o.doId(),
 * o.zone()))}.
 *
 * @param doId the object
 * @param parent its parent doId (0 if none)
 * @param zone its zone
 * @param dclass its class
 * @param fields its field values
 * @since 0.2
 */
public record LiveObject(long doId, long parent, long zone, DcClass dclass, FieldValues fields) {
  /** Checks the components. */
  public LiveObject {
    Objects.requireNonNull(dclass, "dclass");
    Objects.requireNonNull(fields, "fields");
  }
}
