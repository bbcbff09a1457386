package org.openttserver.runtime.extension;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.bridge.BridgeArguments;
import org.openttserver.api.bridge.NoReplyException;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;

/**
 * The extension's view of one client: commands go to the connection channel with the extension
 * channel as sender, through the extension's participant, so they keep their call order.
 */
final class RuntimeClientSession implements ClientSession {
  private final ClusterParticipant cluster;
  private final long extensionChannel;
  private final long connectionChannel;
  private final String remoteAddress;
  private final int remotePort;
  private final Map<SessionKey<?>, Object> attributes = new ConcurrentHashMap<>();
  /** Raw client messages waiting for the previous one's handler; touched on the executor only. */
  final Queue<byte[]> inbox = new ArrayDeque<>();
  boolean busy;
  private volatile boolean connected = true;
  private volatile long accountId;
  private volatile String accountName = "";
  private volatile long clientId;
  private volatile Runnable onEject = () -> { };
  private volatile Runnable onLogout = () -> { };
  private volatile Duration replyTimeout = Duration.ofSeconds(5);

  RuntimeClientSession(ClusterParticipant cluster, long extensionChannel, long connectionChannel,
      String remoteAddress, int remotePort) {
    this.cluster = cluster;
    this.extensionChannel = extensionChannel;
    this.connectionChannel = connectionChannel;
    this.remoteAddress = remoteAddress;
    this.remotePort = remotePort;
    this.clientId = connectionChannel;
  }

