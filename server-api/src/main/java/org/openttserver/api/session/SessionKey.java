package org.openttserver.api.session;

import java.util.Objects;

/**
 * A typed key for per-session values; compare by identity, so keep one instance per key.
 *
 * @param <T> the value type
 * @since 0.1
 */
public final class SessionKey<T> {
  private final String name;
  private final Class<T> type;

  private SessionKey(String name, Class<T> type) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
  }

  /**
   * Creates a key.
   *
   * @param name a name for logs, conventionally {@code plugin-id.what}
   * @param type the value type
   * @param <T> the value type
   * @return the key
   */
  public static <T> SessionKey<T> of(String name, Class<T> type) {
    return new SessionKey<>(name, type);
  }

  /** {@return the key's name} */
  public String name() {
    return name;
  }

  /** {@return the value type} */
  public Class<T> type() {
    return type;
  }

  @Override
  public String toString() {
    return name;
  }
}
