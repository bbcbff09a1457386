package org.openttserver.runtime.dc;

import java.util.ArrayList;
import java.util.List;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParameter;

/**
 * The loaded DC files as the cluster roles use them: classes by id with their {@link
 * ClusterClass} view, fields by global id, raw value reading and defaults. Immutable.
 */
public final class ClusterDc {
  private final DcFile file;
  /** By class number; null at the numbers of structs. */
  private final List<ClusterClass> classes = new ArrayList<>();

  /**
   * Indexes a DC file.
   *
   * @param file the parsed files
   */
  public ClusterDc(DcFile file) {
    this.file = file;
    for (DcClass c : file.classes()) {
      while (classes.size() <= c.number()) {
        classes.add(null);
      }
      classes.set(c.number(), c.cluster());
    }
  }

  /** {@return the DC file} */
  public DcFile file() {
    return file;
  }

  /**
   * Finds a class by id.
   *
   * @param id the class id
   * @return the class, or null if out of range
   */
  public ClusterClass dclass(int id) {
    return id >= 0 && id < classes.size() ? classes.get(id) : null;
  }

  /**
   * Finds a class by name.
   *
   * @param name the name
   * @return the class, or null
   */
  public ClusterClass dclass(String name) {
    return file.findClass(name).map(c -> classes.get(c.number())).orElse(null);
  }

  /**
   * Finds a field by global id.
   *
   * @param id the id
   * @return the field, or null
   */
  public DcField field(int id) {
    return file.fieldByGlobalId(id);
  }

  /**
   * Reads one value and returns its wire bytes.
   *
   * @param f the field
   * @param r positioned at the value
   * @return a copy of the value's bytes
   * @throws org.openttserver.api.dc.DcValueException if truncated or out of range
   */
  public static byte[] readValue(DcField f, DatagramReader r) {
    int start = r.position();
    f.skip(r);
    int end = r.position();
    byte[] out = new byte[end - start];
    System.arraycopy(r.array(), start, out, 0, out.length);
    return out;
  }

  /**
   * Checks that bytes are exactly one valid value of a field.
   *
   * @param f the field
   * @param value the bytes
   * @return whether they are
   */
  public static boolean isValid(DcField f, byte[] value) {
    try {
      DatagramReader r = new DatagramReader(value);
      f.skip(r);
      return r.remaining() == 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * {@return whether the file gives the field an explicit default}
   *
   * @param f the field
   */
  public static boolean hasExplicitDefault(DcField f) {
    for (DcParameter p : f.parameters()) {
      if (p.hasDefault()) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return the field's default in wire form: explicit defaults, zero or empty elsewhere}
   *
   * @param f the field
   */
  public static byte[] defaultValue(DcField f) {
    DatagramWriter w = new DatagramWriter();
    for (DcParameter p : f.parameters()) {
      w.bytes(p.defaultWireBytes());
    }
    return w.toByteArray();
  }
}
