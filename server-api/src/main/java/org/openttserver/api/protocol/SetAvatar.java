package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_AVATAR (32), C→S: plays an avatar, answered by {@link GetAvatarDetailsResp}; 0 leaves
 * the game (protocol-2003.md §2.3).
 *
 * <p>Layout: u32 avatarId.
 *
 * <pre>{@code
 * client.send(new SetAvatar(avatarId));
 * }</pre>
 *
 * @param avatarId the avatar, or 0 for none
 * @since 0.2
 */
public record SetAvatar(long avatarId) implements ServerBound {
  /** The codec: SET_AVATAR ({@value ClientMsg#SET_AVATAR}). */
  public static final MessageCodec<SetAvatar> CODEC = MessageCodec.of(
      ClientMsg.SET_AVATAR, SetAvatar.class,
      r -> new SetAvatar(r.readU32()),
      (m, w) -> {
        w.u32(m.avatarId);
      });

  /** Checks the ranges. */
  public SetAvatar {
    avatarId = Fields.u32("avatarId", avatarId);
  }
}
