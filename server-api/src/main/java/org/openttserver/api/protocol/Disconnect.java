package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_DISCONNECT (37), C→S: sent just before the client closes the socket (protocol-2003.md
 * §2.6).
 *
 * <p>Layout: no payload.
 *
 * <pre>{@code
 * client.send(new Disconnect());
 * }</pre>
 *
 * @since 0.2
 */
public record Disconnect() implements ServerBound {
  /** The codec: DISCONNECT ({@value ClientMsg#DISCONNECT}). */
  public static final MessageCodec<Disconnect> CODEC = MessageCodec.of(
      ClientMsg.DISCONNECT, Disconnect.class,
      r -> new Disconnect(),
      (m, w) -> { });
}
