package org.openttserver.api.dc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classes and fields of one or more DC files loaded in order (the user's toon.dc first, our
 * additions after it), as produced by {@link DcParser}.
 *
 * <p>Class numbers and Astron global field ids run over all loaded files; the 2003 hash covers
 * only the files the client itself hashes ({@link #hash2003()}: the first). Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class DcFile {
  private final List<DcClass> classes;
  private final List<DcClass> structs;
  private final DcClass[] byNumber;
  private final List<DcField> fields;
  private final List<String> sourceNames;
  private final List<DcDialect> sourceDialects;
  private final int[] classEnds;
  private final Map<String, DcClass> byName = new HashMap<>();

  DcFile(List<DcClass> classes, List<DcClass> structs, List<DcField> fields,
      List<DcSource> sources, int[] classEnds) {
    this.classes = List.copyOf(classes);
    this.structs = List.copyOf(structs);
    this.byNumber = new DcClass[classes.size() + structs.size()];
    for (DcClass s : this.structs) {
      s.freeze();
      byNumber[s.number()] = s;
    }
    this.fields = List.copyOf(fields);
    this.sourceNames = sources.stream().map(DcSource::name).toList();
    this.sourceDialects = sources.stream().map(DcSource::dialect).toList();
    this.classEnds = classEnds.clone();
    for (DcClass c : this.classes) {
      c.freeze();
      byName.put(c.name(), c);
      byNumber[c.number()] = c;
    }
  }

  /**
   * {@return all classes in declaration order; index = class number unless an Astron-dialect
   * file declares structs, which take numbers in the same sequence (see {@link #structs()})}
   */
  public List<DcClass> classes() {
    return classes;
  }

  /**
   * {@return the structs of Astron-dialect files, in declaration order}
   *
   * @since 0.3
   */
  public List<DcClass> structs() {
    return structs;
  }

  /** {@return all fields of all classes (and structs), index = Astron global id} */
  public List<DcField> fields() {
    return fields;
  }

  /** {@return the names of the loaded files, in load order} */
  public List<String> sourceNames() {
    return sourceNames;
  }

  /** {@return the dialect each loaded file was parsed in, in load order} */
  public List<DcDialect> sourceDialects() {
    return sourceDialects;
  }

  /**
   * Counts the classes declared by the first files.
   *
   * @param sourceCount how many files, from the first
   * @return the number of classes they declare
   */
  public int classCountOfSources(int sourceCount) {
    return sourceCount == 0 ? 0 : classEnds[sourceCount - 1];
  }

  /**
   * Finds a class by name.
   *
   * @param name the class name
   * @return the class, if any
   */
  public Optional<DcClass> findClass(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Gets a class by name, for names a plugin knows exist.
   *
   * @param name the class name
   * @return the class
   * @throws IllegalArgumentException if there is no such class
   */
  public DcClass dclass(String name) {
    DcClass c = byName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no dclass " + name);
    }
    return c;
  }

  /**
   * Finds a class by number.
   *
   * @param number the class number
   * @return the class, or null if out of range or the number of a struct
   */
  public DcClass classByNumber(int number) {
    DcClass c = number >= 0 && number < byNumber.length ? byNumber[number] : null;
    return c == null || c.isStruct() ? null : c;
  }

  /**
   * Finds a field by Astron global id.
   *
   * @param globalId the id
   * @return the field, or null if out of range
   */
  public DcField fieldByGlobalId(int globalId) {
    return globalId >= 0 && globalId < fields.size() ? fields.get(globalId) : null;
  }

  /**
   * Maps a 2003 per-class field number to the Astron global id.
   *
   * @param dclass the object's class
   * @param number2003 the 2003 number
   * @return the global id, or -1 if the class has no such number
   */
  public int toGlobalId(DcClass dclass, int number2003) {
    DcField f = dclass.fieldBy2003Number(number2003);
    return f == null ? -1 : f.globalId();
  }

  /**
   * Maps an Astron global id to the 2003 per-class field number.
   *
   * @param dclass the object's class
   * @param globalId the global id
   * @return the 2003 number, or -1 if the field is not in the class's 2003 table
   */
  public int to2003Number(DcClass dclass, int globalId) {
    DcField f = fieldByGlobalId(globalId);
    return f != null && dclass.has2003(f) ? f.number2003() : -1;
  }

  /**
   * Computes Astron's legacy hash ({@code legacy_hash}, the value astrond expects from clients
   * when {@code manual_dc_hash} is not set) over every loaded file, as astrond computes it over
   * its {@code dc_files}. Files of the 2003 dialects are hashed as their equivalent Astron types
   * ({@link DcParameter#valueType()}). A field with a keyword Astron's table lacks is hashed by
   * keyword names, as the algorithm intends (astrond c1436f90 crashes on such a file instead).
   *
   * @return the hash, unsigned 32 bits
   * @since 0.3
   */
  public long astronHash() {
    return DcLegacyHash.hash(this);
  }

  /** {@return classes and structs by number (Astron's type ids)} */
  List<DcClass> types() {
    return java.util.Arrays.asList(byNumber);
  }

  /** {@return the 2003 hash of the first loaded file, as the client computes it (unsigned)} */
  public long hash2003() {
    return hash2003(1);
  }

  /**
   * Computes the 2003 hash over the first files only.
   *
   * @param sourceCount how many files, from the first
   * @return the hash, unsigned 32 bits
   */
  public long hash2003(int sourceCount) {
    return DcHash.hash(classes.subList(0, classCountOfSources(sourceCount)));
  }
}
