package org.openttserver.api.bridge;

import java.util.concurrent.CompletableFuture;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.Protocol2003;

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
   * Sends a 2003 message record to the clients, encoded by {@link Protocol2003}, as {@link
   * org.openttserver.api.session.ClientSession#send(ClientBound)} does for one session.
   *
   * <p>Example: {@code bridge.clients().send(Channels.ALL_CLIENTS, new ServerDown(shardId))}.
   *
   * @param channel the channel
   * @param message the message
   * @return completes once sent
   * @throws IllegalArgumentException if the record is not of the catalogue or does not fit the
   *     wire
   * @since 0.2
   */
  default CompletableFuture<Void> send(long channel, ClientBound message) {
    return send(channel, Protocol2003.encode(message));
  }

  /**
   * Closes the clients' connections without a message (CLIENTAGENT_DROP).
   *
   * @param channel the channel
   * @return completes once sent
   */
  CompletableFuture<Void> drop(long channel);

  /**
   * Sends field updates of an object to the clients on a channel only, not to the object's
   * location (STATESERVER_OBJECT_SET_FIELD, one per field, addressed to that channel): how an AI
   * answers one client, e.g. a TimeManager's {@code serverTime} to the client of avatar {@code
   * id} on {@code Channels.avatar(id)}. A client agent passes the update to each client on the
   * channel that sees the object and drops it for the others; the object itself is not changed.
   *
   * <p>Example: {@code clients.sendFields(Channels.avatar(avatarId), timeManagerId,
   * FieldValues.builder(tm).set("serverTime", context, timestamp, now).build());}
   *
   * @param channel the channel
   * @param doId the object the fields belong to
   * @param values the updates
   * @return completes once sent
   * @throws IllegalArgumentException if no value is given
   * @since 0.3
   */
  CompletableFuture<Void> sendFields(long channel, long doId, FieldValues values);
}
