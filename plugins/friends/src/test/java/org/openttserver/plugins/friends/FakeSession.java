package org.openttserver.plugins.friends;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;

/** A logged-in session that records what is sent to it and the commands it is given. */
final class FakeSession implements ClientSession {
  final long accountId;
  final String accountName;
  final List<ClientBound> sent = new CopyOnWriteArrayList<>();
  final List<Integer> commands = new CopyOnWriteArrayList<>();
  /** The objects declared to the client agent for this session now. */
  final Set<Long> declared = ConcurrentHashMap.newKeySet();
  final List<String> ejections = new CopyOnWriteArrayList<>();
  final List<Datagram> postRemoves = new CopyOnWriteArrayList<>();
  private final Map<SessionKey<?>, Object> attributes = new ConcurrentHashMap<>();
  volatile boolean connected = true;
  volatile long clientId;

  FakeSession(long accountId, String accountName) {
    this.accountId = accountId;
    this.accountName = accountName;
  }

  @Override
  public void send(ClientBound message) {
    sent.add(message);
  }

  @Override
  public long connectionChannel() {
    return 1_000_000_000L + accountId;
  }

  @Override
  public String remoteAddress() {
    return "127.0.0.1";
  }

  @Override
  public int remotePort() {
    return 5150;
  }

  @Override
  public boolean isAuthenticated() {
    return true;
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
    throw new UnsupportedOperationException();
  }

  @Override
  public void send(int msgType, Consumer<DatagramWriter> payload) {
    throw new UnsupportedOperationException("use records");
  }

  @Override
  public void sendRaw(byte[] message) {
    throw new UnsupportedOperationException("use records");
  }

  @Override
  public void eject(int code, String reason) {
    ejections.add(code + " " + reason);
  }

  @Override
  public void command(int msgType, Consumer<DatagramWriter> payload) {
    commands.add(msgType);
    if (msgType == AstronMsg.CLIENTAGENT_DECLARE_OBJECT
        || msgType == AstronMsg.CLIENTAGENT_UNDECLARE_OBJECT) {
      DatagramWriter w = new DatagramWriter();
      payload.accept(w);
      long doId = new DatagramReader(w.toByteArray()).readDoId();
      if (msgType == AstronMsg.CLIENTAGENT_DECLARE_OBJECT) {
        declared.add(doId);
      } else {
        declared.remove(doId);
      }
    }
  }

  @Override
  public void setClientId(long clientId) {
    this.clientId = clientId;
  }

  @Override
  public long clientId() {
    return clientId;
  }

  @Override
  public void openChannel(long channel) {
    commands.add(-1);
  }

  @Override
  public void closeChannel(long channel) {
    commands.add(-2);
  }

  @Override
  public void addPostRemove(Datagram datagram) {
    postRemoves.add(datagram);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(SessionKey<T> key) {
    return Optional.ofNullable((T) attributes.get(key));
  }

  @Override
  public <T> void set(SessionKey<T> key, T value) {
    if (value == null) {
      attributes.remove(key);
    } else {
      attributes.put(key, value);
    }
  }

  @Override
  public boolean isConnected() {
    return connected;
  }
}
