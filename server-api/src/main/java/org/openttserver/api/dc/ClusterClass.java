package org.openttserver.api.dc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class as Astron's cluster roles see it: every field it has (own and inherited from all
 * parents, a field a subclass redeclares by name replacing the inherited one) by name and by
 * Astron global id, and its REQ list (required atomic fields in global-id order), which is the
 * order of required blocks on the cluster wire. Unlike {@link DcClass#fieldTable()} (the 2003
 * client's table) it includes the fields of second and later parents. One per class, made when
 * the DC file is parsed ({@link DcClass#cluster()}); immutable and thread-safe.
 *
 * <p>Example: {@code for (DcField f : dc.dclass("DistributedToon").cluster().required())
 * w.bytes(valueOf(f));} writes a REQ section.
 *
 * @since 0.2
 */
public final class ClusterClass {
  private final DcClass dclass;
  private final Map<Integer, DcField> byId = new HashMap<>();
  private final Map<String, DcField> byName;
  private final List<DcField> fields;
  private final List<DcField> required;

  ClusterClass(DcClass dclass) {
    this.dclass = dclass;
    Map<String, DcField> names = new LinkedHashMap<>();
    collect(dclass, names);
    byName = Map.copyOf(names);
    List<DcField> all = new ArrayList<>(names.values());
    all.sort(Comparator.comparingInt(DcField::globalId));
    fields = List.copyOf(all);
    List<DcField> req = new ArrayList<>();
    for (DcField f : fields) {
      byId.put(f.globalId(), f);
      if (f.isRequired() && !f.isMolecular()) {
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

  /**
   * Finds a field of this class by name.
   *
   * @param name the field name
   * @return the field, or null if the class has none by that name
   */
  public DcField field(String name) {
    return byName.get(name);
  }

  /**
   * Tells whether a field belongs to this class (the very field, not one of the same name).
   *
   * @param f any field
   * @return whether it is this class's field of its global id
   */
  public boolean has(DcField f) {
    return byId.get(f.globalId()) == f;
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
