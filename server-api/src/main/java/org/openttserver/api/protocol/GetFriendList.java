package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_FRIEND_LIST (10), C→S: asks for the friend list, answered by {@link GetFriendListResp}
 * (protocol-2003.md §2.8).
 *
 * <p>Layout: no payload.
 *
 * <pre>{@code
 * client.send(new GetFriendList());
 * }</pre>
 *
 * @since 0.2
 */
public record GetFriendList() implements ServerBound {
  /** The codec: GET_FRIEND_LIST ({@value ClientMsg#GET_FRIEND_LIST}). */
  public static final MessageCodec<GetFriendList> CODEC = MessageCodec.of(
      ClientMsg.GET_FRIEND_LIST, GetFriendList.class,
      r -> new GetFriendList(),
      (m, w) -> { });
}
