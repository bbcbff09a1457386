package org.openttserver.runtime.dc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;

/**
 * A class as the cluster roles see it: every field it has by Astron global id (own and
 * inherited from all parents), and its REQ list (required atomic fields in global-id order).
 */
public final class ClusterClass {
  private final DcClass dclass;
  private final Map<Integer, DcField> byId = new HashMap<>();
  private final List<DcField> fields;
  private final List<DcField> required;

  ClusterClass(DcClass dclass) {
    this.dclass = dclass;
    Map<String, DcField> byName = new LinkedHashMap<>();
    collect(dclass, byName);
    List<DcField> all = new ArrayList<>(byName.values());
    all.sort(Comparator.comparingInt(DcField::globalId));
    fields = List.copyOf(all);
    List<DcField> req = new ArrayList<>();
    for (DcField f : fields) {
      byId.put(f.globalId(), f);
      if (RoutingKeywords.required(f) && !f.isMolecular()) {
        req.add(f);
      }
    }
    required = List.copyOf(req);
  }

  /** Parents first, so a field redeclared by a subclass replaces the inherited one. */
  private static void collect(DcClass c, Map<String, DcField> byName) {
    for (DcClass p : c.parents()) {
      collect(p, byName);
    }
    for (DcField f : c.ownFields()) {
      byName.remove(f.name());
      byName.put(f.name(), f);
    }
  }

  /** {@return the DC class} */
  public DcClass dclass() {
    return dclass;
  }

  /** {@return the class id on the cluster wire} */
  public int id() {
    return dclass.number();
  }

  /**
   * Finds a field of this class.
   *
   * @param globalId the Astron field id
   * @return the field, or null if the class has none with that id
   */
  public DcField field(int globalId) {
    return byId.get(globalId);
  }

  /** {@return every field, in global-id order} */
  public List<DcField> fields() {
    return fields;
  }

  /** {@return the required atomic fields in global-id order (Astron's REQ)} */
  public List<DcField> required() {
    return required;
  }

  @Override
  public String toString() {
    return dclass.name();
  }
}
