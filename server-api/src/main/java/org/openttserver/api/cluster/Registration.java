package org.openttserver.api.cluster;

/**
 * Something registered that can be removed again: a handler, a subscription, a listener.
 *
 * <p>Closing twice is harmless. Registrations made through a plugin's context are also removed
 * when the plugin stops.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Registration extends AutoCloseable {
  /** Removes what was registered. */
  @Override
  void close();
}
