package org.openttserver.runtime.dc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParseException;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.files.ClientFiles;
import org.openttserver.runtime.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the DC files of the configuration: the client's 2003 file first (strict 2003 dialect),
 * then our additions (extended dialect). When the client's file is missing, the configured
 * stand-in is used so the server still starts, with a warning that real clients need it. A
 * missing client file is first looked for where the user may have left it: in the client's phase
 * tree ({@code etc/phase_3/etc/toon.dc}) or inside {@code etc/phase_3.mf}.
 */
public final class DcLoader {
  private static final Logger log = LoggerFactory.getLogger(DcLoader.class);

  private DcLoader() {}

  /**
   * What was loaded.
   *
   * @param file the parsed classes of every file, in order
   * @param paths the files read
   * @param clientHash the 2003 hash of the client's file (the first one), as clients send it
   */
  public record Loaded(DcFile file, List<Path> paths, long clientHash) {}

  /**
   * Loads the files.
   *
   * @param configured {@code general.dc_files}, resolved against the working directory
   * @param fallback {@code general.dc_fallback}: used in place of the first file when it is
   *     missing; null for none
   * @param configFile for messages
   * @return the loaded files
   * @throws ConfigException naming the file, line and column of a syntax error, or a missing file
   */
  public static Loaded load(List<Path> configured, Path fallback, Path configFile) {
    if (configured.isEmpty()) {
      throw new ConfigException(configFile + ": key 'general.dc_files': expected a list of DC "
          + "files (the client's toon.dc first, e.g. [etc/toon.dc, config/dc/openttserver.dc])");
    }
    List<Path> paths = new ArrayList<>(configured);
    List<DcSource> sources = new ArrayList<>();
    Optional<ClientFiles.Found> inClient = Files.isRegularFile(paths.get(0)) ? Optional.empty()
        : fromClientFiles(paths.get(0), configFile);
    if (inClient.isPresent()) {
      // etc/phase_3/etc/toon.dc, or still inside etc/phase_3.mf
      ClientFiles.Found f = inClient.get();
      sources.add(new DcSource(f.origin(), new String(f.bytes(), StandardCharsets.ISO_8859_1),
          DcDialect.DC_2003));
      paths.set(0, Path.of(f.origin()));
    } else if (!Files.isRegularFile(paths.get(0)) && fallback != null) {
      log.warn("{} not found: running on the stand-in {}; copy your 2003 client's toon.dc to {} "
          + "to serve real clients", paths.get(0), fallback, paths.get(0));
      paths.set(0, fallback);
    }
    for (int i = sources.size(); i < paths.size(); i++) {
      Path p = paths.get(i);
      try {
        sources.add(DcSource.read(p, i == 0 ? DcDialect.DC_2003 : DcDialect.EXTENDED));
      } catch (IOException e) {
        throw new ConfigException(configFile + ": key 'general.dc_files[" + i + "]': cannot read "
            + p + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    DcFile file;
    try {
      file = DcParser.parse(sources);
    } catch (DcParseException e) {
      throw new ConfigException(e.getMessage());
    }
    long hash = file.hash2003(1);
    log.info("DC files {}: {} classes, {} fields; client DC hash {}", paths,
        file.classes().size(), file.fields().size(), hash);
    return new Loaded(file, List.copyOf(paths), hash);
  }

  /** The client's DC file by its place in the client, under the configured file's directory. */
  private static Optional<ClientFiles.Found> fromClientFiles(Path configured, Path configFile) {
    Path dir = configured.toAbsolutePath().getParent();
    try {
      return ClientFiles.find(List.of(dir), "phase_3/etc/" + configured.getFileName());
    } catch (IOException e) {
      throw new ConfigException(configFile + ": key 'general.dc_files[0]': " + configured
          + " is missing and the client's files next to it cannot be read: " + e.getMessage());
    }
  }
}
