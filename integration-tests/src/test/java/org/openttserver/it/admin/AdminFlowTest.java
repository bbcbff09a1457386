package org.openttserver.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.BootCode;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * The admin plugin on a real server over loopback: the JSON API approves a typed name the client
 * then sees, bans a connected player (ejected with 151, then refused at login with the reason),
 * lifts the ban; the page signs in an account by its Argon2id password and level.
 */
class AdminFlowTest {
  @TempDir static Path dir;
  static AdminCluster cluster;

  @BeforeAll
  static void start() {
    cluster = AdminCluster.start(dir);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void wishName_whenApprovedThroughApi_thenTheChooserShowsItApproved() {
    try (ScriptedClient c = cluster.player("Namer")) {
      long cat = AdminCluster.catWithWish(c, "Whiskerly");
      EmbeddedServers.eventually("the name in the queue", () -> cluster.api("/api/names", null)
          .body().contains("\"wish_name\":\"Whiskerly\""));
      HttpResponse<String> r = cluster.api("/api/names/approve", "avatar=" + cat);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(AdminCluster.entry(c, cat).approvedName()).isEqualTo("Whiskerly");
      assertThat(cluster.api("/api/names/approve", "avatar=" + cat).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void ban_whenConnected_thenEjected151AndRefusedAtLoginUntilLifted() throws Exception {
    try (ScriptedClient c = cluster.player("Spammer")) {
      HttpResponse<String> r = cluster.api("/api/ban", "account=Spammer&reason=spamming+<b>");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(c.expectGoGetLost(BootCode.ADMIN_KICK)).isEqualTo("spamming <b>");
    }
    try (ScriptedClient again = ScriptedClient.connect(EmbeddedServers.gamePort(cluster.server))) {
      again.send(new org.openttserver.api.protocol.Login2("Spammer", "sv1.0.6.9",
          cluster.server.dc().clientHash(),
          org.openttserver.api.msg.ClientMsg.TokenType.PLAY_TOKEN));
      assertThat(again.expectGoGetLost(BootCode.ADMIN_KICK)).contains("is banned")
          .endsWith(": spamming <b>");
    }
    assertThat(cluster.api("/api/players?q=spam", null).body()).contains("\"banned\":true");
    assertThat(cluster.api("/api/unban", "account=Spammer").statusCode()).isEqualTo(200);
    cluster.player("Spammer").close();
    assertThat(Files.readString(dir.resolve("data/plugins/admin/audit.log")))
        .contains("\tapi\tban\taccount Spammer for good reason spamming <b>: done")
        .contains("\tapi\tunban\taccount Spammer: done");
  }

  @Test
  void kick_whenConnected_thenEjected151() {
    try (ScriptedClient c = cluster.player("Noisy")) {
      assertThat(cluster.api("/api/kick", "account=noisy&reason=take+a+break").statusCode())
          .isEqualTo(200);
      assertThat(c.expectGoGetLost(BootCode.ADMIN_KICK)).isEqualTo("take a break");
    }
  }

  @Test
  void overviewAndPlayers_thenDistrictsPluginsAndLoginAddresses() {
    try (ScriptedClient c = cluster.player("Visible")) {
      String overview = cluster.api("/api/overview", null).body();
      assertThat(overview).contains("{\"id\":\"admin\",\"version\":\"0.1.0\",\"state\":"
          + "\"STARTED\"}").contains("\"logins_last_hour\":");
      String players = cluster.api("/api/players?q=Visible", null).body();
      assertThat(players).contains("\"name\":\"Visible\"").contains("\"connected\":true")
          .contains("\"address\":\"127.0.0.1\"");
    }
  }

  @Test
  void signIn_whenPasswordAndLevelRight_thenSignedInElseRefused() throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    assertThat(signIn(http, "Boss", AdminCluster.BOSS_PASSWORD)).isEqualTo(303);
    assertThat(signIn(http, "Helper", "not-the-password")).isEqualTo(401);
    cluster.createWithPassword("Plain", "plain-password");
    assertThat(signIn(http, "Plain", "plain-password")).isEqualTo(403);
  }

  @Test
  void signIn_whenGrantedFromTheCommandLine_thenModeratorAtOnce() throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    cluster.createWithPassword("Promoted", "promoted-pw");
    assertThat(signIn(http, "Promoted", "promoted-pw")).isEqualTo(403);
    int code = new picocli.CommandLine(new org.openttserver.runtime.Main()).execute("admin",
        "grant", "--config", dir.resolve("openttserver.yml").toString(), "promoted", "200");
    assertThat(code).isZero();
    assertThat(signIn(http, "Promoted", "promoted-pw")).isEqualTo(303);
  }

  private static int signIn(HttpClient http, String name, String password) throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(cluster.base()
        + "/signin")).build(), HttpResponse.BodyHandlers.ofString());
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    var m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
        .matcher(page.body());
    assertThat(m.find()).isTrue();
    return http.send(HttpRequest.newBuilder(URI.create(cluster.base() + "/signin"))
        .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + m.group(1) + "&name=" + name
            + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void metrics_onTheAdminPort_withoutSignIn_thenTheServersFamilies() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(cluster.base() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
        assertThat(t).startsWith("text/plain; version=0.0.4"));
    assertThat(r.body()).contains("openttserver_clients_connected",
        "openttserver_md_datagrams_routed_total", "jvm_memory_used_bytes");
  }
}