  @Override
  public long connectionChannel() {
    return connectionChannel;
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public int remotePort() {
    return remotePort;
  }

  @Override
  public boolean isAuthenticated() {
    return accountId != 0;
  }

  @Override
  public long accountId() {
    return accountId;
  }

  @Override
  public String accountName() {
    return accountName;
  }

  @Override
  public void authenticate(long accountId, String accountName) {
    if (accountId == 0) {
      throw new IllegalArgumentException("account id 0 is not an account");
    }
    if (this.accountId != 0 && this.accountId != accountId) {
      onLogout.run();
    }
    this.accountName = accountName;
    this.accountId = accountId;
    command(AstronMsg.CLIENTAGENT_SET_STATE, w -> w.u16(STATE_ESTABLISHED));
  }

  @Override
  public void send(int msgType, Consumer<DatagramWriter> payload) {
    DatagramWriter msg = new DatagramWriter().u16(msgType);
    payload.accept(msg);
    sendRaw(msg.toByteArray());
  }

  @Override
  public void sendRaw(byte[] message) {
    command(AstronMsg.CLIENTAGENT_SEND_DATAGRAM, w -> w.blob(message));
  }

  @Override
  public void eject(int code, String reason) {
    command(AstronMsg.CLIENTAGENT_EJECT, w -> w.u16(code).string(reason));
    onEject.run();
  }

  /** Sets what runs before the session logs in as another account (listeners see the old one). */
  void onLogout(Runnable hook) {
    this.onLogout = hook;
  }

  @Override
  public void drop() {
    command(AstronMsg.CLIENTAGENT_DROP, w -> { });
    onEject.run();
  }

  /** Sets how long interest commands wait for the client agent's answer. */
  void replyTimeout(Duration timeout) {
    this.replyTimeout = timeout;
  }

  @Override
  public CompletableFuture<Void> addInterest(int interestId, long parent, long... zones) {
    requireInterestId(interestId);
    if (zones.length == 0 || zones.length > 0xFFFF) {
      throw new IllegalArgumentException("1 to 65535 zones, got " + zones.length);
    }
    BridgeArguments.requireLocation(parent, zones);
    return interestCommand(interestId, "add interest " + interestId, () -> {
      if (zones.length == 1) {
        command(AstronMsg.CLIENTAGENT_ADD_INTEREST,
            w -> w.u16(interestId).doId(parent).u32(zones[0]));
      } else {
        command(AstronMsg.CLIENTAGENT_ADD_INTEREST_MULTIPLE, w -> {
          w.u16(interestId).doId(parent).u16(zones.length);
          for (long z : zones) {
            w.u32(z);
          }
        });
      }
    });
  }

  @Override
  public CompletableFuture<Void> removeInterest(int interestId) {
    requireInterestId(interestId);
    return interestCommand(interestId, "remove interest " + interestId,
        () -> command(AstronMsg.CLIENTAGENT_REMOVE_INTEREST, w -> w.u16(interestId)));
  }

  private static void requireInterestId(int interestId) {
    if (interestId < 0 || interestId > 0xFFFF) {
      throw new IllegalArgumentException("interest id must be a u16, got " + interestId);
    }
  }

  /**
   * Sends an interest command and waits for CLIENTAGENT_DONE_INTEREST_RESP to the extension
   * channel with this client's id (as it was, or as it became meanwhile) and the interest id.
   * Answers for one id are taken in order, so two commands on one id complete in call order.
   */
  private CompletableFuture<Void> interestCommand(int interestId, String what, Runnable send) {
    if (!connected) {
      return CompletableFuture.failedFuture(new IllegalStateException(this + ": " + what
          + ": the client is gone"));
    }
    long idAtCall = clientId;
    CompletableFuture<Datagram> done = cluster.expect(AstronMsg.CLIENTAGENT_DONE_INTEREST_RESP,
        d -> {
          DatagramReader r = d.payload();
          long id = r.readChannel();
          return r.readU16() == interestId
              && (id == idAtCall || id == clientId || id == connectionChannel);
        }, replyTimeout);
    send.run();
    CompletableFuture<Void> out = new CompletableFuture<>();
    done.whenComplete((d, err) -> {
      if (err == null) {
        out.complete(null);
        return;
      }
      out.completeExceptionally(NoReplyException.of(err, this + ": " + what,
          "CLIENTAGENT_DONE_INTEREST_RESP", replyTimeout));
    });
    return out;
  }

  /** Sets what runs after an eject was sent (the core stops handling this session). */
  void onEject(Runnable hook) {
    this.onEject = hook;
  }

  @Override
  public void command(int msgType, Consumer<DatagramWriter> payload) {
    if (!connected) {
      // The connection channel is gone (or about to be reused): late work must not reach it.
      return;
    }
    DatagramWriter w = Datagram.header(connectionChannel, extensionChannel, msgType);
    payload.accept(w);
    cluster.send(Datagram.of(w));
  }

  @Override
  public void setClientId(long clientId) {
    this.clientId = clientId;
    command(AstronMsg.CLIENTAGENT_SET_CLIENT_ID, w -> w.channel(clientId));
  }

  @Override
  public long clientId() {
    return clientId;
  }

  @Override
  public void openChannel(long channel) {
    command(AstronMsg.CLIENTAGENT_OPEN_CHANNEL, w -> w.channel(channel));
  }

  @Override
  public void closeChannel(long channel) {
    command(AstronMsg.CLIENTAGENT_CLOSE_CHANNEL, w -> w.channel(channel));
  }

  @Override
  public void addPostRemove(Datagram datagram) {
    command(AstronMsg.CLIENTAGENT_ADD_POST_REMOVE, w -> w.blob(datagram.body()));
  }

  @Override
  public <T> Optional<T> get(SessionKey<T> key) {
    return Optional.ofNullable(key.type().cast(attributes.get(key)));
  }

  @Override
  public <T> void set(SessionKey<T> key, T value) {
    if (value == null) {
      attributes.remove(key);
    } else {
      attributes.put(key, key.type().cast(value));
    }
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  void markDisconnected() {
    connected = false;
  }

  @Override
  public String toString() {
    return "client " + Long.toUnsignedString(connectionChannel)
        + (accountId != 0 ? " (" + accountName + ")" : "")
        + (remoteAddress.isEmpty() ? "" : " from " + remoteAddress + ":" + remotePort);
  }

  static String describe(int msgType) {
    return ClientMsg.nameOf(msgType);
  }
}
