package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_REMOVE_FRIEND (56), C→S: ends a friendship; no reply (protocol-2003.md §2.8).
 *
 * <p>Layout: u32 avatarId.
 *
 * <pre>{@code
 * client.send(new RemoveFriend(friendId));
 * }</pre>
 *
 * @param avatarId the former friend
 * @since 0.2
 */
public record RemoveFriend(long avatarId) implements ServerBound {
  /** The codec: REMOVE_FRIEND ({@value ClientMsg#REMOVE_FRIEND}). */
  public static final MessageCodec<RemoveFriend> CODEC = MessageCodec.of(
      ClientMsg.REMOVE_FRIEND, RemoveFriend.class,
      r -> new RemoveFriend(r.readU32()),
      (m, w) -> {
        w.u32(m.avatarId);
      });

  /** Checks the ranges. */
  public RemoveFriend {
    avatarId = Fields.u32("avatarId", avatarId);
  }
}
