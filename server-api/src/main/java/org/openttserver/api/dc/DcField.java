package org.openttserver.api.dc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

/**
 * A field of a distributed class: atomic (a parameter list and keywords) or molecular (a
 * sequence of atomic fields of the same class whose values are sent back to back).
 *
 * <p>Every field has two numbers: its 2003 number ({@link #number2003()}, its index in the
 * inherited-field table of the class that declares it, and so in every subclass that inherits it
 * through first parents), and its Astron global id ({@link #globalId()}, its position among all
 * fields of all loaded files). A field value is a {@code List} with one entry per parameter, in
 * the model described by {@link DcParameter}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DcField {
  private final String name;
  private final DcClass owner;
  private final int globalId;
  private final int number2003;
  private final int flags;
  private final Set<DcKeyword> keywords;
  private final List<DcParameter> parameters;
  private final List<DcField> components;
  private final List<String> keywordNames;
  private final boolean parameterField;

  DcField(String name, DcClass owner, int globalId, int number2003, int flags,
      List<DcParameter> parameters, List<DcField> components) {
    this(name, owner, globalId, number2003, flags, parameters, components, null, false);
  }

  /**
   * A field with its keywords as written ({@code null}: the names of the flags) and whether it is
   * an Astron parameter field ({@code uint8 level db;}: one value, no parentheses).
   */
  DcField(String name, DcClass owner, int globalId, int number2003, int flags,
      List<DcParameter> parameters, List<DcField> components, List<String> keywordNames,
      boolean parameterField) {
    this.parameterField = parameterField;
    this.name = name;
    this.owner = owner;
    this.globalId = globalId;
    this.number2003 = number2003;
    this.flags = flags;
    this.keywords = Collections.unmodifiableSet(DcKeyword.fromMask(flags));
    this.components = List.copyOf(components);
    this.parameters = components.isEmpty() ? List.copyOf(parameters) : concat(components);
    this.keywordNames = keywordNames != null ? List.copyOf(keywordNames)
        : this.keywords.stream().map(k -> k == DcKeyword.P2P && owner.dialect() != DcDialect.DC_2003
            ? "ownrecv" : k.word()).toList();
  }

  /**
   * {@return the keywords as the file names them, in the order written (a molecular field: its
   * first component's); Astron-dialect files may declare keywords of their own, which have no
   * {@link DcKeyword} and no flag bit}
   *
   * @since 0.3
   */
  public List<String> keywordNames() {
    return keywordNames;
  }

  /**
   * {@return whether the field is an Astron parameter field, declared as a typed name ({@code
   * uint8 level db;}) rather than with a parameter list; it has one parameter}
   *
   * @since 0.3
   */
  public boolean isParameterField() {
    return parameterField;
  }

  private static List<DcParameter> concat(List<DcField> components) {
    List<DcParameter> all = new ArrayList<>();
    for (DcField c : components) {
      all.addAll(c.parameters);
    }
    return List.copyOf(all);
  }

  /** {@return the field name} */
  public String name() {
    return name;
  }

  /** {@return the class that declares the field} */
  public DcClass owner() {
    return owner;
  }

  /** {@return the Astron global id: the declaration index over all loaded files} */
  public int globalId() {
    return globalId;
  }

  /** {@return the 2003 per-class field number (the u16 id on the 2003 client's wire)} */
  public int number2003() {
    return number2003;
  }

  /** {@return whether the field is molecular} */
  public boolean isMolecular() {
    return !components.isEmpty();
  }

  /** {@return the atomic components of a molecular field, or an empty list} */
  public List<DcField> components() {
    return components;
  }

  /** {@return the parameters; for a molecular field, those of its components concatenated} */
  public List<DcParameter> parameters() {
    return parameters;
  }

  /** {@return the 2003 flag mask (a molecular field has its components' common mask)} */
  public int flags() {
    return flags;
  }

  /** {@return the keywords, unmodifiable} */
  public Set<DcKeyword> keywords() {
    return keywords;
  }

  /**
   * Tests a keyword.
   *
   * @param keyword the keyword
   * @return whether the field has it
   */
  public boolean has(DcKeyword keyword) {
    return (flags & keyword.bit()) != 0;
  }

  /** {@return whether the field is required} */
  public boolean isRequired() {
    return has(DcKeyword.REQUIRED);
  }

  /** {@return whether the field is broadcast} */
  public boolean isBroadcast() {
    return has(DcKeyword.BROADCAST);
  }

  /**
   * Reads a value: one entry per parameter.
   *
   * @param reader the bytes
   * @return the values, a new mutable list
   * @throws DcValueException if the bytes are truncated or break a constraint
   */
  public List<Object> unpack(DatagramReader reader) {
    List<Object> values = new ArrayList<>(parameters.size());
    for (DcParameter p : parameters) {
      values.add(p.unpack(reader));
    }
    return values;
  }

  /**
   * Checks and skips a value (for forwarding the raw bytes).
   *
   * @param reader the bytes
   * @throws DcValueException if the bytes are truncated or break a constraint
   */
  public void skip(DatagramReader reader) {
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).skip(reader);
    }
  }

  /**
   * Writes a value.
   *
   * @param writer where to write
   * @param values one entry per parameter
   * @throws IllegalArgumentException if the count, a Java type or a range is wrong
   */
  public void pack(DatagramWriter writer, List<?> values) {
    if (values.size() != parameters.size()) {
      throw new IllegalArgumentException(
          name + " takes " + parameters.size() + " value(s), got " + values.size());
    }
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).pack(writer, values.get(i));
    }
  }

  /** {@return the field's default value: each parameter's default} */
  public List<Object> defaultValues() {
    List<Object> values = new ArrayList<>(parameters.size());
    for (DcParameter p : parameters) {
      values.add(p.defaultValue());
    }
    return values;
  }

  @Override
  public String toString() {
    return owner.name() + "." + name;
  }
}
