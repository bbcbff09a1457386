package org.openttserver.plugins.login;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;

/** Packs and unpacks {@link Account} as fields of the DC class {@code OpenTTAccount}. */
final class AccountCodec {
  static final String CLASS = "OpenTTAccount";
  static final String LAST_LOGIN = "setLastLoginTime";
  static final String CHAT = "setChatPermission";
  static final String BAN_STATE = "setBanState";
  static final String PASSWORD = "setPasswordHash";

  private final DcClass dclass;

  AccountCodec(DcFile dc) {
    this.dclass = dc.dclass(CLASS);
  }

  int classNumber() {
    return dclass.number();
  }

  /** The field values of an account, in DC order (avatar slots left at their default). */
  Map<String, Object> values(Account a) {
    Map<String, Object> v = new HashMap<>();
    v.put("setAccountName", a.name());
    v.put(PASSWORD, a.passwordHash());
    v.put("setAccessLevel", (long) a.accessLevel());
    v.put("setPaid", a.paid() ? 1L : 0L);
    v.put(CHAT, (long) a.chatPermission());
    v.put(BAN_STATE, (long) a.banState());
    v.put("setBanReason", a.banReason());
    v.put("setBanExpiry", a.banExpiry());
    v.put("setCreationTime", a.creationTime());
    v.put(LAST_LOGIN, a.lastLoginTime());
    return v;
  }

  /** Writes {@code u16 n, (u16 field, value) × n} for every required field. */
  void writeAll(DatagramWriter w, Account a) {
    writeSome(w, values(a), true);
  }

  /** Writes {@code u16 n, (u16 field, value) × n} for the given fields. */
  void writeSome(DatagramWriter w, Map<String, Object> values, boolean withDefaults) {
    List<DcField> fields = dclass.requiredFields().stream()
        .filter(f -> withDefaults || values.containsKey(f.name())).toList();
    w.u16(fields.size());
    for (DcField f : fields) {
      w.u16(f.globalId());
      Object v = values.get(f.name());
      f.pack(w, v == null ? f.defaultValues() : List.of(v));
    }
  }

  /** Reads {@code u16 n, (u16 field, value) × n}; absent fields get neutral values. */
  Account read(long doId, DatagramReader r, DcFile dc) {
    int n = r.readU16();
    Map<String, Object> v = new HashMap<>();
    for (int i = 0; i < n; i++) {
      DcField f = dc.fieldByGlobalId(r.readU16());
      List<Object> values = f.unpack(r);
      v.put(f.name(), values.size() == 1 ? values.get(0) : values);
    }
    return new Account(doId, str(v, "setAccountName"), str(v, PASSWORD),
        (int) num(v, "setAccessLevel"), num(v, "setPaid") != 0, (int) num(v, CHAT),
        (int) num(v, BAN_STATE), str(v, "setBanReason"), num(v, "setBanExpiry"),
        num(v, "setCreationTime"), num(v, LAST_LOGIN));
  }

  private static String str(Map<String, Object> v, String key) {
    return v.get(key) instanceof String s ? s : "";
  }

  private static long num(Map<String, Object> v, String key) {
    return v.get(key) instanceof Number n ? n.longValue() : 0;
  }
}
