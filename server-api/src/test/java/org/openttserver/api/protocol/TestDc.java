package org.openttserver.api.protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;

/** A small DC file for the DC-dependent messages, and the optional reference toon.dc. */
final class TestDc {
  private TestDc() {}

  static final String TEXT = "dclass Obj { };\n"
      + "dclass Av : Obj {\n"
      + "  setName(string = \"Toon\") required broadcast ram db;\n"
      + "  setHp(int16) required ram db;\n"
      + "  setPos(int16 / 10, int16 / 10) broadcast ram;\n"
      + "  setChat(string) broadcast clsend;\n"
      + "};\n";

  static final DcFile FILE = parse();

  /** {@code Av}: required setName (broadcast) and setHp (not broadcast); setPos, setChat. */
  static final DcClass AV = FILE.dclass("Av");

  private static DcFile parse() {
    try {
      return DcParser.parse(new DcSource("test.dc", TEXT, DcDialect.DC_2003));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Walks up from the working directory to {@code ../shared/reference/toon.dc}, or null. */
  static Path referenceToonDc() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      Path p = dir.resolve("..").resolve("shared/reference/toon.dc").normalize();
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }
}
