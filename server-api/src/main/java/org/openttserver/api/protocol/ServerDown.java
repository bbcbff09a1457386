package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SERVER_DOWN (58), S→C: a district is unavailable (protocol-2003.md §2.7).
 *
 * <p>Layout: u32 shardId.
 *
 * <pre>{@code
 * session.send(new ServerDown(shardId));
 * }</pre>
 *
 * @param shardId the district
 * @since 0.2
 */
public record ServerDown(long shardId) implements ClientBound {
  /** The codec: SERVER_DOWN ({@value ClientMsg#SERVER_DOWN}). */
  public static final MessageCodec<ServerDown> CODEC = MessageCodec.of(
      ClientMsg.SERVER_DOWN, ServerDown.class,
      r -> new ServerDown(r.readU32()),
      (m, w) -> {
        w.u32(m.shardId);
      });

  /** Checks the ranges. */
  public ServerDown {
    shardId = Fields.u32("shardId", shardId);
  }
}
