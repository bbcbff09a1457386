package org.openttserver.api.bridge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcKeyword;

/**
 * A class as the cluster sees it: every field it has (own and inherited from all parents, a
 * redeclared name replacing the inherited field) by name and by Astron global id, and its REQ
 * list (required atomic fields in global-id order), which is the order of required blocks on
 * the cluster wire.
 */
final class ClassView {
  private static final Map<DcClass, ClassView> CACHE = new ConcurrentHashMap<>();

  final DcClass dclass;
  private final Map<String, DcField> byName;
  private final Map<Integer, DcField> byId = new HashMap<>();
  private final Map<DcField, Integer> order = new HashMap<>();
  final List<DcField> fields;
  final List<DcField> required;

  private ClassView(DcClass dclass) {
    this.dclass = dclass;
    Map<String, DcField> names = new LinkedHashMap<>();
    collect(dclass, names);
    List<DcField> all = new ArrayList<>(names.values());
    all.sort(Comparator.comparingInt(DcField::globalId));
    fields = List.copyOf(all);
    byName = Map.copyOf(names);
    List<DcField> req = new ArrayList<>();
    for (DcField f : fields) {
      byId.put(f.globalId(), f);
      order.put(f, order.size());
      if (f.isRequired() && !f.isMolecular()) {
        req.add(f);
      }
    }
    required = List.copyOf(req);
  }

  static ClassView of(DcClass dclass) {
    return CACHE.computeIfAbsent(dclass, ClassView::new);
  }

  private static void collect(DcClass c, Map<String, DcField> names) {
    for (DcClass p : c.parents()) {
      collect(p, names);
    }
    for (DcField f : c.ownFields()) {
      names.remove(f.name());
      names.put(f.name(), f);
    }
  }

  DcField field(String name) {
    DcField f = byName.get(name);
    if (f == null) {
      throw new IllegalArgumentException(dclass.name() + " has no field " + name);
    }
    return f;
  }

  DcField byId(int globalId) {
    return byId.get(globalId);
  }

  boolean has(DcField f) {
    return byId.get(f.globalId()) == f;
  }

  /** Position in global-id order, for sorting. */
  int index(DcField f) {
    return order.get(f);
  }

  /** The REQ fields an ENTER_* snapshot carries: all, or what clients (or the owner) see. */
  List<DcField> required(boolean clientOnly, boolean ownerView) {
    if (!clientOnly) {
      return required;
    }
    List<DcField> out = new ArrayList<>();
    for (DcField f : required) {
      if (clientVisible(f, ownerView)) {
        out.add(f);
      }
    }
    return out;
  }

  static boolean clientVisible(DcField f, boolean ownerView) {
    return f.has(DcKeyword.BROADCAST) || f.has(DcKeyword.CLRECV)
        || (ownerView && f.has(DcKeyword.P2P));
  }

  static boolean hasExplicitDefault(DcField f) {
    return f.parameters().stream().anyMatch(p -> p.hasDefault());
  }
}
