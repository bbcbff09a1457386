package org.openttserver.runtime.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.openttserver.api.plugin.PluginConfig;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.config.ConfigLoader;

/** A plugin's section of the configuration file (also the test kit's, for plugin unit tests). */
public final class RuntimePluginConfig implements PluginConfig {
  private final String pluginId;
  private final ObjectNode section;
  private final boolean enabled;
  private final Path file;

  /**
   * A section.
   *
   * @param pluginId the plugin, for messages
   * @param node the section ({@code null} for none)
   * @param file the configuration file, for messages
   * @throws ConfigException if the section is not a mapping or {@code enabled} not a boolean
   */
  public RuntimePluginConfig(String pluginId, JsonNode node, Path file) {
    this.pluginId = pluginId;
    this.file = file;
    if (node == null || node.isNull()) {
      section = JsonNodeFactory.instance.objectNode();
    } else if (node.isObject()) {
      section = ((ObjectNode) node).deepCopy();
    } else {
      throw new ConfigException(file + ": key 'plugins." + pluginId
          + "': expected a mapping of keys (e.g. enabled: true)");
    }
    JsonNode e = section.remove("enabled");
    if (e != null && !e.isBoolean()) {
      throw new ConfigException(file + ": key 'plugins." + pluginId
          + ".enabled': expected true or false, got '" + e.asText() + "'");
    }
    enabled = e == null || e.booleanValue();
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public <T> T bind(Class<T> type) {
    try {
      return ConfigLoader.bind(section, type, file, "plugins." + pluginId);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
