package org.openttserver.plugins.names;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;

/** A logged-in session that records what is sent to it. */
final class FakeSession implements ClientSession {
  final long accountId;
  final List<ClientBound> sent = new CopyOnWriteArrayList<>();

  FakeSession(long accountId) {
    this.accountId = accountId;
  }

  ClientBound last() {
    return sent.get(sent.size() - 1);
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
    return "acct" + accountId;
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
    throw new AssertionError("ejected " + code + ": " + reason);
  }

  @Override
  public void command(int msgType, Consumer<DatagramWriter> payload) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setClientId(long clientId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long clientId() {
    return 0;
  }

  @Override
  public void openChannel(long channel) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void closeChannel(long channel) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void addPostRemove(Datagram datagram) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> Optional<T> get(SessionKey<T> key) {
    return Optional.empty();
  }

  @Override
  public <T> void set(SessionKey<T> key, T value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean isConnected() {
    return true;
  }
}
