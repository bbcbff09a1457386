package org.openttserver.testkit.broken;

/** Named as a Plugin-Class, but not a GamePlugin. */
public final class NotAPlugin {
  /** @param ignored anything */
  public NotAPlugin(Object ignored) {}
}
