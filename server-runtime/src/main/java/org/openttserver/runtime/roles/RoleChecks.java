package org.openttserver.runtime.roles;

import java.nio.file.Path;
import org.openttserver.api.msg.Channels;
import org.openttserver.runtime.config.ConfigException;

/** Checks of role entries that several role types share. */
public final class RoleChecks {
  private RoleChecks() {}

  /**
   * Requires a usable channel: present, not 0 and not reserved (1–999).
   *
   * @param value the configured value, or null if absent
   * @param file the configuration file, for the message
   * @param key the key path, e.g. {@code roles[1].control}
   * @param expectation what a good value is, e.g. {@code "a channel of 1000 or more, e.g. 402000"}
   * @return the channel
   * @throws ConfigException naming the key and the expectation
   */
  public static long channel(Long value, Path file, String key, String expectation) {
    if (value == null || value == 0 || Channels.isReserved(value)) {
      throw new ConfigException(file + ": key '" + key + "': expected " + expectation
          + (value == null ? "" : ", got " + value));
    }
    return value;
  }
}
