package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_SHARD_LIST (8), C→S: asks for the districts, answered by {@link GetShardListResp}
 * (protocol-2003.md §2.7).
 *
 * <p>Layout: no payload.
 *
 * <pre>{@code
 * client.send(new GetShardList());
 * }</pre>
 *
 * @since 0.2
 */
public record GetShardList() implements ServerBound {
  /** The codec: GET_SHARD_LIST ({@value ClientMsg#GET_SHARD_LIST}). */
  public static final MessageCodec<GetShardList> CODEC = MessageCodec.of(
      ClientMsg.GET_SHARD_LIST, GetShardList.class,
      r -> new GetShardList(),
      (m, w) -> { });
}
