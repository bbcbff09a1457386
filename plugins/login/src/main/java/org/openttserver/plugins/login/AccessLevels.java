package org.openttserver.plugins.login;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;

/**
 * The access levels the operator names: {@code plugins.login.access_levels} in the configuration
 * and the grants file {@value #FILE} in the plugin's data directory, which {@code openttserver
 * admin grant NAME LEVEL} writes (on a running or a stopped server). A name in the grants file
 * wins over the configuration. Both are applied (stored in the account) at the account's next
 * login, so a level set through {@code AccountAdmin.setAccessLevel} is replaced then by the one
 * named here; the file is read again whenever it changed. Names ignore case, as account names do.
 *
 * <p>A grant carries the time it was written ({@code name=LEVEL 2026-12-06T08:00:00Z}) and applies
 * only to an account created by then (to the second): a grant for a name nobody holds yet does not
 * make whoever creates that name later an administrator. A grant without a time (written by hand)
 * and the configuration's levels apply to whoever holds the name.
 */
final class AccessLevels {
  /** The grants file's name. */
  static final String FILE = "access-levels.properties";

  /** A grant: its level, and when it was written (epoch seconds; -1 if it does not say). */
  record Grant(int level, long grantedAtSeconds) {}

  private final Map<String, Integer> configured;
  private final Path file;
  private final Logger log;
  private FileTime readAt;
  private Map<String, Grant> granted = Map.of();

  AccessLevels(Map<String, Integer> configured, Path file, Logger log) {
    this.configured = lower(configured);
    this.file = file;
    this.log = log;
  }

  /**
   * {@return the level the operator named for an account, or null if none}
   *
   * @param accountName the account's name
   * @param creationSeconds when the account was created (epoch seconds)
   */
  synchronized Integer level(String accountName, long creationSeconds) {
    String key = accountName.toLowerCase(Locale.ROOT);
    Grant g = grants().get(key);
    if (g != null && (g.grantedAtSeconds() < 0 || creationSeconds <= g.grantedAtSeconds())) {
      return g.level();
    }
    return configured.get(key);
  }

  private Map<String, Grant> grants() {
    if (file == null) {
      return Map.of();
    }
    FileTime t = null;
    try {
      t = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      if (t == null) {
        granted = Map.of();
      } else if (!t.equals(readAt)) {
        granted = read(file);
        readAt = t;
      }
    } catch (IOException | RuntimeException e) {
      // Warned once per change of the file: it is not read again until it changes.
      readAt = t;
      log.warn("login: cannot read {} (the grants read before stay): {}", file, e.getMessage());
    }
    return granted;
  }

  /** Reads a grants file: {@code name=LEVEL} or {@code name=LEVEL GRANTED-AT} lines. */
  static Map<String, Grant> read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, Grant> out = new HashMap<>();
    for (String name : p.stringPropertyNames()) {
      String[] parts = p.getProperty(name).trim().split("\\s+");
      int level = Integer.parseInt(parts[0]);
      if (level < 0 || level > 0xFFFF || parts.length > 2) {
        throw new IllegalArgumentException(name + ": expected a level 0 to 65535 and the time of"
            + " the grant, got '" + p.getProperty(name) + "'");
      }
      long at = parts.length == 2 ? Instant.parse(parts[1]).getEpochSecond() : -1;
      out.put(name.toLowerCase(Locale.ROOT), new Grant(level, at));
    }
    return Map.copyOf(out);
  }

  private static Map<String, Integer> lower(Map<String, Integer> levels) {
    Map<String, Integer> out = new HashMap<>();
    levels.forEach((name, level) -> out.put(name.toLowerCase(Locale.ROOT), level));
    return Map.copyOf(out);
  }
}
