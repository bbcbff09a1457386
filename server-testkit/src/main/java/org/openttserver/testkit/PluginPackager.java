package org.openttserver.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Turns the plugin under test into the jar an installation would get. A plugin being developed
 * is a directory of compiled classes ({@code target/classes}) with its {@code plugin.properties}
 * at the top (from {@code src/main/resources}); this packs that directory as it is into a jar, so
 * the server loads it exactly as it loads a dropped-in one: its own PF4J class loader, its
 * metadata read from the same file. A class already in a jar (the built plugin) is copied.
 */
final class PluginPackager {
  /** PF4J's metadata file at the root of a plugin. */
  static final String PROPERTIES = "plugin.properties";

  private PluginPackager() {}

  /**
   * Writes the jar holding a plugin class into a directory.
   *
   * @param pluginClass the plugin's main class (any class of it will do)
   * @param into the server's drop-in directory
   * @return the jar written
   */
  static Path pack(Class<?> pluginClass, Path into) {
    Path from = codeSource(pluginClass);
    try {
      Files.createDirectories(into);
      if (Files.isRegularFile(from)) {
        return Files.copy(from, into.resolve(pluginId(from) + ".jar"));
      }
      Path jar = into.resolve(pluginId(from) + ".jar");
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream jos = new JarOutputStream(out);
          Stream<Path> files = Files.walk(from)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          jos.putNextEntry(new JarEntry(from.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, jos);
          jos.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path codeSource(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IllegalArgumentException(c.getName() + " has no code source to pack");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(source.getLocation().toString(), e);
    }
  }

  /** The {@code plugin.id} of a classes directory or a jar; fails naming what is missing. */
  static String pluginId(Path dirOrJar) throws IOException {
    Properties p = new Properties();
    if (Files.isDirectory(dirOrJar)) {
      Path file = dirOrJar.resolve(PROPERTIES);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(dirOrJar + " has no " + PROPERTIES + " (put one in "
            + "src/main/resources with plugin.id, plugin.class, plugin.version and "
            + "plugin.requires; see docs/plugins.md)");
      }
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
    } else {
      try (JarFile jar = new JarFile(dirOrJar.toFile())) {
        JarEntry e = jar.getJarEntry(PROPERTIES);
        if (e != null) {
          try (InputStream in = jar.getInputStream(e)) {
            p.load(in);
          }
        } else if (jar.getManifest() != null) {
          String id = jar.getManifest().getMainAttributes().getValue("Plugin-Id");
          if (id != null) {
            return id;
          }
        }
      }
    }
    String id = p.getProperty("plugin.id");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(dirOrJar + ": no plugin.id in " + PROPERTIES
          + " or Plugin-Id in the manifest");
    }
    return id.trim();
  }

  /** The built-in plugins the kit carries. */
  static final List<String> BUILTIN = List.of("login", "avatars", "names", "districts",
      "zones", "friends");
}
