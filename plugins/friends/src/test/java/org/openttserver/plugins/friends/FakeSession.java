package org.openttserver.plugins.friends;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.protocol.ClientBound;
import org.openttserver.testclient.fakes.RecordingSession;

/**
 * A logged-in session (the test kit's) that keeps what the friends tests look at in lists of
 * their own: the records sent, the commands, the objects declared, ejections, post-removes.
 */
final class FakeSession extends RecordingSession {
  final List<ClientBound> sent = new CopyOnWriteArrayList<>();
  final List<Integer> commands = new CopyOnWriteArrayList<>();
  /** The objects declared to the client agent for this session now. */
  final Set<Long> declared = ConcurrentHashMap.newKeySet();
  final List<String> ejections = new CopyOnWriteArrayList<>();
  final List<Datagram> postRemoves = new CopyOnWriteArrayList<>();
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
  public boolean isConnected() {
    return connected;
  }
}
