package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_NAME_PATTERN_ANSWER (68), S→C: the answer to {@link SetNamePattern} (protocol-2003.md
 * §2.3).
 *
 * <p>Layout: u32 avatarId, u8 returnCode (0 = accepted; the name becomes final).
 *
 * <pre>{@code
 * session.send(new SetNamePatternAnswer(avatarId, 0));
 * }</pre>
 *
 * @param avatarId the avatar (echo the request)
 * @param returnCode 0 = accepted
 * @since 0.2
 */
public record SetNamePatternAnswer(long avatarId, int returnCode) implements ClientBound {
  /** The codec: SET_NAME_PATTERN_ANSWER ({@value ClientMsg#SET_NAME_PATTERN_ANSWER}). */
  public static final MessageCodec<SetNamePatternAnswer> CODEC = MessageCodec.of(
      ClientMsg.SET_NAME_PATTERN_ANSWER, SetNamePatternAnswer.class,
      r -> new SetNamePatternAnswer(r.readU32(), r.readU8()),
      (m, w) -> {
        w.u32(m.avatarId);
        w.u8(m.returnCode);
      });

  /** Checks the ranges. */
  public SetNamePatternAnswer {
    avatarId = Fields.u32("avatarId", avatarId);
    returnCode = Fields.u8("returnCode", returnCode);
  }
}
