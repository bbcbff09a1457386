package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SERVER_UP (57), S→C: a district is (again) available, population 0 (protocol-2003.md
 * §2.7).
 *
 * <p>Layout: u32 shardId, str name.
 *
 * <pre>{@code
 * session.send(new ServerUp(shardId, "Toon Valley"));
 * }</pre>
 *
 * @param shardId the district
 * @param name its name
 * @since 0.2
 */
public record ServerUp(long shardId, String name) implements ClientBound {
  /** The codec: SERVER_UP ({@value ClientMsg#SERVER_UP}). */
  public static final MessageCodec<ServerUp> CODEC = MessageCodec.of(
      ClientMsg.SERVER_UP, ServerUp.class,
      r -> new ServerUp(r.readU32(), r.readString()),
      (m, w) -> {
        w.u32(m.shardId);
        w.string(m.name);
      });

  /** Checks the ranges. */
  public ServerUp {
    shardId = Fields.u32("shardId", shardId);
    name = Fields.str("name", name);
  }
}
