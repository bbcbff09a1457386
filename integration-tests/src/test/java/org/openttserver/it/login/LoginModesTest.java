package org.openttserver.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.testclient.client.ScriptedClient;

/** Configurations other than the usual: unknown tokens accepted, zero token TTL, disabled. */
class LoginModesTest {
  @TempDir
  Path dir;

  @Test
  void login2_whenUnknownTokenAccepted_thenAccountOfThatNameCreatedAndReused() {
    try (LoginCluster cluster = LoginCluster.start(dir, LoginCluster.section(true, 300))) {
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "FakeToon");
        assertThat(cluster.expectLogin2(c).userName()).isEqualTo("FakeToon");
      }
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "faketoon");
        assertThat(cluster.expectLogin2(c).userName()).isEqualTo("FakeToon");
      }
    }
  }

  @Test
  void login2_whenDeprecatedDatabaseKeysSet_thenTheyStillChooseTheDatabase() throws Exception {
    String nowhere = LoginCluster.section(true, 300)
        + "    database_channel: 402999\n    request_timeout_ms: 300\n";
    try (LoginCluster cluster = LoginCluster.start(
        java.nio.file.Files.createDirectories(dir.resolve("nowhere")), nowhere)) {
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "Lost");
        assertThat(c.expectGoGetLost(122)).contains("account service is not available");
      }
    }
    String usual = LoginCluster.section(true, 300) + "    database_channel: 402001\n";
    try (LoginCluster cluster = LoginCluster.start(
        java.nio.file.Files.createDirectories(dir.resolve("usual")), usual)) {
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "Found");
        assertThat(cluster.expectLogin2(c).userName()).isEqualTo("Found");
      }
    }
  }

  @Test
  void login2_whenUnknownTokenNamesAnAccountWithAPassword_thenEject122() {
    try (LoginCluster cluster = LoginCluster.start(dir, LoginCluster.section(true, 300))) {
      cluster.createAndPlay("Carol", "secret1");
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "Carol");
        assertThat(c.expectGoGetLost(122)).contains("needs its password");
      }
    }
  }

  @Test
  void create_whenTooManyFromOneAddress_thenRateLimited() {
    String section = LoginCluster.section(false, 300)
        .replace("creates_per_address: 50", "creates_per_address: 2");
    try (LoginCluster cluster = LoginCluster.start(dir, section)) {
      assertThat(LoginCluster.value(cluster.post("create", "n=First1&p=secret1"), "errorMsg"))
          .isNull();
      assertThat(LoginCluster.value(cluster.post("create", "n=Second2&p=secret1"), "errorMsg"))
          .isNull();
      String third = cluster.post("create", "n=Third3&p=secret1");
      assertThat(LoginCluster.value(third, "errorCode")).isEqualTo("21");
      assertThat(LoginCluster.value(third, "errorMsg")).contains("Too many new accounts");
    }
  }

  @Test
  void login2_whenUnknownTokensCreateMoreThanTheAddressMay_thenEject122AndOldOnesStillWork() {
    String section = LoginCluster.section(true, 300)
        .replace("creates_per_address: 50", "creates_per_address: 2");
    try (LoginCluster cluster = LoginCluster.start(dir, section)) {
      for (String name : List.of("Made1", "Made2")) {
        try (ScriptedClient c = cluster.client()) {
          cluster.login2(c, name);
          assertThat(cluster.expectLogin2(c).returnCode()).isZero();
        }
      }
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "Made3");
        assertThat(c.expectGoGetLost(122)).contains("too many new accounts");
      }
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "Made1"); // no new account: not limited
        assertThat(cluster.expectLogin2(c).returnCode()).isZero();
      }
    }
  }

  @Test
  void login2_whenUnknownTokenFromAnotherMachine_thenRefusedUnlessAllowedFromAnywhere()
      throws Exception {
    try (LoginCluster cluster = LoginCluster.start(dir, LoginCluster.section(true, 300))) {
      byte[] right = Protocol2003.encode(new Login2("Remote1", LoginCluster.VERSION,
          cluster.dcHash(), ClientMsg.TokenType.PLAY_TOKEN));
      Datagram d = cluster.fakeClient("203.0.113.7", right);
      assertThat(d.msgType()).isEqualTo(AstronMsg.CLIENTAGENT_EJECT);
      var r = d.payload();
      assertThat(r.readU16()).isEqualTo(122);
      assertThat(r.readString()).contains("only from its own machine");
    }
    try (LoginCluster cluster = LoginCluster.start(dir, LoginCluster.section(true, 300)
        + "    unknown_tokens_from: anywhere\n")) {
      byte[] right = Protocol2003.encode(new Login2("Remote1", LoginCluster.VERSION,
          cluster.dcHash(), ClientMsg.TokenType.PLAY_TOKEN));
      Datagram d = cluster.fakeClient("203.0.113.7", right);
      assertThat(d.msgType()).isEqualTo(AstronMsg.CLIENTAGENT_SEND_DATAGRAM);
      var message = d.payload();
      message.readU16(); // the blob's length
      assertThat(message.readU16()).isEqualTo(ClientMsg.LOGIN_2_RESP);
      assertThat(org.openttserver.api.protocol.Login2Resp.CODEC.read(message).returnCode())
          .isZero();
    }
  }

  @Test
  void config_whenUnknownTokensFromIsNotAChoice_thenStartFailsNamingTheKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoginCluster.start(dir,
            LoginCluster.section(true, 300) + "    unknown_tokens_from: sometimes\n"))
        .hasMessageContaining("plugins.login.unknown_tokens_from")
        .hasMessageContaining("loopback or anywhere");
  }

  @Test
  void login2_whenUnknownTokenNotAName_thenEject122() {
    try (LoginCluster cluster = LoginCluster.start(dir, LoginCluster.section(true, 300))) {
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "x");
        assertThat(c.expectGoGetLost(122)).contains("not a usable account name");
      }
    }
  }

  @Test
  void login2_whenTokenExpired_thenEject122() {
    try (LoginCluster cluster = LoginCluster.start(dir, LoginCluster.section(true, 0))) {
      String token = cluster.createAndPlay("Expiring", "secret1");
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, token);
        assertThat(c.expectGoGetLost(122)).contains("expired");
      }
    }
  }

  @Test
  void login2_whenPluginDisabled_thenAnsweredAsUnknown108() {
    try (LoginCluster cluster = LoginCluster.start(dir, "    enabled: false\n")) {
      try (ScriptedClient c = cluster.client()) {
        cluster.login2(c, "anything");
        c.expectGoGetLost(108);
      }
    }
  }

  @Test
  void login_whenServerRestarted_thenAccountAndNameIndexKept() {
    long id;
    try (LoginCluster cluster = LoginCluster.start(dir, LoginCluster.section(false, 300))) {
      try (ScriptedClient c = cluster.client()) {
        id = cluster.oldLogin(c, "Durable1", "secret1", true).accountCode();
      }
    }
    try (LoginCluster cluster = LoginCluster.start(dir, LoginCluster.section(false, 300))) {
      try (ScriptedClient c = cluster.client()) {
        assertThat(cluster.oldLogin(c, "DURABLE1", "secret1", false).accountCode())
            .isEqualTo(id);
      }
    }
  }
}
