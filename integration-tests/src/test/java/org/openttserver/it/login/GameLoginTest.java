package org.openttserver.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.Heartbeat;
import org.openttserver.api.protocol.Login;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.api.protocol.LoginResp;
import org.openttserver.api.protocol.SetSecurity;
import org.openttserver.testclient.client.ScriptedClient;

/** LOGIN_2, LOGIN and SET_SECURITY through the client agent, with unknown tokens refused. */
class GameLoginTest {
  @TempDir
  static Path dir;
  static LoginCluster cluster;

  @BeforeAll
  static void start() {
    cluster = LoginCluster.start(dir, LoginCluster.section(false, 300));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void login2_whenPlayTokenFromAccountServer_thenEveryReplyField() {
    String token = cluster.createAndPlay("TokenToon", "secret1");
    try (ScriptedClient c = cluster.client()) {
      cluster.login2(c, token);
      Login2Resp r = cluster.expectLogin2(c);
      assertThat(r.returnCode()).isZero();
      assertThat(r.userName()).isEqualTo("TokenToon");
      assertThat(r.secretChatAllowed()).isTrue();
      assertThat(r.isPaid()).isTrue();
      assertThat(r.sec()).isCloseTo(System.currentTimeMillis() / 1000,
          org.assertj.core.data.Offset.offset(60L));
      assertThat(r.usec()).isLessThan(1_000_000);
      assertThat(r.minutesRemaining()).hasValue(-1);
    }
  }

  @Test
  void login2_whenTokenReplayed_thenEject122() {
    String token = cluster.createAndPlay("Replayer", "secret1");
    try (ScriptedClient first = cluster.client(); ScriptedClient second = cluster.client()) {
      cluster.login2(first, token);
      cluster.expectLogin2(first);
      cluster.login2(second, token);
      assertThat(second.expectGoGetLost(122)).contains("already used");
    }
  }

  @Test
  void login2_whenUnknownTokenAndNotAccepted_thenEject122() {
    try (ScriptedClient c = cluster.client()) {
      cluster.login2(c, "SomeFakeName");
      assertThat(c.expectGoGetLost(122)).contains("unknown play token");
    }
  }

  @Test
  void login2_whenWrongVersion_thenEject124() {
    try (ScriptedClient c = cluster.client()) {
      c.send(new Login2("x", "sv1.0.7.12", cluster.dcHash(), 2));
      assertThat(c.expectGoGetLost(124)).contains("sv1.0.7.12");
    }
  }

  @Test
  void login2_whenWrongDcHash_thenEject125() {
    try (ScriptedClient c = cluster.client()) {
      c.send(new Login2("x", LoginCluster.VERSION, cluster.dcHash() ^ 1, 2));
      c.expectGoGetLost(125);
    }
  }

  @Test
  void login2_whenGreenTokenType_thenEject122() {
    try (ScriptedClient c = cluster.client()) {
      c.send(new Login2("x", LoginCluster.VERSION, cluster.dcHash(), 1));
      assertThat(c.expectGoGetLost(122)).contains("token type 1");
    }
  }

  @Test
  void login2_whenTruncated_thenEject109() {
    try (ScriptedClient c = cluster.client()) {
      c.send(ClientMsg.LOGIN_2, w -> w.string("tok"));
      c.expectGoGetLost(109);
    }
  }

  @Test
  void login2_whenTrailingByte_thenEject106() {
    try (ScriptedClient c = cluster.client()) {
      c.send(ClientMsg.LOGIN_2, w -> w.string("tok").string(LoginCluster.VERSION)
          .u32(cluster.dcHash()).i32(2).u8(0));
      c.expectGoGetLost(106);
    }
  }

  @Test
  void login2_whenTokenLongerThan1024Bytes_thenEject109() {
    try (ScriptedClient c = cluster.client()) {
      c.send(new Login2("x".repeat(1025), LoginCluster.VERSION, cluster.dcHash(), 2));
      c.expectGoGetLost(109);
    }
  }

  @Test
  void login2_whenBlueCodeMapped_thenLoggedInAsMappedName() {
    try (ScriptedClient c = cluster.client()) {
      c.send(new Login2("BLUE-1234", LoginCluster.VERSION, cluster.dcHash(), 3));
      assertThat(cluster.expectLogin2(c).userName()).isEqualTo("BlueToon");
    }
  }

  @Test
  void login2_whenSameAccountLogsInTwice_thenFirstEjected100() {
    cluster.createAndPlay("Twice", "secret1");
    try (ScriptedClient first = cluster.client(); ScriptedClient second = cluster.client()) {
      cluster.login2(first, play("Twice"));
      cluster.expectLogin2(first);
      cluster.login2(second, play("Twice"));
      assertThat(cluster.expectLogin2(second).returnCode()).isZero();
      first.expectGoGetLost(100);
      second.expectNone();
    }
  }

  @Test
  void login2_whenSentAgainOnSameConnection_thenAcceptedWithoutEjectingItself() {
    cluster.createAndPlay("Relogger", "secret1");
    try (ScriptedClient c = cluster.client()) {
      cluster.login2(c, play("Relogger"));
      cluster.expectLogin2(c);
      cluster.login2(c, play("Relogger"));
      assertThat(cluster.expectLogin2(c).returnCode()).isZero();
      c.expectNone();
    }
  }

  @Test
  void login_whenBannedAccount_thenEject151WithReason() {
    try (ScriptedClient c = cluster.client()) {
      long id = cluster.oldLogin(c, "Banned1", "secret1", true).accountCode();
      cluster.ban(id, 2, 0, "griefing");
    }
    try (ScriptedClient c = cluster.client()) {
      c.send(new Login("Banned1", 0, 5150, LoginCluster.VERSION, cluster.dcHash(),
          "secret1", false));
      assertThat(c.expectGoGetLost(151)).contains("griefing");
    }
  }

  @Test
  void login_whenPasswordHasLatin1Bytes_thenSameOnAccountServerAndGamePortAndNoTwoCollide() {
    // The client sends its text as bytes (ISO-8859-1): %E4 on the account server and the byte
    // 0xE4 in CLIENT_LOGIN are the same 'ä', and 'ä' and 'ö' never decode to the same password.
    assertThat(LoginCluster.value(cluster.post("create", "n=Accent1&p=p%E4ssword"), "errorMsg"))
        .isNull();
    try (ScriptedClient c = cluster.client()) {
      assertThat(cluster.oldLogin(c, "Accent1", "p\u00e4ssword", false).returnCode()).isZero();
    }
    try (ScriptedClient c = cluster.client()) {
      assertThat(cluster.oldLogin(c, "Accent1", "p\u00f6ssword", false).returnCode())
          .isEqualTo(12);
    }
  }

  @Test
  void login_whenBanExpired_thenLoggedIn() {
    try (ScriptedClient c = cluster.client()) {
      long id = cluster.oldLogin(c, "Banned2", "secret1", true).accountCode();
      cluster.ban(id, 1, 1000, "old ban");
    }
    try (ScriptedClient c = cluster.client()) {
      assertThat(cluster.oldLogin(c, "Banned2", "secret1", false).returnCode()).isZero();
    }
  }

  @Test
  void login_whenCreateThenLogin_thenCodes0AndSameAccount() {
    try (ScriptedClient c = cluster.client()) {
      LoginResp created = cluster.oldLogin(c, "OldAuth1", "secret1", true);
      assertThat(created.returnCode()).isZero();
      assertThat(created.accountCode()).isPositive();
      assertThat(created.sec()).isPositive();
      LoginResp again = cluster.oldLogin(c, "oldauth1", "secret1", false);
      assertThat(again.returnCode()).isZero();
      assertThat(again.accountCode()).isEqualTo(created.accountCode());
    }
  }

  @Test
  void login_whenCreateTakenOrBadName_thenCodes12And14() {
    try (ScriptedClient c = cluster.client()) {
      cluster.oldLogin(c, "OldAuth2", "secret1", true);
    }
    try (ScriptedClient c = cluster.client()) {
      assertThat(cluster.oldLogin(c, "OLDAUTH2", "secret1", true).returnCode()).isEqualTo(12);
      assertThat(cluster.oldLogin(c, "bad\tname", "secret1", true).returnCode()).isEqualTo(14);
    }
  }

  @Test
  void login_whenUnknownNameOrWrongPassword_thenCodes129And12() {
    try (ScriptedClient c = cluster.client()) {
      cluster.oldLogin(c, "OldAuth3", "secret1", true);
    }
    try (ScriptedClient c = cluster.client()) {
      assertThat(cluster.oldLogin(c, "NoSuchName", "secret1", false).returnCode()).isEqualTo(129);
      assertThat(cluster.oldLogin(c, "OldAuth3", "wrong12", false).returnCode()).isEqualTo(12);
    }
  }

  @Test
  void login_whenPasswordFailuresReachLimit_thenRightPasswordAlsoRefused12() {
    try (ScriptedClient c = cluster.client()) {
      cluster.oldLogin(c, "OldAuth4", "secret1", true);
    }
    try (ScriptedClient c = cluster.client()) {
      for (int i = 0; i < 3; i++) {
        assertThat(cluster.oldLogin(c, "OldAuth4", "wrong" + i, false).returnCode())
            .isEqualTo(12);
      }
      LoginResp r = cluster.oldLogin(c, "OldAuth4", "secret1", false);
      assertThat(r.returnCode()).isEqualTo(12);
      assertThat(r.errorString()).contains("too many");
    }
  }

  @Test
  void setSecurity_whenLoginToken_thenNoReplyAndStillConnected() {
    String token = cluster.createAndPlay("Secure1", "secret1");
    try (ScriptedClient c = cluster.client()) {
      cluster.login2(c, token);
      cluster.expectLogin2(c);
      c.send(new SetSecurity(token, 2));
      c.expectNone();
      c.send(new Heartbeat());
      c.expectNone();
    }
  }

  @Test
  void setSecurity_whenOtherToken_thenEject120() {
    String token = cluster.createAndPlay("Secure2", "secret1");
    try (ScriptedClient c = cluster.client()) {
      cluster.login2(c, token);
      cluster.expectLogin2(c);
      c.send(new SetSecurity("forged", 2));
      c.expectGoGetLost(120);
    }
  }

  @Test
  void setSecurity_whenNotLoggedIn_thenEject113() {
    try (ScriptedClient c = cluster.client()) {
      c.send(new SetSecurity("forged", 2));
      c.expectGoGetLost(113);
    }
  }

  private static String play(String name) {
    return LoginCluster.value(cluster.post("play", "n=" + name + "&p=secret1"), "playToken");
  }
}
