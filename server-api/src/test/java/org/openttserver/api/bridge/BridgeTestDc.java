package org.openttserver.api.bridge;

import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.dc.DcDialect;

/** A small DC for bridge tests without a cluster. */
final class BridgeTestDc {
  static final DcFile DC = parse("""
      dclass Thing {
        setRequired(uint32 a) required broadcast ram db;
        setText(string t) broadcast ram db;
        setRam(uint8 x) ram;
        setPlain(uint8 x) broadcast;
      };
      """);
  static final DcClass THING = DC.dclass("Thing");

  private BridgeTestDc() {}

  private static DcFile parse(String text) {
    try {
      return DcParser.parse(new DcSource("bridge-test.dc", text, DcDialect.EXTENDED));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static FieldValues thing(long required, String text) {
    return FieldValues.builder(THING).set("setRequired", required).set("setText", text).build();
  }
}
