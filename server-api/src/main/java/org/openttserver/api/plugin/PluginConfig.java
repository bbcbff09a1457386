package org.openttserver.api.plugin;

/**
 * A plugin's section of the server configuration ({@code plugins.<plugin-id>} in the YAML).
 *
 * @since 0.1
 */
public interface PluginConfig {
  /** {@return false if the section says {@code enabled: false}} */
  boolean enabled();

  /**
   * Binds the section (without {@code enabled}) to a record or class of the plugin's, strictly:
   * an unknown key, a wrong type or a missing required value fails with one line naming the key,
   * the file and what was expected.
   *
   * @param type the class to bind to (a public record is simplest)
   * @param <T> the type
   * @return the bound value; defaults where the section is empty
   * @throws IllegalArgumentException with that one line
   */
  <T> T bind(Class<T> type);
}
