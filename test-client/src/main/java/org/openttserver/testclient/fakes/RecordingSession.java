package org.openttserver.testclient.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.SessionKey;

/**
 * A logged-in {@link ClientSession} for unit tests of plugin code: it records the records sent to
 * it, its ejection, its interest changes and other commands in one ordered {@link #log}, and
 * completes interest changes at once (or, with {@link #holdInterests}, when the test says).
 *
 * <pre>{@code
 * RecordingSession s = new RecordingSession(7, "Flippy");
 * handlers.setZone(s, new SetZone(2000));
 * assertThat(s.sent()).containsExactly(GetStateResp.of(2000), new DoneSetZoneResp(2000));
 * }</pre>
 *
 * <p>A test that wants its own record (a string log, interest futures of its own) extends it and
 * overrides those methods; the rest of the session comes from here.
 */
public class RecordingSession implements ClientSession {
  /** One interest command. */
  public record Interest(int interestId, long parent, List<Long> zones) {
    /** {@return a removal of an interest} */
    public static Interest removed(int interestId) {
      return new Interest(interestId, 0, List.of());
    }
  }

  private final long accountId;
  private final String accountName;
  private final List<Object> log = new CopyOnWriteArrayList<>();
  private final Map<SessionKey<?>, Object> attributes = new ConcurrentHashMap<>();
  private final List<CompletableFuture<Void>> heldInterests = new CopyOnWriteArrayList<>();
  private volatile boolean connected = true;
  private volatile boolean holdInterests;
  private volatile long clientId;

  /**
   * A session logged in to an account.
   *
   * @param accountId the account id
   * @param accountName the account name
   */
  public RecordingSession(long accountId, String accountName) {
    this.accountId = accountId;
    this.accountName = accountName;
  }

  /**
   * {@return everything in order: sent {@link ClientBound} records, {@link Interest}s, ejections
   * as "eject CODE REASON", other commands as "command TYPE"}
   */
  public List<Object> log() {
    return List.copyOf(log);
  }

  /** {@return the records sent, in order} */
  public List<ClientBound> sent() {
    List<ClientBound> out = new ArrayList<>();
    for (Object o : log) {
      if (o instanceof ClientBound c) {
        out.add(c);
      }
    }
    return out;
  }

  /** {@return the interest commands, in order} */
  public List<Interest> interests() {
    List<Interest> out = new ArrayList<>();
    for (Object o : log) {
      if (o instanceof Interest i) {
        out.add(i);
      }
    }
    return out;
  }

  /** {@return the ejection ("CODE REASON"), if any} */
  public Optional<String> ejection() {
    for (Object o : log) {
      if (o instanceof String s && s.startsWith("eject ")) {
        return Optional.of(s.substring(6));
      }
    }
    return Optional.empty();
  }

  /** Forgets what was recorded. */
  public void clear() {
    log.clear();
  }

  /**
   * Interest changes from now on complete only when {@link #completeInterests} is called.
   *
   * @param hold true to hold them
   */
  public void holdInterests(boolean hold) {
    this.holdInterests = hold;
  }

  /** Completes every held interest change, in order. */
  public void completeInterests() {
    List<CompletableFuture<Void>> now = List.copyOf(heldInterests);
    heldInterests.removeAll(now);
    now.forEach(f -> f.complete(null));
  }

  /**
   * Marks the session connected or not ({@link #isConnected}).
   *
   * @param connected the new state
   */
  public void setConnected(boolean connected) {
    this.connected = connected;
  }

  private CompletableFuture<Void> interest(Interest i) {
    log.add(i);
    if (!holdInterests) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    heldInterests.add(f);
    return f;
  }

  @Override
  public CompletableFuture<Void> addInterest(int interestId, long parent, long... zones) {
    List<Long> z = new ArrayList<>();
    for (long zone : zones) {
      z.add(zone);
    }
    return interest(new Interest(interestId, parent, List.copyOf(z)));
  }

  @Override
  public CompletableFuture<Void> removeInterest(int interestId) {
    return interest(Interest.removed(interestId));
  }

  @Override
  public void send(ClientBound message) {
    log.add(message);
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
    throw new UnsupportedOperationException("a RecordingSession is logged in from the start");
  }

  @Override
  public void send(int msgType, Consumer<DatagramWriter> payload) {
    log.add("raw " + msgType);
  }

  @Override
  public void sendRaw(byte[] message) {
    log.add("raw " + ((message[0] & 0xFF) | (message[1] & 0xFF) << 8));
  }

  @Override
  public void eject(int code, String reason) {
    log.add("eject " + code + " " + reason);
    connected = false;
  }

  @Override
  public void command(int msgType, Consumer<DatagramWriter> payload) {
    log.add("command " + msgType);
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
    log.add("open " + channel);
  }

  @Override
  public void closeChannel(long channel) {
    log.add("close " + channel);
  }

  @Override
  public void addPostRemove(Datagram datagram) {
    log.add("post-remove");
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

  @Override
  public String toString() {
    return "RecordingSession[" + accountName + "]";
  }
}
