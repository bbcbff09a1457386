package org.openttserver.api.dc;

import java.util.List;
import java.util.Objects;

/**
 * A field together with its value (one entry per parameter, see {@link DcParameter}).
 *
 * @param field the field
 * @param values the value
 * @since 0.1
 */
public record DcFieldValue(DcField field, List<Object> values) {
  /** Checks the components. */
  public DcFieldValue {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(values, "values");
  }
}
