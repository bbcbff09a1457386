package org.openttserver.plugins.login;

import java.util.HashMap;
import java.util.Map;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;

/** Turns {@link Account} into field values of the DC class {@code OpenTTAccount} and back. */
final class AccountCodec {
  static final String CLASS = "OpenTTAccount";
  static final String LAST_LOGIN = "setLastLoginTime";
  static final String CHAT = "setChatPermission";
  static final String BAN_STATE = "setBanState";
  static final String PASSWORD = "setPasswordHash";
  static final String BAN_REASON = "setBanReason";
  static final String BAN_EXPIRY = "setBanExpiry";

  private final DcClass dclass;

  AccountCodec(DcFile dc) {
    this.dclass = dc.dclass(CLASS);
  }

  DcClass dclass() {
    return dclass;
  }

  /** The field values of an account by field name (avatar slots left out). */
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

  /** Every required field of a new account; those the account does not set get their default. */
  FieldValues allValues(Account a) {
    Map<String, Object> v = values(a);
    FieldValues.Builder b = FieldValues.builder(dclass);
    for (DcField f : dclass.requiredFields()) {
      Object value = v.get(f.name());
      if (value == null) {
        b.set(f, f.defaultValues());
      } else {
        b.set(f.name(), value);
      }
    }
    return b.build();
  }

  /** The given single-parameter fields. */
  FieldValues someValues(Map<String, Object> values) {
    FieldValues.Builder b = FieldValues.builder(dclass);
    values.forEach(b::set);
    return b.build();
  }

  /** Reads an account; absent fields get neutral values. */
  Account read(long doId, FieldValues v) {
    return new Account(doId, str(v, "setAccountName"), str(v, PASSWORD),
        (int) num(v, "setAccessLevel"), num(v, "setPaid") != 0, (int) num(v, CHAT),
        (int) num(v, BAN_STATE), str(v, "setBanReason"), num(v, "setBanExpiry"),
        num(v, "setCreationTime"), num(v, LAST_LOGIN));
  }

  private static String str(FieldValues v, String field) {
    return v.contains(field) ? v.string(field) : "";
  }

  private static long num(FieldValues v, String field) {
    return v.contains(field) ? v.integer(field) : 0;
  }
}
