package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_AVATAR_DETAILS (14), C→S: asks for a friend's details, answered by {@link
 * GetAvatarDetailsResp} (protocol-2003.md §2.4).
 *
 * <p>Layout: u32 avatarId.
 *
 * <pre>{@code
 * client.send(new GetAvatarDetails(friendId));
 * }</pre>
 *
 * @param avatarId the avatar
 * @since 0.2
 */
public record GetAvatarDetails(long avatarId) implements ServerBound {
  /** The codec: GET_AVATAR_DETAILS ({@value ClientMsg#GET_AVATAR_DETAILS}). */
  public static final MessageCodec<GetAvatarDetails> CODEC = MessageCodec.of(
      ClientMsg.GET_AVATAR_DETAILS, GetAvatarDetails.class,
      r -> new GetAvatarDetails(r.readU32()),
      (m, w) -> {
        w.u32(m.avatarId);
      });

  /** Checks the ranges. */
  public GetAvatarDetails {
    avatarId = Fields.u32("avatarId", avatarId);
  }
}
