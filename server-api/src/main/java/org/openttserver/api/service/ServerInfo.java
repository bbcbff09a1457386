package org.openttserver.api.service;

import java.util.List;

/**
 * What the server process can tell about itself: provided by the runtime (always present while
 * the server runs), for status pages and bots.
 *
 * @since 0.3
 */
public interface ServerInfo {
  /** {@return when the server started, epoch milliseconds} */
  long startedAtMillis();

  /** {@return the runtime's version} */
  String version();

  /** {@return every plugin the server found, by id, whether it runs or not} */
  List<PluginStatus> plugins();

  /**
   * One plugin.
   *
   * @param id its {@code Plugin-Id}
   * @param version its {@code Plugin-Version}
   * @param state PF4J's state: STARTED, STOPPED, DISABLED, FAILED, RESOLVED, ...
   */
  record PluginStatus(String id, String version, String state) {}
}
