package org.openttserver.runtime.plugin;

/** The runtime's version, which plugins' {@code Plugin-Requires} is checked against. */
public final class RuntimeVersion {
  private RuntimeVersion() {}

  /** The version plugins see. */
  public static final String VERSION = "0.1.0";
}
