package org.openttserver.api.protocol;

import java.util.Objects;
import java.util.OptionalInt;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_LOGIN_2_RESP (17), S→C: the answer to {@link Login2} (protocol-2003.md §2.2). Any
 * non-zero code makes the client exit without a message; refuse with {@link GoGetLost} instead.
 *
 * <p>Layout: u8 returnCode, str errorString, str userName, u8 secretChatAllowed, u32 sec, u32
 * usec, u8 isPaid, then optionally i32 minutesRemaining: the client reads it only when at least 4
 * bytes remain, so it is absent from a shorter payload. Minus one, or absent, means unlimited.
 *
 * <pre>{@code
 * long now = System.currentTimeMillis();
 * session.send(new Login2Resp(0, "", "Flippy", true, now / 1000, now % 1000 * 1000, true,
 *     OptionalInt.of(-1)));
 * }</pre>
 *
 * @param returnCode 0 = logged in
 * @param errorString logged only
 * @param userName the account name ({@code tcr.userName})
 * @param secretChatAllowed whether secret-friends chat is allowed
 * @param sec server wall-clock time, seconds since the epoch
 * @param usec the microseconds of that time
 * @param isPaid a paid account
 * @param minutesRemaining play-time minutes left (−1 = unlimited), or empty when not sent
 * @since 0.2
 */
public record Login2Resp(int returnCode, String errorString, String userName,
    boolean secretChatAllowed, long sec, long usec, boolean isPaid,
    OptionalInt minutesRemaining) implements ClientBound {
  /** The codec: LOGIN_2_RESP ({@value ClientMsg#LOGIN_2_RESP}). */
  public static final MessageCodec<Login2Resp> CODEC = MessageCodec.of(
      ClientMsg.LOGIN_2_RESP, Login2Resp.class,
      r -> new Login2Resp(r.readU8(), r.readString(), r.readString(), r.readBool(),
          r.readU32(), r.readU32(), r.readBool(),
          r.remaining() >= 4 ? OptionalInt.of(r.readI32()) : OptionalInt.empty()),
      (m, w) -> {
        w.u8(m.returnCode).string(m.errorString).string(m.userName).bool(m.secretChatAllowed)
            .u32(m.sec).u32(m.usec).bool(m.isPaid);
        if (m.minutesRemaining.isPresent()) {
          w.i32(m.minutesRemaining.getAsInt());
        }
      });

  /** Checks the ranges. */
  public Login2Resp {
    Fields.u8("returnCode", returnCode);
    Fields.str("errorString", errorString);
    Fields.str("userName", userName);
    Fields.u32("sec", sec);
    Fields.u32("usec", usec);
    Objects.requireNonNull(minutesRemaining, "minutesRemaining");
  }
}
