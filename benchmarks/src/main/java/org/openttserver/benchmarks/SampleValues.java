package org.openttserver.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcParameter;
import org.openttserver.api.dc.DcType;

/** Plausible sample values: short names, 20-byte blobs, 8-element arrays. */
final class SampleValues {
  private SampleValues() {}

  static Map<String, List<Object>> forFields(List<DcField> fields) {
    Map<String, List<Object>> out = new HashMap<>();
    for (DcField f : fields) {
      List<Object> values = new ArrayList<>();
      for (DcParameter p : f.parameters()) {
        values.add(sample(p));
      }
      out.put(f.name(), values);
    }
    return out;
  }

  private static Object sample(DcParameter p) {
    DcType t = p.type();
    Object one = p.divisor() == 1 ? (Object) 1L : (Object) 1.0;
    if (t == DcType.STRING) {
      return "Flippy Doodle";
    }
    if (t == DcType.BLOB) {
      return new byte[20];
    }
    if (t == DcType.UINT32UINT8ARRAY) {
      return Collections.nCopies(8, List.of(one, one));
    }
    if (t.isArray()) {
      return Collections.nCopies(8, one);
    }
    return t == DcType.FLOAT64 ? 1.0 : one;
  }
}
