package org.openttserver.api.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcParameter;
import org.openttserver.api.dc.DcType;

/**
 * Field values of one distributed class, checked against the DC when they are set: immutable,
 * keyed by field, in DC order (Astron global id).
 *
 * <p>Fields are looked up by name over the class as the cluster sees it: its own fields and
 * those inherited from <em>every</em> parent (a name redeclared by a subclass means the
 * subclass's field). Each value is one entry per DC parameter in the model of {@link
 * DcParameter}; {@link Builder#set} packs it at once, so a wrong count, Java type or range is an
 * {@link IllegalArgumentException} at the call, never a malformed datagram later. Values are
 * stored as the cluster will hold them: integers come back as {@link Long}, a number with a
 * divisor is rounded to it ({@code 1.234} in a {@code /100} field reads back as {@code 1.23}).
 *
 * <p>Example:
 *
 * <pre>{@code
 * FieldValues v = FieldValues.builder(dc.dclass("DistributedToon"))
 *     .set("setName", "Flippy")
 *     .set("setDNAString", dnaBytes)
 *     .build();
 * String name = v.string("setName");
 * }</pre>
 *
 * @since 0.2
 */
public final class FieldValues {
  /** One set field: its value in the parameter model and on the wire. */
  record Entry(DcField field, List<Object> values, byte[] wire) {}

  private final ClusterClass view;
  /** By global id, so iteration is DC order. */
  private final TreeMap<Integer, Entry> entries;

  private FieldValues(ClusterClass view, TreeMap<Integer, Entry> entries) {
    this.view = view;
    this.entries = entries;
  }

  /**
   * Starts a set of values.
   *
   * @param dclass the class the values belong to
   * @return an empty builder
   */
  public static Builder builder(DcClass dclass) {
    return new Builder(Objects.requireNonNull(dclass, "dclass").cluster());
  }

  /**
   * Builds values from field/value pairs (each checked as by {@link Builder#set(DcField, List)}).
   *
   * @param dclass the class
   * @param values the values; a field given twice keeps the last value
   * @return the values
   */
  public static FieldValues of(DcClass dclass, DcFieldValue... values) {
    return of(dclass, Arrays.asList(values));
  }

  /**
   * Builds values from field/value pairs.
   *
   * @param dclass the class
   * @param values the values; a field given twice keeps the last value
   * @return the values
   */
  public static FieldValues of(DcClass dclass, Collection<DcFieldValue> values) {
    Builder b = builder(dclass);
    values.forEach(b::set);
    return b.build();
  }

  /**
   * {@return no values of a class}
   *
   * @param dclass the class
   */
  public static FieldValues empty(DcClass dclass) {
    return builder(dclass).build();
  }

  /** {@return the class} */
  public DcClass dclass() {
    return view.dclass();
  }

  /**
   * {@return whether a field is set}
   *
   * @param name the field name
   * @throws IllegalArgumentException if the class has no such field
   */
  public boolean contains(String name) {
    return entries.containsKey(Wire.field(view, name).globalId());
  }

  /** {@return the number of fields set} */
  public int size() {
    return entries.size();
  }

  /** {@return whether no field is set} */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** {@return the names of the set fields, in DC order} */
  public List<String> names() {
    return entries.values().stream().map(e -> e.field().name()).toList();
  }

  /** {@return the set fields, in DC order} */
  public List<DcField> fields() {
    return entries.values().stream().map(Entry::field).toList();
  }

  /**
   * Gets a field's value.
   *
   * @param name the field name
   * @return one entry per parameter, unmodifiable (blobs are copies)
   * @throws IllegalArgumentException if the class has no such field
   * @throws NoSuchElementException if the field is not set (see {@link #contains})
   */
  public List<Object> get(String name) {
    return copyOut(entry(name).values());
  }

  /**
   * Gets a field's value if it is set.
   *
   * @param name the field name
   * @return the value, or empty if the field is not set
   * @throws IllegalArgumentException if the class has no such field
   */
  public Optional<List<Object>> find(String name) {
    Entry e = entries.get(Wire.field(view, name).globalId());
    return e == null ? Optional.empty() : Optional.of(copyOut(e.values()));
  }

  /**
   * Gets the value of a field with one {@code string} parameter.
   *
   * @param name the field name
   * @return the text
   * @throws IllegalArgumentException if the field does not have exactly one string parameter
   * @throws NoSuchElementException if the field is not set
   */
  public String string(String name) {
    return (String) single(name, DcType.STRING);
  }

