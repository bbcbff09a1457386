package org.openttserver.api.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.DoneSetZoneResp;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.protocol.ServerBound;
import org.openttserver.api.protocol.SetZone;

/** {@link ClientMessages#on} and {@code ClientSession.send(ClientBound)}. */
class TypedMessagesTest {
  /** Records what {@code on} registers. */
  static final class Recorder implements ClientMessages {
    int type = -1;
    Access access;
    ClientMessageHandler handler;

    @Override
    public Registration register(int msgType, Access access, ClientMessageHandler handler) {
      this.type = msgType;
      this.access = access;
      this.handler = handler;
      return () -> { };
    }
  }

  private static final ClientSession NO_SESSION = null;

  private static DatagramReader payload(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new DatagramReader(b);
  }

  @Test
  void on_registersTheRecordsNumber_andHandsTheDecodedRecordOver() throws Exception {
    Recorder r = new Recorder();
    List<SetZone> got = new ArrayList<>();
    r.on(SetZone.class, Access.LOGGED_IN, (s, m) -> {
      got.add(m);
      return null;
    });
    assertThat(r.type).isEqualTo(ClientMsg.SET_ZONE);
    assertThat(r.access).isEqualTo(Access.LOGGED_IN);
    DatagramReader in = payload(0xD0, 0x07);
    assertThat(r.handler.handle(NO_SESSION, in)).isNull();
    assertThat(got).containsExactly(new SetZone(2000));
    assertThat(in.remaining()).isZero();
  }

  @Test
  void on_whenTrailingBytes_thenEject106_andTheHandlerIsNotCalled() {
    Recorder r = new Recorder();
    List<SetZone> got = new ArrayList<>();
    r.on(SetZone.class, Access.ANYONE, (s, m) -> {
      got.add(m);
      return null;
    });
    assertThatThrownBy(() -> r.handler.handle(NO_SESSION, payload(0xD0, 0x07, 0)))
        .isInstanceOfSatisfying(ClientProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(BootCode.OVERSIZED_DATAGRAM));
    assertThat(got).isEmpty();
  }

  @Test
  void on_whenTruncated_thenFormatExceptionPropagates_andTheHandlerIsNotCalled() {
    Recorder r = new Recorder();
    List<SetZone> got = new ArrayList<>();
    r.on(SetZone.class, Access.ANYONE, (s, m) -> {
      got.add(m);
      return null;
    });
    assertThatThrownBy(() -> r.handler.handle(NO_SESSION, payload(0xD0)))
        .isInstanceOf(DatagramFormatException.class);
    assertThat(got).isEmpty();
  }

  @Test
  void on_whenTheClassIsNotACatalogueRecord_thenRefused() {
    record Custom() implements ServerBound { }
    assertThatThrownBy(() -> new Recorder().on(Custom.class, Access.ANYONE, (s, m) -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void send_encodesTheRecord_andSendsItRaw() {
    List<byte[]> sent = new ArrayList<>();
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getName().equals("sendRaw")) {
        sent.add((byte[]) args[0]);
        return null;
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      throw new UnsupportedOperationException(method.getName());
    };
    ClientSession session = (ClientSession) Proxy.newProxyInstance(
        ClientSession.class.getClassLoader(), new Class<?>[] {ClientSession.class}, h);
    session.send(new DoneSetZoneResp(2000));
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).containsExactly(Protocol2003.encode(new DoneSetZoneResp(2000)))
        .containsExactly(48, 0, 0xD0, 0x07);
  }
}
