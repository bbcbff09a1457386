package org.openttserver.runtime.database;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.openttserver.api.dc.DcField;

/** Field maps of the database role, ordered by Astron global id as its replies are. */
final class DbFields {
  /** Ascending global id. */
  static final Comparator<DcField> BY_ID = Comparator.comparingInt(DcField::globalId);

  private DbFields() {}

  /** {@return a new empty map ordered by global id} */
  static Map<DcField, byte[]> map() {
    return new TreeMap<>(BY_ID);
  }
}
