package org.openttserver.api.session;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.msg.AstronMsg;

/**
 * One connected 2003 client, as the extension sees it.
 *
 * <p>The client's connection lives in a client agent (embedded or Astron's); every method here
 * sends a CLIENTAGENT_* command to the client's connection channel with the extension channel as
 * sender, in call order. Attributes are the plugins' per-session state.
 *
 * <p>Since 0.2 the client-agent commands have typed methods: interests ({@link #addInterest},
 * answered by the client agent when the snapshot has been sent), session objects, declared
 * objects and sendable fields. Example:
 *
 * <pre>{@code
 * session.addInterest(1, districtId, 2000, 2001)
 *     .thenRun(() -> session.addSessionObject(avatarId));
 * }</pre>
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

  /**
   * Opens or changes an interest: the client sees the objects in these zones of the parent
   * (CLIENTAGENT_ADD_INTEREST, or _MULTIPLE for several zones). The future completes, on the
   * extension participant's executor, when the client agent answers CLIENTAGENT_DONE_INTEREST_RESP
   * (after it sent the client every object already there); it fails with {@link
   * org.openttserver.api.bridge.NoReplyException} if that answer does not come in time, and with
   * {@link IllegalStateException} if the client was gone at the call. A client agent that loses
   * the client meanwhile may still answer (ours does), so check {@link #isConnected()} after.
   * Zones are {@code long}s like every doId and zone of the bridge, sent as u32.
   *
   * @param interestId the interest's id (u16); reusing an id replaces that interest
   * @param parent the parent doId
   * @param zones one or more zones
   * @return completes when the client has the zones' objects
   * @throws IllegalArgumentException if the id is not a u16 or no zone is given
   * @since 0.2
   */
  default CompletableFuture<Void> addInterest(int interestId, long parent, long... zones) {
    // A default only so that sessions written for 0.1 (test fakes) still compile.
    throw new UnsupportedOperationException(getClass().getName() + " does not support interests");
  }

  /**
   * Closes an interest (CLIENTAGENT_REMOVE_INTEREST): objects no other interest covers leave the
   * client. Completes when the client agent answers CLIENTAGENT_DONE_INTEREST_RESP, which both
   * ours and Astron's send for a removal too; fails as {@link #addInterest} does.
   *
   * @param interestId the interest's id (u16)
   * @return completes when the client agent has closed it
   * @since 0.2
   */
  default CompletableFuture<Void> removeInterest(int interestId) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support interests");
  }

  /**
   * Makes an object a session object (CLIENTAGENT_ADD_SESSION_OBJECT): if it is deleted or leaves
   * the client's view, the client is ejected.
   *
   * @param doId the object
   * @since 0.2
   */
  default void addSessionObject(long doId) {
    command(AstronMsg.CLIENTAGENT_ADD_SESSION_OBJECT, w -> w.doId(doId));
  }

  /**
   * Stops treating an object as a session object (CLIENTAGENT_REMOVE_SESSION_OBJECT).
   *
   * @param doId the object
   * @since 0.2
   */
  default void removeSessionObject(long doId) {
    command(AstronMsg.CLIENTAGENT_REMOVE_SESSION_OBJECT, w -> w.doId(doId));
  }

  /**
   * Lets the client send updates to an object it does not see, as this class
   * (CLIENTAGENT_DECLARE_OBJECT).
   *
   * @param doId the object
   * @param dclass its class
   * @since 0.2
   */
  default void declareObject(long doId, DcClass dclass) {
    command(AstronMsg.CLIENTAGENT_DECLARE_OBJECT, w -> w.doId(doId).u16(dclass.number()));
  }

  /**
   * Withdraws a declaration (CLIENTAGENT_UNDECLARE_OBJECT).
   *
   * @param doId the object
   * @since 0.2
   */
  default void undeclareObject(long doId) {
    command(AstronMsg.CLIENTAGENT_UNDECLARE_OBJECT, w -> w.doId(doId));
  }

  /**
   * Sets which fields of an object the client may send, beyond its {@code clsend} fields
   * (CLIENTAGENT_SET_FIELDS_SENDABLE); no field resets the object to the DC keywords.
   *
   * @param doId the object
   * @param fields the fields
   * @since 0.2
   */
  default void setFieldsSendable(long doId, DcField... fields) {
    if (fields.length > 0xFFFF) {
      throw new IllegalArgumentException("at most 65535 fields, got " + fields.length);
    }
    command(AstronMsg.CLIENTAGENT_SET_FIELDS_SENDABLE, w -> {
      w.doId(doId).u16(fields.length);
      for (DcField f : fields) {
        w.u16(f.globalId());
      }
    });
  }

  /**
   * Forgets every datagram stored with {@link #addPostRemove} (CLIENTAGENT_CLEAR_POST_REMOVES).
   *
   * @since 0.2
   */
  default void clearPostRemoves() {
    command(AstronMsg.CLIENTAGENT_CLEAR_POST_REMOVES, w -> { });
  }

  /**
   * Closes the connection without a message (CLIENTAGENT_DROP); {@link #eject} tells the client
   * why.
   *
   * @since 0.2
   */
  default void drop() {
    command(AstronMsg.CLIENTAGENT_DROP, w -> { });
  }
}
