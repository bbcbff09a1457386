package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_SHARD (31), C→S: the client enters a district, answered by {@link GetStateResp}
 * (protocol-2003.md §2.7).
 *
 * <p>Layout: u32 shardId.
 *
 * <pre>{@code
 * client.send(new SetShard(shardId));
 * }</pre>
 *
 * @param shardId the district
 * @since 0.2
 */
public record SetShard(long shardId) implements ServerBound {
  /** The codec: SET_SHARD ({@value ClientMsg#SET_SHARD}). */
  public static final MessageCodec<SetShard> CODEC = MessageCodec.of(
      ClientMsg.SET_SHARD, SetShard.class,
      r -> new SetShard(r.readU32()),
      (m, w) -> {
        w.u32(m.shardId);
      });

  /** Checks the ranges. */
  public SetShard {
    shardId = Fields.u32("shardId", shardId);
  }
}
