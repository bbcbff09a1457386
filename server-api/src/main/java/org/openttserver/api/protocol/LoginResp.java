package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_LOGIN_RESP (2), S→C: the answer to {@link Login} (protocol-2003.md §2.2).
 *
 * <p>Layout: u8 returnCode, u32 accountCode, str errorString, u32 sec, u32 usec. Codes: 0 success,
 * 12 bad password or name taken, 14 bad name, 129 unknown name; any other code makes the client
 * exit.
 *
 * <pre>{@code
 * new LoginResp(0, accountId, "", now / 1000, now % 1000 * 1000)
 * }</pre>
 *
 * @param returnCode 0 = success
 * @param accountCode ignored by the client
 * @param errorString logged only
 * @param sec server wall-clock time, seconds since the epoch
 * @param usec the microseconds of that time
 * @since 0.2
 */
public record LoginResp(
    int returnCode, long accountCode, String errorString, long sec, long usec)
    implements ClientBound {
  /** The codec: LOGIN_RESP ({@value ClientMsg#LOGIN_RESP}). */
  public static final MessageCodec<LoginResp> CODEC = MessageCodec.of(
      ClientMsg.LOGIN_RESP, LoginResp.class,
      r -> new LoginResp(r.readU8(), r.readU32(), r.readString(), r.readU32(), r.readU32()),
      (m, w) -> {
        w.u8(m.returnCode);
        w.u32(m.accountCode);
        w.string(m.errorString);
        w.u32(m.sec);
        w.u32(m.usec);
      });

  /** Checks the ranges. */
  public LoginResp {
    returnCode = Fields.u8("returnCode", returnCode);
    accountCode = Fields.u32("accountCode", accountCode);
    errorString = Fields.str("errorString", errorString);
    sec = Fields.u32("sec", sec);
    usec = Fields.u32("usec", usec);
  }
}
