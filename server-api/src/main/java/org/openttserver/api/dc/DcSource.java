package org.openttserver.api.dc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One DC file to load: a name for messages, its text and its dialect.
 *
 * @param name the file name used in {@link DcParseException} messages
 * @param text the file text (bytes read as ISO-8859-1, so every byte is one char)
 * @param dialect how strictly to parse it
 * @since 0.1
 */
public record DcSource(String name, String text, DcDialect dialect) {
  /** Checks the components. */
  public DcSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(dialect, "dialect");
  }

  /**
   * Reads a file.
   *
   * @param path the file
   * @param dialect how strictly to parse it
   * @return the source, named by the path as given
   * @throws IOException if the file cannot be read
   */
  public static DcSource read(Path path, DcDialect dialect) throws IOException {
    return new DcSource(path.toString(), Files.readString(path, StandardCharsets.ISO_8859_1), dialect);
  }
}
