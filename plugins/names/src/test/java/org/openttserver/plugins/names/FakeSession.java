package org.openttserver.plugins.names;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.testclient.fakes.RecordingSession;

/** A logged-in session (the test kit's) that records what is sent to it; never ejected. */
final class FakeSession extends RecordingSession {
  final List<ClientBound> sent = new CopyOnWriteArrayList<>();

  FakeSession(long accountId) {
    super(accountId, "account" + accountId);
  }

  ClientBound last() {
    return sent.get(sent.size() - 1);
  }

  @Override
  public void send(ClientBound message) {
    sent.add(message);
  }

  @Override
  public void eject(int code, String reason) {
    throw new AssertionError("ejected " + code + ": " + reason);
  }
}
