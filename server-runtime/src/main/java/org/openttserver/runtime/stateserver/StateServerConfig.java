package org.openttserver.runtime.stateserver;

/**
 * A {@code type: stateserver} role entry; keys as Astron's.
 *
 * @param control the control channel (objects are created there; 12 is also subscribed)
 */
public record StateServerConfig(Long control) {}
