package org.openttserver.runtime.plugin;

/** A plugin-style settings record in a package Jackson may read (the module exports it). */
public record BindTarget(Integer answer, String greeting) {}
