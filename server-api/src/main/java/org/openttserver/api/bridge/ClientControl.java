package org.openttserver.api.bridge;

import java.util.concurrent.CompletableFuture;

/**
 * Client-agent commands to a channel rather than to one session: every client subscribed to it
 * (an account channel, an avatar channel, {@link org.openttserver.api.msg.Channels#ALL_CLIENTS})
 * obeys. For one known session use the methods of {@link
 * org.openttserver.api.session.ClientSession}.
 *
 * <p>Example: {@code bridge.clients().eject(Channels.account(id), BootCode.RELOGIN, "logged in
 * elsewhere")}.
 *
 * @since 0.2
 */
public interface ClientControl {
  /**
   * Disconnects the clients with a reason (CLIENTAGENT_EJECT).
   *
   * @param channel the channel
   * @param code a {@link org.openttserver.api.msg.BootCode}
   * @param reason the reason, shown and logged
   * @return completes once sent
   */
  CompletableFuture<Void> eject(long channel, int code, String reason);

  /**
   * Sends a 2003 message (u16 type + payload) to the clients (CLIENTAGENT_SEND_DATAGRAM).
   *
   * @param channel the channel
   * @param message the raw message
   * @return completes once sent
   */
  CompletableFuture<Void> send(long channel, byte[] message);

  /**
   * Closes the clients' connections without a message (CLIENTAGENT_DROP).
   *
   * @param channel the channel
   * @return completes once sent
   */
  CompletableFuture<Void> drop(long channel);
}
