package org.openttserver.plugins.login;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;

/**
 * The access levels the operator names: {@code plugins.login.access_levels} in the configuration
 * and the grants file {@value #FILE} in the plugin's data directory, which {@code openttserver
 * admin grant NAME LEVEL} writes (on a running or a stopped server). A name in the grants file
 * wins over the configuration. Both apply at the account's next login; the file is read again
 * whenever it changed. Names ignore case, as account names do.
 */
final class AccessLevels {
  /** The grants file's name. */
  static final String FILE = "access-levels.properties";

  private final Map<String, Integer> configured;
  private final Path file;
  private final Logger log;
  private FileTime readAt;
  private Map<String, Integer> granted = Map.of();

  AccessLevels(Map<String, Integer> configured, Path file, Logger log) {
    this.configured = lower(configured);
    this.file = file;
    this.log = log;
  }

  /** {@return the level the operator named for an account, or null if none} */
  synchronized Integer level(String accountName) {
    String key = accountName.toLowerCase(Locale.ROOT);
    Integer g = grants().get(key);
    return g != null ? g : configured.get(key);
  }

  private Map<String, Integer> grants() {
    if (file == null) {
      return Map.of();
    }
    try {
      FileTime t = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      if (t == null) {
        granted = Map.of();
      } else if (!t.equals(readAt)) {
        granted = read(file);
        readAt = t;
      }
    } catch (IOException | IllegalArgumentException e) {
      log.warn("login: cannot read {}: {}", file, e.getMessage());
    }
    return granted;
  }

  /** Reads a grants file: {@code name=level} lines. */
  static Map<String, Integer> read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, Integer> out = new HashMap<>();
    for (String name : p.stringPropertyNames()) {
      int level = Integer.parseInt(p.getProperty(name).trim());
      if (level < 0 || level > 0xFFFF) {
        throw new IllegalArgumentException(name + ": level " + level + " is not 0 to 65535");
      }
      out.put(name.toLowerCase(Locale.ROOT), level);
    }
    return Map.copyOf(out);
  }

  private static Map<String, Integer> lower(Map<String, Integer> levels) {
    Map<String, Integer> out = new HashMap<>();
    levels.forEach((name, level) -> out.put(name.toLowerCase(Locale.ROOT), level));
    return Map.copyOf(out);
  }
}
