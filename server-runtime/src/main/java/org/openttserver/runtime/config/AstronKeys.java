package org.openttserver.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * The keys of Astron's configuration that this server does not implement. An Astron
 * configuration that uses one is refused on one line that names the key and says why, instead of
 * the generic "unknown key". A key whose value means what this server does anyway (such as
 * {@code haproxy: false}) is accepted and removed before the entry is bound.
 */
public final class AstronKeys {
  private AstronKeys() {}

  /**
   * Refuses the top-level Astron sections and keys this server has no counterpart for.
   *
   * @param root the whole configuration
   * @param file the configuration file, for messages
   * @throws ConfigException naming the first such key
   */
  public static void checkTopLevel(JsonNode root, Path file) {
    refuseIfPresent(root, "general", "eventlogger", file, "general.eventlogger",
        "this server sends no events to an event logger (the CONTROL_LOG_MESSAGE events "
            + "participants send are written to its own log)");
    refuseIfPresent(root, null, "uberdogs", file, "uberdogs",
        "2003 clients have no uberdogs; the extension declares to the client agent which "
            + "objects a client may update (CLIENTAGENT_DECLARE_OBJECT)");
    refuseIfPresent(root, null, "web", file, "web",
        "there is no status web server in this section (astrond itself does not read it either)");
  }

  /**
   * Handles the Astron client-agent keys of a {@code type: clientagent} entry: refuses those this
   * client agent cannot honour and removes those whose value is what it does anyway.
   *
   * @param entry the role entry; accepted keys are removed from it
   * @param key the entry's key path, e.g. {@code roles[0]}
   * @param file the configuration file, for messages
   * @throws ConfigException naming the first refused key
   */
  public static void checkClientAgent(ObjectNode entry, String key, Path file) {
    refuseIfPresent(entry, null, "tls", file, key + ".tls",
        "clients connect over plain TCP (astrond has no TLS either; its example's block is stale)");
    acceptOnly(entry, "haproxy", false, file, key + ".haproxy",
        "this client agent reads no PROXY protocol header; connections must come from the "
            + "clients themselves");
    if (entry.get("client") instanceof ObjectNode client) {
      acceptOnly(client, "relocate", false, file, key + ".client.relocate",
          "2003 clients have no message to move an object they own");
      JsonNode interest = client.get("add_interest");
      if (interest != null) {
        if (!"disabled".equals(interest.asText())) {
          throw notSupported(file, key + ".client.add_interest", "'" + interest.asText()
              + "' (only 'disabled')", "2003 clients send no interest messages; the "
              + "extension opens their interests");
        }
        client.remove("add_interest");
      }
    }
  }

  private static void refuseIfPresent(JsonNode root, String section, String name, Path file,
      String keyPath, String why) {
    JsonNode parent = section == null ? root : root.path(section);
    if (parent.has(name)) {
      throw notSupported(file, keyPath, null, why);
    }
  }

  private static void acceptOnly(ObjectNode node, String name, boolean accepted, Path file,
      String keyPath, String why) {
    JsonNode v = node.get(name);
    if (v == null) {
      return;
    }
    if (!v.isBoolean() || v.booleanValue() != accepted) {
      throw notSupported(file, keyPath, "'" + v.asText() + "' (only " + accepted + ")", why);
    }
    node.remove(name);
  }

  private static ConfigException notSupported(Path file, String keyPath, String value,
      String why) {
    return new ConfigException(file + ": key '" + keyPath + "': "
        + (value == null ? "" : "value " + value + " ") + "not supported: " + why);
  }
}
