package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_WISHNAME_CLEAR (72), C→S: acknowledges an approved name (action 1) or drops a rejected
 * or pending one (action 0); no reply (protocol-2003.md §2.3).
 *
 * <p>Layout: u32 avatarId, u8 action.
 *
 * <pre>{@code
 * client.send(new SetWishNameClear(avatarId, 1));
 * }</pre>
 *
 * @param avatarId the avatar
 * @param action 1 = make the approved name real, 0 = clear
 * @since 0.2
 */
public record SetWishNameClear(long avatarId, int action) implements ServerBound {
  /** The codec: SET_WISHNAME_CLEAR ({@value ClientMsg#SET_WISHNAME_CLEAR}). */
  public static final MessageCodec<SetWishNameClear> CODEC = MessageCodec.of(
      ClientMsg.SET_WISHNAME_CLEAR, SetWishNameClear.class,
      r -> new SetWishNameClear(r.readU32(), r.readU8()),
      (m, w) -> {
        w.u32(m.avatarId);
        w.u8(m.action);
      });

  /** Checks the ranges. */
  public SetWishNameClear {
    avatarId = Fields.u32("avatarId", avatarId);
    action = Fields.u8("action", action);
  }
}