  /**
   * Gets the value of a field with one integer parameter and no divisor.
   *
   * @param name the field name
   * @return the number (a {@code uint64} as its raw 64 bits)
   * @throws IllegalArgumentException if the field does not have exactly one such parameter
   * @throws NoSuchElementException if the field is not set
   */
  public long integer(String name) {
    Entry e = entry(name);
    DcParameter p = onlyParameter(e.field());
    if (!p.type().isInteger() || p.divisor() != 1) {
      throw new IllegalArgumentException(e.field() + " is not one integer without divisor");
    }
    return (Long) e.values().get(0);
  }

  /**
   * Gets the value of a field with one number parameter: a float64, or an integer with or without
   * a divisor.
   *
   * @param name the field name
   * @return the number
   * @throws IllegalArgumentException if the field does not have exactly one number parameter
   * @throws NoSuchElementException if the field is not set
   */
  public double number(String name) {
    Entry e = entry(name);
    DcParameter p = onlyParameter(e.field());
    if (!p.type().isInteger() && p.type() != DcType.FLOAT64 && p.type() != DcType.FLOAT32) {
      throw new IllegalArgumentException(e.field() + " is not one number");
    }
    return ((Number) e.values().get(0)).doubleValue();
  }

  /**
   * Gets the value of a field with one {@code blob} parameter.
   *
   * @param name the field name
   * @return a copy of the bytes
   * @throws IllegalArgumentException if the field does not have exactly one blob parameter
   * @throws NoSuchElementException if the field is not set
   */
  public byte[] bytes(String name) {
    return ((byte[]) single(name, DcType.BLOB)).clone();
  }

