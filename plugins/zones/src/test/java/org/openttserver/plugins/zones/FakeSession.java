package org.openttserver.plugins.zones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;

/**
 * A logged-in session that records what is sent to it and every interest call, in one list of
 * events in call order; interest futures are completed by the test ({@link #completeAll}).
 */
final class FakeSession implements ClientSession {
  final long accountId;
  /** Records ("47(1)") and interest calls ("add 0 @10 [2]", "remove 1"), in call order. */
  final List<String> events = new ArrayList<>();
  final List<CompletableFuture<Void>> pending = new ArrayList<>();
  private final Map<SessionKey<?>, Object> attributes = new ConcurrentHashMap<>();
  boolean connected = true;

  FakeSession(long accountId) {
    this.accountId = accountId;
  }

  /** Completes every interest call made so far. */
  void completeAll() {
    List<CompletableFuture<Void>> now = List.copyOf(pending);
    pending.clear();
    now.forEach(f -> f.complete(null));
  }

  /** {@return the events so far, and forgets them} */
  List<String> take() {
    List<String> out = List.copyOf(events);
    events.clear();
    return out;
  }

  @Override
  public CompletableFuture<Void> addInterest(int interestId, long parent, long... zones) {
    TreeSet<Long> sorted = new TreeSet<>();
    Arrays.stream(zones).forEach(sorted::add);
    events.add("add " + interestId + " @" + parent + " " + sorted);
    CompletableFuture<Void> f = new CompletableFuture<>();
    pending.add(f);
    return f;
  }

  @Override
  public CompletableFuture<Void> removeInterest(int interestId) {
    events.add("remove " + interestId);
    CompletableFuture<Void> f = new CompletableFuture<>();
    pending.add(f);
    return f;
  }

  @Override
  public void send(ClientBound message) {
    if (message instanceof org.openttserver.api.protocol.GetStateResp g) {
      events.add("47(" + g.zoneId() + ")");
    } else if (message instanceof org.openttserver.api.protocol.DoneSetZoneResp d) {
      events.add("48(" + d.zoneId() + ")");
    } else {
      events.add(message.toString());
    }
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
    return "account" + accountId;
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
    events.add("eject " + code);
  }

  @Override
  public void command(int msgType, Consumer<DatagramWriter> payload) {
    events.add("command " + msgType);
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
