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
  private final List<DcField> fields;
  private final List<String> sourceNames;
  private final List<DcDialect> sourceDialects;
  private final int[] classEnds;
  private final Map<String, DcClass> byName = new HashMap<>();

  DcFile(List<DcClass> classes, List<DcField> fields, List<DcSource> sources, int[] classEnds) {
    this.classes = List.copyOf(classes);
    this.fields = List.copyOf(fields);
    this.sourceNames = sources.stream().map(DcSource::name).toList();
    this.sourceDialects = sources.stream().map(DcSource::dialect).toList();
    this.classEnds = classEnds.clone();
    for (DcClass c : this.classes) {
      c.freeze();
      byName.put(c.name(), c);
    }
  }

  /** {@return all classes, index = class number} */
  public List<DcClass> classes() {
    return classes;
  }

  /** {@return all fields of all classes, index = Astron global id} */
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
   * @return the class, or null if out of range
   */
  public DcClass classByNumber(int number) {
    return number >= 0 && number < classes.size() ? classes.get(number) : null;
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