  /** {@return the values as field/value pairs, in DC order} */
  public List<DcFieldValue> asList() {
    List<DcFieldValue> out = new ArrayList<>(entries.size());
    for (Entry e : entries.values()) {
      out.add(new DcFieldValue(e.field(), copyOut(e.values())));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Combines two sets of values of the same class.
   *
   * @param other more values; where both set a field, {@code other}'s value wins
   * @return the combination
   * @throws IllegalArgumentException if {@code other} belongs to another class
   */
  public FieldValues with(FieldValues other) {
    if (other.view != view) {
      throw new IllegalArgumentException("cannot combine values of " + dclass().name()
          + " with values of " + other.dclass().name());
    }
    TreeMap<Integer, Entry> merged = new TreeMap<>(entries);
    merged.putAll(other.entries);
    return new FieldValues(view, merged);
  }

  /**
   * {@return these values without some fields}
   *
   * @param names the fields to leave out (unset ones are ignored)
   * @throws IllegalArgumentException if the class has no such field
   */
  public FieldValues without(String... names) {
    TreeMap<Integer, Entry> rest = new TreeMap<>(entries);
    for (String n : names) {
      rest.remove(Wire.field(view, n).globalId());
    }
    return new FieldValues(view, rest);
  }

  // Package-private: the bridge's wire side.

  ClusterClass view() {
    return view;
  }

  Collection<Entry> entries() {
    return entries.values();
  }

  Entry entry(DcField f) {
    return entries.get(f.globalId());
  }

  /** Writes (u16 global id, value) for every field, no count. */
  void writePairs(DatagramWriter w) {
    for (Entry e : entries.values()) {
      w.u16(e.field().globalId()).bytes(e.wire());
    }
  }

  /** Reads one value from the wire into an entry. */
  static Entry read(DcField f, DatagramReader r) {
    int start = r.position();
    List<Object> values = f.unpack(r);
    byte[] wire = Arrays.copyOfRange(r.array(), start, r.position());
    return new Entry(f, freeze(values), wire);
  }

  /** Values read from the wire, already checked. */
  static FieldValues decoded(ClusterClass view, Collection<Entry> list) {
    TreeMap<Integer, Entry> map = new TreeMap<>();
    for (Entry e : list) {
      map.put(e.field().globalId(), e);
    }
    return new FieldValues(view, map);
  }

  private Entry entry(String name) {
    DcField f = Wire.field(view, name);
    Entry e = entries.get(f.globalId());
    if (e == null) {
      throw new NoSuchElementException(dclass().name() + "." + name + " is not set");
    }
    return e;
  }

  private Object single(String name, DcType type) {
    Entry e = entry(name);
    if (onlyParameter(e.field()).type() != type) {
      throw new IllegalArgumentException(e.field() + " is not one " + type.word());
    }
    return e.values().get(0);
  }

  private static DcParameter onlyParameter(DcField f) {
    if (f.parameters().size() != 1) {
      throw new IllegalArgumentException(f + " has " + f.parameters().size() + " parameters");
    }
    return f.parameters().get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> freeze(List<Object> values) {
    List<Object> out = new ArrayList<>(values.size());
    for (Object v : values) {
      out.add(v instanceof List<?> l ? freeze((List<Object>) l) : v);
    }
    return Collections.unmodifiableList(out);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> copyOut(List<Object> values) {
    boolean hasBytes = false;
    for (Object v : values) {
      hasBytes |= v instanceof byte[];
    }
    if (!hasBytes) {
      return values;
    }
    List<Object> out = new ArrayList<>(values.size());
    for (Object v : values) {
      out.add(v instanceof byte[] b ? b.clone() : v);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FieldValues other) || other.view != view
        || !other.entries.keySet().equals(entries.keySet())) {
      return false;
    }
    for (Entry e : entries.values()) {
      if (!Arrays.equals(e.wire(), other.entries.get(e.field().globalId()).wire())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = view.dclass().hashCode();
    for (Entry e : entries.values()) {
      h = 31 * h + e.field().globalId() * 17 + Arrays.hashCode(e.wire());
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(dclass().name()).append('{');
    String sep = "";
    for (Entry e : entries.values()) {
      sb.append(sep).append(e.field().name()).append('=');
      if (e.values().size() == 1) {
        appendValue(sb, e.values().get(0));
      } else {
        sb.append('(');
        for (int i = 0; i < e.values().size(); i++) {
          sb.append(i == 0 ? "" : ", ");
          appendValue(sb, e.values().get(i));
        }
        sb.append(')');
      }
      sep = ", ";
    }
    return sb.append('}').toString();
  }

  private static void appendValue(StringBuilder sb, Object v) {
    if (v instanceof byte[] b) {
      sb.append('<').append(HexFormat.of().formatHex(b)).append('>');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        appendValue(sb, l.get(i));
      }
      sb.append(']');
    } else if (v instanceof String s) {
      sb.append('"').append(s).append('"');
    } else {
      sb.append(v);
    }
  }

  /**
   * Collects values; each is checked when it is set.
   *
   * <p>Example: {@code FieldValues.builder(cls).set("setPos", 1.0, 2.0, 3.0).build()}.
   *
   * @since 0.2
   */
  public static final class Builder {
    private final ClusterClass view;
    private final TreeMap<Integer, Entry> entries = new TreeMap<>();

    private Builder(ClusterClass view) {
      this.view = view;
    }

    /**
     * Sets a field, one value per parameter.
     *
     * @param name the field name
     * @param values one entry per parameter, in the model of {@link DcParameter}
     * @return this builder
     * @throws IllegalArgumentException if the class has no such field, or a value has the wrong
     *     count, Java type or range
     */
    public Builder set(String name, Object... values) {
      return set(Wire.field(view, name), Arrays.asList(values));
    }

    /**
     * Sets a field from a list of parameter values.
     *
     * @param name the field name
     * @param values one entry per parameter
     * @return this builder
     * @throws IllegalArgumentException as {@link #set(String, Object...)}
     */
    public Builder setValues(String name, List<?> values) {
      return set(Wire.field(view, name), values);
    }

    /**
     * Sets a field.
     *
     * @param field a field of the class (own or inherited)
     * @param values one entry per parameter
     * @return this builder
     * @throws IllegalArgumentException if the field is not the class's, or a value is wrong
     */
    public Builder set(DcField field, List<?> values) {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(values, "values");
      if (!view.has(field)) {
        throw new IllegalArgumentException(field + " is not a field of " + view.dclass().name());
      }
      DatagramWriter w = new DatagramWriter();
      try {
        field.pack(w, values);
      } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
        throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
      }
      byte[] wire = w.toByteArray();
      List<Object> normalized = field.unpack(new DatagramReader(wire));
      entries.put(field.globalId(), new Entry(field, freeze(normalized), wire));
      return this;
    }

    /**
     * Sets a field from a field/value pair.
     *
     * @param value the pair
     * @return this builder
     * @throws IllegalArgumentException as {@link #set(DcField, List)}
     */
    public Builder set(DcFieldValue value) {
      return set(value.field(), value.values());
    }

    /**
     * Copies every value of another set of the same class.
     *
     * @param values the values
     * @return this builder
     * @throws IllegalArgumentException if they belong to another class
     */
    public Builder setAll(FieldValues values) {
      if (values.view != view) {
        throw new IllegalArgumentException("values of " + values.dclass().name()
            + " given to a builder of " + view.dclass().name());
      }
      entries.putAll(values.entries);
      return this;
    }

    /** Adds an entry that is already checked. */
    Builder put(Entry e) {
      entries.put(e.field().globalId(), e);
      return this;
    }

    /** {@return the values} */
    public FieldValues build() {
      return new FieldValues(view, new TreeMap<>(entries));
    }
  }
}
