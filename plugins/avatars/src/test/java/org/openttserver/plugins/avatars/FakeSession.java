package org.openttserver.plugins.avatars;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.testclient.fakes.RecordingSession;

/** A logged-in session (the test kit's) that records what is sent to it and its commands. */
final class FakeSession extends RecordingSession {
  final List<ClientBound> sent = new CopyOnWriteArrayList<>();
  final List<Integer> commands = new CopyOnWriteArrayList<>();
  final List<String> ejections = new CopyOnWriteArrayList<>();
  volatile boolean connected = true;

  FakeSession(long accountId, String accountName) {
    super(accountId, accountName);
  }

  @Override
  public void send(ClientBound message) {
    sent.add(message);
  }

  @Override
  public void eject(int code, String reason) {
    ejections.add(code + " " + reason);
  }

  @Override
  public void command(int msgType, Consumer<DatagramWriter> payload) {
    commands.add(msgType);
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
  public boolean isConnected() {
    return connected;
  }
}
