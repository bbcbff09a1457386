package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_AVATARS (3), C→S: asks for the avatar list, answered by {@link AvatarListResp}
 * (protocol-2003.md §2.3).
 *
 * <p>Layout: no payload.
 *
 * <pre>{@code
 * client.send(new GetAvatars());
 * }</pre>
 *
 * @since 0.2
 */
public record GetAvatars() implements ServerBound {
  /** The codec: GET_AVATARS ({@value ClientMsg#GET_AVATARS}). */
  public static final MessageCodec<GetAvatars> CODEC = MessageCodec.of(
      ClientMsg.GET_AVATARS, GetAvatars.class,
      r -> new GetAvatars(),
      (m, w) -> { });
}
