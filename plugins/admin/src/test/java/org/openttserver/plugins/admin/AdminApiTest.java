package org.openttserver.plugins.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.service.AccountAdmin;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.service.NameReview.PendingName;
import org.openttserver.api.service.ServerInfo;
import org.openttserver.testclient.fakes.RecordingSession;
import org.slf4j.LoggerFactory;

/** The JSON API over loopback HTTP with fake services, and its generated token. */
class AdminApiTest {
  @TempDir Path dir;
  final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
  final Fakes.FakeServices services = new Fakes.FakeServices();
  final Fakes.FakeAccounts accounts = new Fakes.FakeAccounts();
  final Fakes.FakeReview review = new Fakes.FakeReview();
  final Fakes.FakeSessions clients = new Fakes.FakeSessions();
  final HttpClient http = HttpClient.newHttpClient();
  AdminServer server;
  String token;

  @BeforeEach
  void start() throws IOException {
    services.provide(AccountAdmin.class, accounts);
    services.provide(NameReview.class, review);
    services.provide(ServerInfo.class, new ServerInfo() {
      @Override
      public long startedAtMillis() {
        return clock.get() - 90_000;
      }

      @Override
      public String version() {
        return "0.1.0";
      }

      @Override
      public java.util.List<PluginStatus> plugins() {
        return java.util.List.of(new PluginStatus("login", "0.1.0", "STARTED"));
      }
    });
    accounts.add(4, "Griefer", "griefpass", 0);
    server = new AdminServer(AdminConfig.defaults(), new InetSocketAddress("127.0.0.1", 0),
        services, clients, dir, LoggerFactory.getLogger("admin-test"), clock::get);
    token = Files.readString(dir.resolve(AdminServer.TOKEN_FILE)).trim();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> call(String method, String path, String bearer, String form)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.address().getPort() + path));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (method.equals("POST")) {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void token_whenGenerated_thenOwnerOnlyAndKeptAcrossRestarts() throws Exception {
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    assertThat(Files.getPosixFilePermissions(dir.resolve(AdminServer.TOKEN_FILE)))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    server.close();
    server = new AdminServer(AdminConfig.defaults(), new InetSocketAddress("127.0.0.1", 0),
        services, clients, dir, LoggerFactory.getLogger("admin-test"), clock::get);
    assertThat(call("GET", "/api/overview", token, null).statusCode()).isEqualTo(200);
  }

  @Test
  void api_whenTokenMissingOrWrong_then401NothingChanged() throws Exception {
    HttpResponse<String> none = call("POST", "/api/ban", null, "account=Griefer&reason=x");
    HttpResponse<String> wrong = call("POST", "/api/ban", token + "x",
        "account=Griefer&reason=x");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(none.body()).isEqualTo("{\"error\":\"a valid bearer token is needed\"}");
    assertThat(accounts.calls).isEmpty();
    clock.addAndGet(60_000); // the second refusal of the address is counted into a later line
    server.purge();
    assertThat(Files.readString(dir.resolve(AdminServer.AUDIT_FILE))).contains("no token")
        .contains("wrong token");
  }

  @Test
  void overview_thenJson() throws Exception {
    clients.connect(4, "Griefer");
    HttpResponse<String> r = call("GET", "/api/overview", token, null);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body()).isEqualTo("{\"uptime_seconds\":90,\"version\":\"0.1.0\","
        + "\"clients_connected\":1,\"clients_logged_in\":1,\"logins_last_hour\":0,"
        + "\"districts\":[],\"plugins\":[{\"id\":\"login\",\"version\":\"0.1.0\","
        + "\"state\":\"STARTED\"}]}");
  }

  @Test
  void names_thenJsonEscapedAndRejectedByPost() throws Exception {
    review.pending.put(77L, new PendingName(77L, 4, "Mc\"<Quote>", 5));
    HttpResponse<String> list = call("GET", "/api/names", token, null);
    assertThat(list.body()).contains("\"wish_name\":\"Mc\\\"\\u003cQuote\\u003e\"")
        .contains("\"account\":\"Griefer\"");
    HttpResponse<String> r = call("POST", "/api/names/reject", token, "avatar=77");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(review.decided).containsExactly("reject 77");
    assertThat(call("POST", "/api/names/reject", token, "avatar=77").statusCode())
        .isEqualTo(404);
  }

  @Test
  void banKickUnban_thenDoneAndAudited() throws Exception {
    RecordingSession s = clients.connect(4, "Griefer");
    assertThat(call("POST", "/api/kick", token, "account=Griefer&reason=stop").statusCode())
        .isEqualTo(200);
    assertThat(s.ejection()).hasValue("151 stop");
    HttpResponse<String> ban = call("POST", "/api/ban", token,
        "account=Griefer&reason=spam&until=2027-01-31T18:00:00Z");
    assertThat(ban.body()).isEqualTo("{\"ok\":true,\"message\":\"Banned Griefer until "
        + "2027-01-31T18:00:00Z.\"}");
    HttpResponse<String> players = call("GET", "/api/players?q=grie", token, null);
    assertThat(players.body()).contains("\"banned\":true").contains("\"ban_reason\":\"spam\"");
    assertThat(call("POST", "/api/unban", token, "account=Griefer").statusCode())
        .isEqualTo(200);
    assertThat(accounts.calls).containsExactly("ban 4 1801418400 spam", "unban 4");
    assertThat(call("POST", "/api/ban", token, "account=Nobody&reason=x").statusCode())
        .isEqualTo(404);
    assertThat(Files.readAllLines(dir.resolve(AdminServer.AUDIT_FILE)))
        .filteredOn(l -> l.contains("\tapi\t")).hasSize(7); // 3 attempts, 4 outcomes
  }

  @Test
  void api_whenNamesPluginMissing_then503() throws Exception {
    services.map.remove(NameReview.class);
    assertThat(call("GET", "/api/names", token, null).statusCode()).isEqualTo(503);
    assertThat(call("POST", "/api/names/approve", token, "avatar=1").statusCode())
        .isEqualTo(503);
  }
}
