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
 * then our additions (extended dialect); a file in Astron's dialect loads as such, detected or
 * declared ({@code general.dc_dialects}, see {@link #detect}). When the client's file is missing, the configured
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
   * @param clientHash the hash clients send: the 2003 hash of the client's file (the first one),
   *     or Astron's legacy hash of all the files when the first is in Astron's dialect
   */
  public record Loaded(DcFile file, List<Path> paths, long clientHash) {}

  /**
   * Parses files, each in its declared dialect or else the one detected: a file with a {@code
   * keyword}, {@code struct}, {@code typedef}, {@code import} or {@code from} declaration is in
   * Astron's dialect; any other parses in the 2003 dialect (the first file) or the extended one
   * (the others) when it can, and in Astron's dialect when only that one accepts it.
   *
   * @param sources the files; their dialect is the default, replaced unless declared
   * @param declared per file: whether its dialect was declared (never detected)
   * @return the parsed files
   * @throws DcParseException the first error, in the dialect the file was tried in first (and
   *     what Astron's dialect says, when that was tried too)
   */
  public static DcFile detect(List<DcSource> sources, List<Boolean> declared)
      throws DcParseException {
    List<DcSource> chosen = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      DcSource s = sources.get(i);
      if (!declared.get(i) && ASTRON_DECLARATION.matcher(withoutComments(s.text())).find()) {
        s = new DcSource(s.name(), s.text(), DcDialect.ASTRON);
      }
      chosen.add(s);
      if (declared.get(i) || s.dialect() == DcDialect.ASTRON) {
        continue;
      }
      try {
        DcParser.parse(chosen);
      } catch (DcParseException first) {
        if (!first.source().equals(s.name())) {
          throw first;
        }
        chosen.set(i, new DcSource(s.name(), s.text(), DcDialect.ASTRON));
        try {
          DcParser.parse(chosen);
          if (i == 0) {
            // The client's file decides the hash clients must send: say loudly why it changed.
            log.warn("{} does not parse as a 2003 DC file ({}) but does in Astron's dialect, so"
                + " it loads as an Astron file and clients must send Astron's hash; if it is the"
                + " 2003 game's toon.dc, fix that line (or declare the dialect in"
                + " general.dc_dialects)", s.name(), first.getMessage());
          }
        } catch (DcParseException astron) {
          throw new DcParseException(first.source(), first.line(), first.column(),
              first.getMessage().substring(first.getMessage().indexOf(": ", first.source()
                  .length() + 1) + 2) + " (nor does it parse in Astron's dialect: line "
                  + astron.line() + ":" + astron.column() + ": " + astron.getMessage()
                  .substring(astron.getMessage().indexOf(": ", astron.source().length() + 1) + 2)
                  + ")");
        }
      }
    }
    return DcParser.parse(chosen);
  }

  private static final java.util.regex.Pattern ASTRON_DECLARATION = java.util.regex.Pattern
      .compile("(?m)^\\s*(keyword|struct|typedef|import|from)\\s");

  private static String withoutComments(String text) {
    return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", "");
  }

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
    return load(configured, java.util.Map.of(), fallback, configFile);
  }

  /**
   * Loads the files, some in a declared dialect.
   *
   * @param configured {@code general.dc_files}, resolved against the working directory
   * @param dialects {@code general.dc_dialects}: dialect by configured file; the others are
   *     detected ({@link #detect})
   * @param fallback {@code general.dc_fallback}: used in place of the first file when it is
   *     missing; null for none
   * @param configFile for messages
   * @return the loaded files
   * @throws ConfigException naming the file, line and column of a syntax error, or a missing file
   */
  public static Loaded load(List<Path> configured, java.util.Map<Path, DcDialect> dialects,
      Path fallback, Path configFile) {
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
    List<Boolean> declared = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      declared.add(dialects.containsKey(configured.get(i)));
    }
    if (!sources.isEmpty() && declared.get(0)) {
      DcSource s0 = sources.get(0);
      sources.set(0, new DcSource(s0.name(), s0.text(), dialects.get(configured.get(0))));
    }
    for (int i = sources.size(); i < paths.size(); i++) {
      Path p = paths.get(i);
      DcDialect d = dialects.getOrDefault(configured.get(i),
          i == 0 ? DcDialect.DC_2003 : DcDialect.EXTENDED);
      try {
        sources.add(DcSource.read(p, d));
      } catch (IOException e) {
        throw new ConfigException(configFile + ": key 'general.dc_files[" + i + "]': cannot read "
            + p + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    DcFile file;
    try {
      file = detect(sources, declared);
    } catch (DcParseException e) {
      throw new ConfigException(e.getMessage());
    }
    boolean astron = file.sourceDialects().get(0) == DcDialect.ASTRON;
    long hash = astron ? file.astronHash() : file.hash2003(1);
    log.info("DC files {} ({}): {} classes, {} fields; client DC hash {} ({})", paths,
        file.sourceDialects(), file.classes().size(), file.fields().size(), hash,
        astron ? "Astron's legacy hash" : "2003 hash of the first file");
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
