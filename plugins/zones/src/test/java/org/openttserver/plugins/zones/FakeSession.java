package org.openttserver.plugins.zones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.api.protocol.DoneSetZoneResp;
import org.openttserver.api.protocol.GetStateResp;
import org.openttserver.testclient.fakes.RecordingSession;

/**
 * A logged-in session that records what is sent to it and every interest call, in one list of
 * events in call order; interest futures are completed by the test ({@link #completeAll}).
 */
final class FakeSession extends RecordingSession {
  /** Records ("47(1)") and interest calls ("add 0 @10 [2]", "remove 1"), in call order. */
  final List<String> events = new ArrayList<>();
  final List<CompletableFuture<Void>> pending = new ArrayList<>();

  FakeSession(long accountId) {
    super(accountId, "player" + accountId);
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
    if (message instanceof GetStateResp g) {
      events.add("47(" + g.zoneId() + ")");
    } else if (message instanceof DoneSetZoneResp d) {
      events.add("48(" + d.zoneId() + ")");
    } else {
      events.add(message.toString());
    }
  }

  @Override
  public void eject(int code, String reason) {
    events.add("eject " + code);
  }

  @Override
  public void command(int msgType, java.util.function.Consumer<
      org.openttserver.api.datagram.DatagramWriter> payload) {
    events.add("command " + msgType);
  }
}
