package org.openttserver.testclient.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openttserver.testclient.client.Bytes.cat;
import static org.openttserver.testclient.client.Bytes.of;
import static org.openttserver.testclient.client.Bytes.str;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.DoneSetZoneResp;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.testclient.LoopbackServer;

class ScriptedClientTest {
  private LoopbackServer server;
  private ScriptedClient client;

  @BeforeEach
  void open() {
    server = new LoopbackServer();
    client = ScriptedClient.connect(server.endpoint());
  }

  @AfterEach
  void close() {
    client.close();
    server.close();
  }

  /** Plays the server: one framed message. */
  private void serverSends(byte[] body) {
    server.write(cat(of(body.length, body.length >>> 8), body));
  }

  @Test
  void send_whenLogin2Record_thenServerReadsFramedBody() {
    Login2 login = new Login2("t", "v", 1, ClientMsg.TokenType.PLAY_TOKEN);
    byte[] body = Protocol2003.encode(login);
    client.send(login);
    assertThat(server.read(2)).containsExactly(body.length, 0);
    assertThat(server.read(body.length)).containsExactly(cat(of(16, 0), str("t"), str("v"),
        of(1, 0, 0, 0), of(2, 0, 0, 0)));
  }

  @Test
  void send_whenTypeAndPayloadWriter_thenRawBody() {
    client.send(ClientMsg.SET_ZONE, w -> w.u16(2000));
    assertThat(server.read(6)).containsExactly(4, 0, 29, 0, 0xD0, 0x07);
  }

  @Test
  void expect_whenReplyArrives_thenDecodedRecord() {
    serverSends(cat(of(48, 0), of(1, 0)));
    assertThat(client.expect(DoneSetZoneResp.class)).isEqualTo(new DoneSetZoneResp(1));
  }

  @Test
  void expectRecord_whenOtherTypeArrives_thenAssertionNamesBoth() {
    serverSends(cat(of(48, 0), of(1, 0)));
    assertThatThrownBy(() -> client.expect(Login2Resp.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Login2Resp")
        .hasMessageContaining("DoneSetZoneResp[zoneId=1]");
  }

  @Test
  void expectRecord_whenTrailingOrMissingBytes_thenAssertionSaysMalformed() {
    serverSends(cat(of(48, 0), of(1, 0, 9)));
    assertThatThrownBy(() -> client.expect(DoneSetZoneResp.class))
        .isInstanceOf(AssertionError.class).hasMessageContaining("malformed");
    serverSends(cat(of(48, 0), of(1)));
    assertThatThrownBy(() -> client.expect(DoneSetZoneResp.class))
        .isInstanceOf(AssertionError.class).hasMessageContaining("malformed");
  }

  @Test
  void expect_whenOtherTypeArrives_thenAssertionNamesBoth() {
    serverSends(of(52, 0));
    assertThatThrownBy(() -> client.expect(ClientMsg.LOGIN_2_RESP))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LOGIN_2_RESP(17)")
        .hasMessageContaining("HEARTBEAT(52)");
  }

  @Test
  void expect_whenNothingArrives_thenAssertionSaysSo() {
    assertThatThrownBy(() -> client.expect(ClientMsg.LOGIN_2_RESP, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("nothing arrived");
  }

  @Test
  void expect_whenServerCloses_thenAssertionSaysClosed() throws Exception {
    server.peer().close();
    assertThatThrownBy(() -> client.expect(ClientMsg.LOGIN_2_RESP))
        .isInstanceOf(AssertionError.class).hasMessageContaining("closed");
  }

  @Test
  void expectNone_whenMessageArrives_thenFails() {
    serverSends(of(52, 0));
    assertThatThrownBy(client::expectNone).isInstanceOf(AssertionError.class)
        .hasMessageContaining("HEARTBEAT");
  }

  @Test
  void expectGoGetLost_whenBootedAndClosed_thenReturnsReason() throws Exception {
    serverSends(cat(of(4, 0), of(100, 0), str("someone else logged in")));
    server.peer().close();
    assertThat(client.expectGoGetLost(BootCode.RELOGIN)).isEqualTo("someone else logged in");
  }

  @Test
  void expectGoGetLost_whenCodeDiffers_thenFails() {
    serverSends(cat(of(4, 0), of(1, 0), str("x")));
    assertThatThrownBy(() -> client.expectGoGetLost(BootCode.RELOGIN))
        .isInstanceOf(AssertionError.class).hasMessageContaining("100");
  }

  @Test
  void expectClosed_whenServerStaysOpen_thenFails() {
    server.peer();
    assertThatThrownBy(() -> client.expectClosed(Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("stayed open");
  }

  @Test
  void loginFlow_whenFakeServerAnswers_thenClientReadsReply() {
    Login2 login = new Login2("tok", "sv1.0.6.9", 0x1234, 2);
    client.send(login);
    byte[] req = server.read(2 + Protocol2003.encode(login).length);
    assertThat(req[2]).isEqualTo((byte) ClientMsg.LOGIN_2);
    serverSends(cat(of(17, 0), of(0), str(""), str("tok"), of(1), of(0, 0, 0, 0),
        of(0, 0, 0, 0), of(1)));
    Login2Resp resp = client.expect(Login2Resp.class);
    assertThat(resp.userName()).isEqualTo("tok");
    assertThat(resp.minutesRemaining()).isEmpty();
  }
}
