package org.openttserver.runtime.roles;

/** A cluster role run in this process (client agent, state server, ...), as Astron's roles. */
public interface Role extends AutoCloseable {
  /** Stops the role and releases what it holds; never throws. */
  @Override
  void close();
}
