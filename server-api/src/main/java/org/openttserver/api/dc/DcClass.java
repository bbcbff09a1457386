package org.openttserver.api.dc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A distributed class: its name, class number, parents and fields.
 *
 * <p>Its 2003 field table ({@link #fieldTable()}) is the first parent's table followed by the
 * class's own fields; fields of second and later parents are not in it, as in the 2003 client.
 * Lookups by name and the required lists follow that table. Immutable after parsing and
 * thread-safe.
 *
 * @since 0.1
 */
public final class DcClass {
  private final String name;
  private final int number;
  private final int sourceIndex;
  private final List<DcClass> parents;
  private final boolean struct;
  private final DcDialect dialect;
  private List<DcField> ownFields = new ArrayList<>();
  private List<DcField> table;
  private Map<String, DcField> byName;
  private List<DcField> required;
  private List<DcField> requiredBroadcast;
  private ClusterClass cluster;

  DcClass(String name, int number, int sourceIndex, List<DcClass> parents) {
    this(name, number, sourceIndex, parents, false, DcDialect.DC_2003);
  }

  DcClass(String name, int number, int sourceIndex, List<DcClass> parents, boolean struct,
      DcDialect dialect) {
    this.name = name;
    this.number = number;
    this.sourceIndex = sourceIndex;
    this.struct = struct;
    this.dialect = dialect;
    this.parents = List.copyOf(parents);
    this.table = parents.isEmpty() ? new ArrayList<>() : new ArrayList<>(parents.get(0).table);
  }

  /** Adds an own field while parsing. */
  void add(DcField field) {
    ownFields.add(field);
    table.add(field);
  }

  /** {@return the number the next own field gets} */
  int nextNumber() {
    return table.size();
  }

  /** Makes the class immutable once its file is parsed. */
  void freeze() {
    ownFields = List.copyOf(ownFields);
    table = List.copyOf(table);
    Map<String, DcField> map = new HashMap<>();
    List<DcField> req = new ArrayList<>();
    List<DcField> reqB = new ArrayList<>();
    for (DcField f : table) {
      map.put(f.name(), f);
      if (f.isRequired() && !f.isMolecular()) {
        req.add(f);
        if (f.isBroadcast()) {
          reqB.add(f);
        }
      }
    }
    byName = map;
    required = List.copyOf(req);
    requiredBroadcast = List.copyOf(reqB);
    cluster = new ClusterClass(this);
  }

  /**
   * The class as Astron's roles see it: all parents' fields by global id and name, and the REQ
   * list in global-id order.
   *
   * <p>Example: {@code dc.dclass("DistributedToon").cluster().field(globalId)}.
   *
   * @return the view, the same instance on every call
   * @since 0.2
   */
  public ClusterClass cluster() {
    return cluster;
  }

  /**
   * {@return whether this is an Astron {@code struct} (a type for parameters, never an object's
   * class; not in {@link DcFile#classes()}) rather than a {@code dclass}}
   *
   * @since 0.3
   */
  public boolean isStruct() {
    return struct;
  }

  /**
   * {@return the dialect of the file that declares the class}
   *
   * @since 0.3
   */
  public DcDialect dialect() {
    return dialect;
  }

  /** {@return the class name} */
  public String name() {
    return name;
  }

  /**
   * {@return the class number: its 0-based declaration index over all loaded files (Astron's type
   * id: structs of Astron-dialect files take numbers in the same sequence)}
   */
  public int number() {
    return number;
  }

  /** {@return the index of the loaded file that declares this class} */
  public int sourceIndex() {
    return sourceIndex;
  }

  /** {@return the parents in declared order} */
  public List<DcClass> parents() {
    return parents;
  }

  /** {@return the fields declared by this class, in order} */
  public List<DcField> ownFields() {
    return ownFields;
  }

  /** {@return the 2003 inherited-field table: index = 2003 field number} */
  public List<DcField> fieldTable() {
    return table;
  }

  /**
   * Finds a field by its 2003 number (the hot path of the client agent).
   *
   * @param number the u16 id from a 2003 message
   * @return the field, or null if the number is out of range
   */
  public DcField fieldBy2003Number(int number) {
    return number >= 0 && number < table.size() ? table.get(number) : null;
  }

  /**
   * Finds a field by name in the 2003 table (an own field shadows an inherited one).
   *
   * @param fieldName the name
   * @return the field, if any
   */
  public Optional<DcField> findField(String fieldName) {
    return Optional.ofNullable(byName.get(fieldName));
  }

  /**
   * Gets a field by name, for names a plugin knows exist.
   *
   * @param fieldName the name
   * @return the field
   * @throws IllegalArgumentException if the class has no such field
   */
  public DcField field(String fieldName) {
    DcField f = byName.get(fieldName);
    if (f == null) {
      throw new IllegalArgumentException(name + " has no field " + fieldName);
    }
    return f;
  }

  /**
   * Tells whether a field is in this class's 2003 table.
   *
   * @param field any field
   * @return whether the 2003 client knows it on this class
   */
  public boolean has2003(DcField field) {
    int n = field.number2003();
    return n < table.size() && table.get(n) == field;
  }

  /** {@return all required atomic fields in table order (Astron's REQ, the 2003 details)} */
  public List<DcField> requiredFields() {
    return required;
  }

  /** {@return the required-and-broadcast atomic fields in table order (the 2003 generate)} */
  public List<DcField> requiredBroadcastFields() {
    return requiredBroadcast;
  }

  /**
   * Selects a required list.
   *
   * @param set which one
   * @return {@link #requiredFields()} or {@link #requiredBroadcastFields()}
   */
  public List<DcField> required(DcRequiredSet set) {
    return set == DcRequiredSet.ALL ? required : requiredBroadcast;
  }

  @Override
  public String toString() {
    return name + "#" + number;
  }
}
