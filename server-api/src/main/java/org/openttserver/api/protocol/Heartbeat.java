package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_HEARTBEAT (52), both directions: the client sends one every 10 s; from the server it is
 * optional and only logged (protocol-2003.md §2.6).
 *
 * <p>Layout: no payload.
 *
 * <pre>{@code
 * client.send(new Heartbeat());
 * }</pre>
 *
 * @since 0.2
 */
public record Heartbeat() implements ServerBound, ClientBound {
  /** The codec: HEARTBEAT ({@value ClientMsg#HEARTBEAT}). */
  public static final MessageCodec<Heartbeat> CODEC = MessageCodec.of(
      ClientMsg.HEARTBEAT, Heartbeat.class,
      r -> new Heartbeat(),
      (m, w) -> { });
}
