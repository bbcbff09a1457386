package org.openttserver.api.session;

import java.util.Optional;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.Protocol2003;

/**
 * One connected 2003 client, as the extension sees it.
 *
 * <p>The client's connection lives in a client agent (embedded or Astron's); every method here
 * sends a CLIENTAGENT_* command to the client's connection channel with the extension channel as
 * sender, in call order. Attributes are the plugins' per-session state.
 *
 * @since 0.1
 */
public interface ClientSession {
  /** Client-agent state: only the messages the extension allows. */
  int STATE_NEW = 0;
  /** Client-agent state: anonymous. */
  int STATE_ANONYMOUS = 1;
  /** Client-agent state: logged in; the client agent accepts field updates. */
  int STATE_ESTABLISHED = 2;

  /** {@return the connection channel the client agent allocated; stable for the session} */
  long connectionChannel();

  /** {@return the client's IP address as the client agent saw it, or "" if unknown} */
  String remoteAddress();

  /** {@return the client's TCP port, or 0 if unknown} */
  int remotePort();

  /** {@return true once a login plugin called {@link #authenticate}} */
  boolean isAuthenticated();

  /** {@return the logged-in account's id, or 0} */
  long accountId();

  /** {@return the account name given at login, or ""} */
  String accountName();

  /**
   * Marks the session logged in: records the account and tells the client agent (state
   * established). Messages registered with {@link Access#LOGGED_IN} are dispatched from now on.
   *
   * @param accountId the account's doId
   * @param accountName the account's name
   */
  void authenticate(long accountId, String accountName);

  /**
   * Sends a 2003 message to the client.
   *
   * @param msgType the 2003 message type
   * @param payload writes the payload
   */
  void send(int msgType, Consumer<DatagramWriter> payload);

  /**
   * Sends a 2003 message record to the client, encoded by {@link Protocol2003}.
   *
   * <pre>{@code
   * session.send(new DoneSetZoneResp(2000));
   * }</pre>
   *
   * @param message the message
   * @throws IllegalArgumentException if the record is not of the catalogue or does not fit the
   *     wire
   * @since 0.2
   */
  default void send(ClientBound message) {
    sendRaw(Protocol2003.encode(message));
  }

  /**
   * Sends a raw 2003 message (u16 type + payload) to the client.
   *
   * @param message the bytes
   */
  void sendRaw(byte[] message);

  /**
   * Sends GO_GET_LOST with the code and reason, then closes the connection.
   *
   * @param code a {@link org.openttserver.api.msg.BootCode}
   * @param reason the reason, logged on both sides
   */
  void eject(int code, String reason);

  /**
   * Sends a CLIENTAGENT_* command to this client's connection channel.
   *
   * @param msgType the command's message type
   * @param payload writes the payload
   */
  void command(int msgType, Consumer<DatagramWriter> payload);

  /**
   * Changes the sender id the client agent uses for this client (CLIENTAGENT_SET_CLIENT_ID).
   *
   * @param clientId the new id
   */
  void setClientId(long clientId);

  /** {@return the current client id (the sender of the client's messages)} */
  long clientId();

  /**
   * Subscribes the client to a channel (CLIENTAGENT_OPEN_CHANNEL).
   *
   * @param channel the channel
   */
  void openChannel(long channel);

  /**
   * Unsubscribes the client from a channel (CLIENTAGENT_CLOSE_CHANNEL).
   *
   * @param channel the channel
   */
  void closeChannel(long channel);

  /**
   * Stores a datagram the client agent routes when this client goes away.
   *
   * @param datagram the datagram
   */
  void addPostRemove(Datagram datagram);

  /**
   * Reads a plugin's per-session value.
   *
   * @param key the key
   * @param <T> the value type
   * @return the value, if set
   */
  <T> Optional<T> get(SessionKey<T> key);

  /**
   * Stores a plugin's per-session value.
   *
   * @param key the key
   * @param value the value, or null to remove it
   * @param <T> the value type
   */
  <T> void set(SessionKey<T> key, T value);

  /** {@return true while the client is connected} */
  boolean isConnected();
}
