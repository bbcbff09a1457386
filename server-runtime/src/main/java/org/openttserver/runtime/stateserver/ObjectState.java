package org.openttserver.runtime.stateserver;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.ClusterClass;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.dc.RoutingKeywords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An object's stored field values (required and ram, as wire bytes) and the snapshot sections
 * built from them: REQ (required atomic fields in id order) and OTHER (u16 count + (id, value)
 * pairs of set ram fields, ascending id), each optionally filtered to what clients or the owner
 * may see.
 */
public final class ObjectState {
  private static final Logger log = LoggerFactory.getLogger(ObjectState.class);

  private final ClusterClass cls;
  private final Map<DcField, byte[]> required = new HashMap<>();
  private final TreeMap<Integer, byte[]> ram = new TreeMap<>();

  /**
   * Creates an empty state.
   *
   * @param cls the class
   */
  public ObjectState(ClusterClass cls) {
    this.cls = cls;
  }

  /** {@return the class} */
  public ClusterClass cls() {
    return cls;
  }

  /**
   * Reads a REQ section.
   *
   * @param r positioned at it
   * @throws RuntimeException if truncated or invalid
   */
  public void readRequired(DatagramReader r) {
    for (DcField f : cls.required()) {
      required.put(f, ClusterDc.readValue(f, r));
    }
  }

  /**
   * Reads an OTHER section as a create does: ram fields kept, others skipped, and reading stops
   * at an id the class lacks (logged).
   *
   * @param r positioned at it
   * @param what names the object in logs
   */
  public void readOther(DatagramReader r, String what) {
    int n = r.readU16();
    for (int i = 0; i < n; i++) {
      int id = r.readU16();
      DcField f = cls.field(id);
      if (f == null) {
        log.warn("{}: OTHER names field {} the class lacks; ignoring the rest", what, id);
        return;
      }
      byte[] v = ClusterDc.readValue(f, r);
      if (RoutingKeywords.ram(f)) {
        ram.put(id, v);
      } else {
        log.warn("{}: OTHER holds non-ram field {}; skipped", what, f.name());
      }
    }
  }

  /**
   * Stores a value as Astron does: required fields always, ram fields once set, others never.
   *
   * @param f an atomic field
   * @param v its value
   */
  public void save(DcField f, byte[] v) {
    if (RoutingKeywords.required(f)) {
      required.put(f, v);
    } else if (RoutingKeywords.ram(f)) {
      ram.put(f.globalId(), v);
    }
  }

  /**
   * {@return the stored value, or null}
   *
   * @param f an atomic field
   */
  public byte[] get(DcField f) {
    byte[] v = required.get(f);
    return v != null ? v : ram.get(f.globalId());
  }

  /** {@return whether any ram field is set (chooses the _OTHER message variants)} */
  public boolean hasRam() {
    return !ram.isEmpty();
  }

  /**
   * Writes REQ.
   *
   * @param w where
   * @param clientOnly only broadcast or clrecv fields (plus ownrecv if {@code owner})
   * @param owner the owner's view
   */
  public void writeRequired(DatagramWriter w, boolean clientOnly, boolean owner) {
    for (DcField f : cls.required()) {
      if (!clientOnly || RoutingKeywords.clientVisible(f, owner)) {
        byte[] v = required.get(f);
        w.bytes(v != null ? v : ClusterDc.defaultValue(f));
      }
    }
  }

  /**
   * Writes OTHER.
   *
   * @param w where
   * @param clientOnly only broadcast or clrecv fields (plus ownrecv if {@code owner})
   * @param owner the owner's view
   */
  public void writeOther(DatagramWriter w, boolean clientOnly, boolean owner) {
    int countAt = w.size();
    w.u16(0);
    int n = 0;
    for (Map.Entry<Integer, byte[]> e : ram.entrySet()) {
      DcField f = cls.field(e.getKey());
      if (!clientOnly || RoutingKeywords.clientVisible(f, owner)) {
        w.u16(e.getKey()).bytes(e.getValue());
        n++;
      }
    }
    w.setU16(countAt, n);
  }
}
