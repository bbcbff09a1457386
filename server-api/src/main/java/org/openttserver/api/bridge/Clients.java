package org.openttserver.api.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.msg.AstronMsg;

/** {@link ClientControl} over a bridge. */
final class Clients implements ClientControl {
  private final Bridge bridge;

  Clients(Bridge bridge) {
    this.bridge = bridge;
  }

  @Override
  public CompletableFuture<Void> eject(long channel, int code, String reason) {
    Objects.requireNonNull(reason, "reason");
    if (code < 0 || code > 0xFFFF) {
      throw new IllegalArgumentException("eject code must be a u16, got " + code);
    }
    return bridge.send(bridge.header(channel, AstronMsg.CLIENTAGENT_EJECT).u16(code)
        .string(reason));
  }

  @Override
  public CompletableFuture<Void> send(long channel, byte[] message) {
    if (message.length < 2) {
      throw new IllegalArgumentException("a 2003 message starts with its u16 type");
    }
    return bridge.send(bridge.header(channel, AstronMsg.CLIENTAGENT_SEND_DATAGRAM).blob(message));
  }

  @Override
  public CompletableFuture<Void> drop(long channel) {
    return bridge.send(bridge.header(channel, AstronMsg.CLIENTAGENT_DROP));
  }

  @Override
  public CompletableFuture<Void> sendFields(long channel, long doId, FieldValues values) {
    BridgeArguments.requireU32("doId", doId);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("fields of " + Bridge.id(doId) + " for channel "
          + channel + ": no field given");
    }
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (DcFieldValue v : values.asList()) {
      DatagramWriter w = bridge.header(channel, AstronMsg.STATESERVER_OBJECT_SET_FIELD).doId(doId);
      FieldValues.of(values.dclass(), v).writePairs(w);
      sent.add(bridge.send(w));
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }
}
