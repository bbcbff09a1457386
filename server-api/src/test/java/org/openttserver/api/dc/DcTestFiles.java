package org.openttserver.api.dc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the optional third-party reference files and our config/dc files for tests. */
final class DcTestFiles {
  private DcTestFiles() {}

  /** Walks up from the working directory looking for {@code relative}. */
  static Path find(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path p = dir.resolve(relative);
      if (Files.exists(p)) {
        return p;
      }
      Path shared = dir.resolve("..").resolve(relative).normalize();
      if (Files.exists(shared)) {
        return shared;
      }
    }
    return null;
  }

  /** The reference toon.dc, or a skipped test when it is absent. */
  static Path referenceToonDc() {
    Path p = find("shared/reference/toon.dc");
    assumeTrue(p != null, "shared/reference/toon.dc not present");
    return p;
  }

  /** Parses the reference toon.dc (skipping when absent). */
  static DcFile reference() throws IOException, DcParseException {
    return DcParser.parse(DcSource.read(referenceToonDc(), DcDialect.DC_2003));
  }

  /** Parses our demo DC, which is part of the repository. */
  static DcFile demo() throws IOException, DcParseException {
    Path p = find("config/dc/demo-toon.dc");
    Path extra = find("config/dc/openttserver.dc");
    if (p == null || extra == null) {
      throw new IOException("config/dc not found");
    }
    return DcParser.parse(List.of(
        DcSource.read(p, DcDialect.DC_2003), DcSource.read(extra, DcDialect.EXTENDED)));
  }

  /** Parses 2003-dialect text. */
  static DcFile parse2003(String text) throws DcParseException {
    return DcParser.parse(new DcSource("test.dc", text, DcDialect.DC_2003));
  }
}
