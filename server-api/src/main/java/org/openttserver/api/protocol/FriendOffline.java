package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_FRIEND_OFFLINE (54), S→C: a friend went offline (protocol-2003.md §2.8).
 *
 * <p>Layout: u32 avatarId.
 *
 * <pre>{@code
 * session.send(new FriendOffline(friendId));
 * }</pre>
 *
 * @param avatarId the friend
 * @since 0.2
 */
public record FriendOffline(long avatarId) implements ClientBound {
  /** The codec: FRIEND_OFFLINE ({@value ClientMsg#FRIEND_OFFLINE}). */
  public static final MessageCodec<FriendOffline> CODEC = MessageCodec.of(
      ClientMsg.FRIEND_OFFLINE, FriendOffline.class,
      r -> new FriendOffline(r.readU32()),
      (m, w) -> {
        w.u32(m.avatarId);
      });

  /** Checks the ranges. */
  public FriendOffline {
    avatarId = Fields.u32("avatarId", avatarId);
  }
}
