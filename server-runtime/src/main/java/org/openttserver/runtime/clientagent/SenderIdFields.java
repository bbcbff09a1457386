package org.openttserver.runtime.clientagent;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParameter;
import org.openttserver.api.dc.DcType;
import org.slf4j.Logger;

/**
 * Client-sent fields whose first argument names the sending avatar, as the 2003 client writes it
 * when it talks to another toon through {@code sendToId} (a whisper's {@code fromId}, a teleport
 * query's requester, a battle SOS). The receiving client trusts that argument, so a client could
 * otherwise whisper in another toon's name. The client agent checks it against the avatar half of
 * the client id, which the extension sets to {@code account << 32 | avatar} on SET_AVATAR.
 */
final class SenderIdFields {
  /** The 2003 game's fields of this kind ({@code client.sender_id_fields} unless set). */
  static final List<String> DEFAULT = List.of("setWhisperFrom", "setWhisperQTFrom",
      "setWhisperQTQuestFrom", "setWhisperQTCustomFrom", "setWhisperIgnored", "battleSOS",
      "teleportQuery", "teleportResponse", "teleportGiveup");

  private final Set<Integer> ids;

  private SenderIdFields(Set<Integer> ids) {
    this.ids = Set.copyOf(ids);
  }

  /**
   * Resolves field names against every class of the DC file. A configured name no field has, or
   * a field whose first parameter is not a 32-bit integer, is left out with one warning line (not
   * for the defaults: a DC file need not have every 2003 field).
   *
   * @param dc the DC file
   * @param names field names
   * @param log where warnings go
   */
  static SenderIdFields resolve(DcFile dc, List<String> names, Logger log) {
    boolean explicit = names != DEFAULT;
    Set<String> wanted = new LinkedHashSet<>(names);
    Set<String> found = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (DcField f : dc.fields()) {
      if (!wanted.contains(f.name())) {
        continue;
      }
      List<DcParameter> params = f.parameters();
      DcType first = params.isEmpty() ? null : params.get(0).type();
      if (first == null || !first.isInteger() || first.fixedSize() != 4) {
        if (explicit) {
          log.warn("client.sender_id_fields: field {} does not start with a 32-bit integer;"
              + " not checked", f.name());
        }
        continue;
      }
      ids.add(f.globalId());
      found.add(f.name());
    }
    if (explicit) {
      for (String name : wanted) {
        if (!found.contains(name)) {
          log.warn("client.sender_id_fields: no class of the DC file has a field '{}'; take it"
              + " out of the list", name);
        }
      }
    }
    return new SenderIdFields(ids);
  }

  /** {@return true if client updates of this field must name the sender first} */
  boolean checks(int globalFieldId) {
    return ids.contains(globalFieldId);
  }

  /** {@return the number of fields checked} */
  int size() {
    return ids.size();
  }
}
