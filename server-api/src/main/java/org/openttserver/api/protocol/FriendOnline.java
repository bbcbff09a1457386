package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_FRIEND_ONLINE (53), S→C: a friend came online; send {@link GetFriendListResp} first
 * (protocol-2003.md §2.8).
 *
 * <p>Layout: u32 avatarId.
 *
 * <pre>{@code
 * session.send(new FriendOnline(friendId));
 * }</pre>
 *
 * @param avatarId the friend
 * @since 0.2
 */
public record FriendOnline(long avatarId) implements ClientBound {
  /** The codec: FRIEND_ONLINE ({@value ClientMsg#FRIEND_ONLINE}). */
  public static final MessageCodec<FriendOnline> CODEC = MessageCodec.of(
      ClientMsg.FRIEND_ONLINE, FriendOnline.class,
      r -> new FriendOnline(r.readU32()),
      (m, w) -> {
        w.u32(m.avatarId);
      });

  /** Checks the ranges. */
  public FriendOnline {
    avatarId = Fields.u32("avatarId", avatarId);
  }
}
