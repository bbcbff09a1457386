package org.openttserver.runtime.roles;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Creates the role for one {@code roles:} entry of a given {@code type}. */
public interface RoleType {
  /** {@return the value of {@code type:} this creates roles for} */
  String name();

  /**
   * Validates the entry and starts the role.
   *
   * @param entry the entry without its {@code type} key
   * @param key the entry's key path, e.g. {@code roles[0]}, for configuration messages
   * @param context what the server provides
   * @return the running role
   * @throws InterruptedException if interrupted while binding
   */
  Role start(ObjectNode entry, String key, RoleContext context) throws InterruptedException;

  /**
   * Validates an entry as {@link #start} does, without starting anything.
   *
   * @param entry the entry without its {@code type} key (not modified)
   * @param key the entry's key path, for configuration messages
   * @param configFile the configuration file, for messages
   * @throws org.openttserver.runtime.config.ConfigException naming the first bad key
   */
  void check(ObjectNode entry, String key, java.nio.file.Path configFile);
}
