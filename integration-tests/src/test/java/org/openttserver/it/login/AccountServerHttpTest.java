package org.openttserver.it.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.login.LoginCluster.value;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account server over real HTTP, every operation the 2003 client uses. */
class AccountServerHttpTest {
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
  void request_whenHeadersNeverFinish_thenDroppedAfterTheRequestTimeLimit() throws Exception {
    // maxReqTime is 2 s in this module's test JVM (pom.xml); the plugin's default is 10 s.
    java.net.URI base = java.net.URI.create(cluster.baseUrl());
    try (java.net.Socket slow = new java.net.Socket(base.getHost(), base.getPort())) {
      slow.setSoTimeout(15_000);
      slow.getOutputStream().write("GET /constants.php HTTP/1.1\r\nHost: x\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      long t0 = System.nanoTime();
      int read = slow.getInputStream().read(); // blocks until the server gives up on it
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(read).as("the server closed the connection without answering").isEqualTo(-1);
      assertThat(seconds).as("dropped by the time limit, not at once").isBetween(1.0, 10.0);
    }
    // Everyone else is still served.
    assertThat(cluster.get("getDate.php")).startsWith("ACCOUNT SERVER DATE");
  }

  @Test
  void constants_whenFetched_thenHeaderAndEveryRequiredKey() {
    String r = cluster.get("constants.php");
    assertThat(r).startsWith("ACCOUNT SERVER CONSTANTS\n");
    assertThat(value(r, "minNameLength")).isEqualTo("4");
    assertThat(value(r, "minPwLength")).isEqualTo("6");
    assertThat(value(r, "allowNewAccounts")).isEqualTo("1");
    for (String k : new String[] {"freeTrialPeriodInDays", "priceFirstMonth", "pricePerMonth",
        "customerServicePhoneNumber", "creditCardUpFront"}) {
      assertThat(value(r, k)).as(k).isNotNull();
    }
  }

  @Test
  void getDate_whenFetched_thenHeaderAndEpochNearNow() {
    String[] lines = cluster.get("getDate.php").split("\n");
    assertThat(lines[0]).isEqualTo("ACCOUNT SERVER DATE");
    assertThat(Long.parseLong(lines[1])).isCloseTo(System.currentTimeMillis() / 1000,
        org.assertj.core.data.Offset.offset(60L));
  }

  @Test
  void create_whenNewName_thenPlayTokenAndPaidFreeTime() {
    String r = cluster.post("create", "n=HttpNew&p=secret1");
    assertThat(r).startsWith("ACCOUNT SERVER RESPONSE\n");
    assertThat(value(r, "playToken")).hasSize(43);
    assertThat(value(r, "freeTime")).isEqualTo("-1");
    assertThat(value(r, "errorMsg")).isNull();
  }

  @Test
  void create_whenNameTakenInOtherCase_thenError3() {
    cluster.post("create", "n=Taken1&p=secret1");
    String r = cluster.post("create", "n=TAKEN1&p=secret2");
    assertThat(value(r, "errorCode")).isEqualTo("3");
    assertThat(value(r, "errorMsg")).contains("taken");
  }

  @Test
  void create_whenBadNameOrPassword_thenErrors4And6() {
    assertThat(value(cluster.post("create", "n=ab&p=secret1"), "errorCode")).isEqualTo("4");
    assertThat(value(cluster.post("create", "n=GoodName&p=123"), "errorCode")).isEqualTo("6");
  }

  @Test
  void play_whenRightPassword_thenNewSingleUseToken() {
    cluster.post("create", "n=Player1&p=secret1");
    String a = value(cluster.post("play", "n=player1&p=secret1"), "playToken");
    String b = value(cluster.post("play", "n=Player1&p=secret1"), "playToken");
    assertThat(a).isNotNull().isNotEqualTo(b);
  }

  @Test
  void play_whenWrongPasswordOrUnknownName_thenErrors5And2() {
    cluster.post("create", "n=Player2&p=secret1");
    assertThat(value(cluster.post("play", "n=Player2&p=wrongpw"), "errorCode")).isEqualTo("5");
    assertThat(value(cluster.post("play", "n=Nobody99&p=wrongpw"), "errorCode")).isEqualTo("2");
  }

  @Test
  void play_whenTooManyFailures_thenRefusedEvenWithRightPassword() {
    cluster.post("create", "n=Limited1&p=secret1");
    for (int i = 0; i < 3; i++) {
      assertThat(value(cluster.post("play", "n=Limited1&p=bad" + i), "errorCode")).isEqualTo("5");
    }
    String r = cluster.post("play", "n=Limited1&p=secret1");
    assertThat(value(r, "errorCode")).isEqualTo("21");
    assertThat(value(r, "playToken")).isNull();
  }

  @Test
  void authDelete_whenPasswordRightOrWrong_thenEmptyOkOrError5() {
    cluster.post("create", "n=Deleter1&p=secret1");
    assertThat(cluster.post("authDelete", "n=Deleter1&p=secret1"))
        .isEqualTo("ACCOUNT SERVER RESPONSE\n");
    assertThat(value(cluster.post("authDelete", "n=Deleter1&p=nope12"), "errorCode"))
        .isEqualTo("5");
  }

  @Test
  void get_whenAuthorized_thenAccountInfoWithBirthDateKeys() {
    cluster.post("create", "n=Getter1&p=secret1");
    String r = cluster.post("get", "n=Getter1&p=secret1");
    assertThat(r).startsWith("ACCOUNT INFO\n");
    assertThat(value(r, "dobYear")).isNotNull();
  }

  @Test
  void setChatAndAuthenticateChat_whenAccountPassword_thenPlayTokens() {
    cluster.post("create", "n=Chatter1&p=secret1");
    assertThat(value(cluster.post("authenticateChat", "n=Chatter1&p=secret1"), "playToken"))
        .isNotNull();
    assertThat(value(cluster.post("setChat", "chat=1&n=Chatter1&p=secret1"), "playToken"))
        .isNotNull();
    assertThat(value(cluster.post("setChat", "chat=1&n=Chatter1&p=wrong1"), "errorCode"))
        .isEqualTo("5");
  }

  @Test
  void purchase_whenNewPassword_thenOldStopsAndNewWorks() {
    cluster.post("create", "n=Changer1&p=secret1");
    String r = cluster.post("purchase", "n=Changer1&np=secret2&p=secret1");
    assertThat(value(r, "playToken")).as(r).isNotNull();
    assertThat(value(cluster.post("play", "n=Changer1&p=secret2"), "playToken")).isNotNull();
  }

  @Test
  void unsupportedOps_whenCalled_thenClearErrorMessages() {
    assertThat(value(cluster.post("forgotPw", "n=Someone"), "errorMsg")).contains("not available");
    assertThat(value(cluster.post("setSecrets", "n=a&p=b&sp=c"), "errorCode")).isEqualTo("40");
    assertThat(value(cluster.post("cancel", "n=a&p=b"), "errorCode")).isEqualTo("40");
  }

  @Test
  void badRequests_whenUnknownOpMissingKeyOrOversized_thenErrorCode90() {
    assertThat(value(cluster.post("launchRockets", "n=a"), "errorMsg")).contains("unknown");
    assertThat(value(cluster.post("play", "n=OnlyName"), "errorMsg"))
        .isEqualTo("missing field 'p'");
    String huge = "n=x&p=" + "y".repeat(20_000);
    assertThat(value(cluster.post("play", huge), "errorCode")).isEqualTo("90");
  }
}
