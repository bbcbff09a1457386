package org.openttserver.api.bridge;

import java.util.Objects;

/**
 * The answer to a conditional database write ({@link DatabaseObjects#setIfEquals}, {@link
 * DatabaseObjects#setIfEmpty}).
 *
 * <p>Example: {@code db.setIfEmpty(id, claim).thenAccept(r -> { if (!r.ok()) log.info("taken by
 * {}", r.current()); })}.
 *
 * @param ok whether the values were written
 * @param current after a refused write, the current values of the compared fields that are set
 *     (empty when the write was done)
 * @since 0.2
 */
public record ConditionalResult(boolean ok, FieldValues current) {
  /** Checks the components. */
  public ConditionalResult {
    Objects.requireNonNull(current, "current");
  }
}
