package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_DELETE_AVATAR (49), C→S: deletes an avatar, answered by {@link AvatarListResp} with the
 * updated list (protocol-2003.md §2.3).
 *
 * <p>Layout: u32 avatarId.
 *
 * <pre>{@code
 * client.send(new DeleteAvatar(avatarId));
 * }</pre>
 *
 * @param avatarId the avatar
 * @since 0.2
 */
public record DeleteAvatar(long avatarId) implements ServerBound {
  /** The codec: DELETE_AVATAR ({@value ClientMsg#DELETE_AVATAR}). */
  public static final MessageCodec<DeleteAvatar> CODEC = MessageCodec.of(
      ClientMsg.DELETE_AVATAR, DeleteAvatar.class,
      r -> new DeleteAvatar(r.readU32()),
      (m, w) -> {
        w.u32(m.avatarId);
      });

  /** Checks the ranges. */
  public DeleteAvatar {
    avatarId = Fields.u32("avatarId", avatarId);
  }
}
