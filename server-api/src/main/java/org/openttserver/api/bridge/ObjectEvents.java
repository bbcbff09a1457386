package org.openttserver.api.bridge;

/**
 * Receives the {@link ObjectEvent}s of a channel registered with {@link LiveObjects#events}.
 * Called on the participant's executor, one event at a time in arrival order; it must not block.
 *
 * <p>Example: {@code live.events(Channels.location(district, 2000), e -> log.info("{}", e))}.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface ObjectEvents {
  /**
   * Handles one event.
   *
   * @param event the event
   */
  void on(ObjectEvent event);
}
