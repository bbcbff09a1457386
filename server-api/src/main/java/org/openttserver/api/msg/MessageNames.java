package org.openttserver.api.msg;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** Builds number-to-name tables from a catalogue class's {@code public static final int} fields. */
final class MessageNames {
  private MessageNames() {}

  /**
   * Collects the catalogue's constants; where two names share a number the first declared wins.
   */
  static Map<Integer, String> of(Class<?> catalogue) {
    Map<Integer, String> names = new HashMap<>();
    for (Field f : catalogue.getDeclaredFields()) {
      int m = f.getModifiers();
      if (f.getType() == int.class && Modifier.isStatic(m) && Modifier.isPublic(m)
          && Modifier.isFinal(m)) {
        try {
          names.putIfAbsent(f.getInt(null), f.getName());
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return Map.copyOf(names);
  }
}
