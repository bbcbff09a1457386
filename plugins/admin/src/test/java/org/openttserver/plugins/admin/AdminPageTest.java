package org.openttserver.plugins.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.service.AccountAdmin;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.service.NameReview.PendingName;
import org.openttserver.testclient.fakes.RecordingSession;
import org.slf4j.LoggerFactory;

/** The admin page over loopback HTTP with fake services: sign-in, pages, actions, refusals. */
class AdminPageTest {
  static final String TOKEN = "test-token-0123456789abcdef";

  @TempDir Path dir;
  final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
  final Fakes.FakeServices services = new Fakes.FakeServices();
  final Fakes.FakeAccounts accounts = new Fakes.FakeAccounts();
  final Fakes.FakeReview review = new Fakes.FakeReview();
  final Fakes.FakeSessions clients = new Fakes.FakeSessions();
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .build();
  AdminServer server;

  @BeforeEach
  void start() throws IOException {
    services.provide(AccountAdmin.class, accounts);
    services.provide(NameReview.class, review);
    accounts.add(1, "Admin", "adminpass", 300);
    accounts.add(2, "Mod", "modpass1", 200);
    accounts.add(3, "Player", "playpass", 0);
    accounts.add(4, "Griefer", "griefpass", 0);
    AdminConfig config = new AdminConfig("127.0.0.1:0", null, null, 30, TOKEN, 10, 5, 300);
    server = new AdminServer(config, new InetSocketAddress("127.0.0.1", 0), services, clients,
        dir, LoggerFactory.getLogger("admin-test"), clock::get);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A browser: its cookie jar, by name. */
  final class Browser {
    final java.util.Map<String, String> cookies = new java.util.HashMap<>();

    HttpResponse<String> get(String path) throws Exception {
      return remember(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> post(String path, String... fields) throws Exception {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i + 1 < fields.length; i += 2) {
        body.append(body.length() == 0 ? "" : "&").append(fields[i]).append('=')
            .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
      }
      return remember(http.send(request(path)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest.Builder request(String path) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
      if (!cookies.isEmpty()) {
        b.header("Cookie", String.join("; ", cookies.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).toList()));
      }
      return b;
    }

    private HttpResponse<String> remember(HttpResponse<String> r) {
      for (String c : r.headers().allValues("Set-Cookie")) {
        String pair = c.split(";")[0];
        int eq = pair.indexOf('=');
        String value = pair.substring(eq + 1);
        if (value.isEmpty()) {
          cookies.remove(pair.substring(0, eq));
        } else {
          cookies.put(pair.substring(0, eq), value);
        }
      }
      return r;
    }

    /** Signs in through the sign-in page; {@return the answer to the POST} */
    HttpResponse<String> signIn(String name, String password) throws Exception {
      String page = get("/signin").body();
      return post("/signin", "csrf", csrf(page), "name", name, "password", password);
    }

    /** {@return the CSRF token of a page that has forms} */
    String csrfOf(String path) throws Exception {
      return csrf(get(path).body());
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a CSRF field in %s", html).isTrue();
    return m.group(1);
  }

  List<String> audit() throws IOException {
    return Files.readAllLines(dir.resolve(AdminServer.AUDIT_FILE));
  }

  @Test
  void signIn_whenModerator_thenCookieHttpOnlyStrictAndOverview() throws Exception {
    Browser b = new Browser();
    clients.connect(4, "Griefer");
    HttpResponse<String> r = b.signIn("Mod", "modpass1");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/");
    assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith(AdminHttp.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict"));
    HttpResponse<String> page = b.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Clients connected").contains("1 (1 logged in)")
        .contains("Mod (moderator)");
    assertThat(audit()).anySatisfy(l -> assertThat(l).contains("\tMod\tsign-in\t"));
  }

  @Test
  void pages_whenNotSignedIn_thenRedirectToSignIn() throws Exception {
    HttpResponse<String> r = new Browser().get("/players?q=");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/signin");
  }

  @Test
  void signIn_whenPlayerOrWrongPassword_thenRefusedAndLogged() throws Exception {
    Browser b = new Browser();
    assertThat(b.signIn("Player", "playpass").statusCode()).isEqualTo(403);
    assertThat(b.signIn("Admin", "wrong-one").statusCode()).isEqualTo(401);
    assertThat(b.cookies).doesNotContainKey(AdminHttp.COOKIE);
    assertThat(audit()).anySatisfy(l -> assertThat(l).contains("sign-in-refused")
        .contains("account Player level 0"));
    assertThat(audit()).anySatisfy(l -> assertThat(l).contains("sign-in-failed")
        .contains("account Admin"));
  }

  @Test
  void signIn_whenFormTokenMissingOrForged_thenRefusedBeforePasswordCheck() throws Exception {
    Browser b = new Browser();
    b.get("/signin");
    HttpResponse<String> forged = b.post("/signin", "csrf", "forged", "name", "Admin",
        "password", "adminpass");
    Browser fresh = new Browser();
    HttpResponse<String> missing = fresh.post("/signin", "name", "Admin", "password",
        "adminpass");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(accounts.authentications).hasValue(0);
    assertThat(b.cookies).doesNotContainKey(AdminHttp.COOKIE);
  }

  @Test
  void signIn_whenFlood_thenRefusedWithoutCheckingEvenTheRightPassword() throws Exception {
    Browser b = new Browser();
    for (int i = 0; i < 5; i++) {
      assertThat(b.signIn("Admin", "guess" + i).statusCode()).isEqualTo(401);
    }
    // Five failures for the account: even its right password is refused unchecked.
    assertThat(b.signIn("Admin", "adminpass").statusCode()).isEqualTo(429);
    for (int i = 0; i < 4; i++) {
      assertThat(b.signIn("Mod", "guess" + i).statusCode()).isEqualTo(401);
    }
    // Ten attempts from the address: another account's right password is refused unchecked.
    assertThat(b.signIn("Mod", "modpass1").statusCode()).isEqualTo(429);
    assertThat(accounts.authentications).hasValue(9);
    assertThat(b.cookies).doesNotContainKey(AdminHttp.COOKIE);
    // One line at once for the address; the second refusal is counted into a line a minute later.
    assertThat(audit()).filteredOn(l -> l.contains("too many attempts")).hasSize(1);
    clock.addAndGet(60_000);
    server.purge();
    assertThat(audit()).filteredOn(l -> l.contains("too many attempts")).hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("1 more refusal from 127.0.0.1 in the last "
            + "minute"));
  }

  @Test
  void signIn_whenAccountGuessedFromManyAddresses_thenAccountLimitRefuses() {
    SignInLimiter l = new SignInLimiter(10, 5, 300_000, clock::get);
    for (int i = 0; i < 20; i++) {
      assertThat(l.attempt("10.0.0." + i, "Admin")).isTrue();
      l.failed("10.0.0." + i, "admin");
    }
    assertThat(l.attempt("10.0.0.99", "ADMIN")).isFalse();
    clock.addAndGet(300_000);
    assertThat(l.attempt("10.0.0.99", "Admin")).isTrue();
  }

  @Test
  void signIn_whenSomeoneElseFailsForTheAccount_thenItsOwnerStillSignsIn() {
    SignInLimiter l = new SignInLimiter(10, 5, 300_000, clock::get);
    l.succeeded("10.0.0.1", "Admin");
    for (int i = 0; i < 40; i++) {
      String attacker = "192.0.2." + i;
      if (l.attempt(attacker, "Admin")) {
        l.failed(attacker, "Admin");
      }
    }
    assertThat(l.attempt("192.0.2.200", "Admin")).as("a new address").isFalse();
    assertThat(l.attempt("10.0.0.1", "Admin")).as("the address it signs in from").isTrue();
  }

  @Test
  void group_whenIpv6_thenItsSlash64AndMappedIpv4AsIpv4() throws Exception {
    assertThat(SignInLimiter.group(java.net.InetAddress.getByName("2001:db8:1:2:3:4:5:6")))
        .isEqualTo(SignInLimiter.group(java.net.InetAddress.getByName("2001:db8:1:2:ffff::1")));
    assertThat(SignInLimiter.group(java.net.InetAddress.getByName("2001:db8:1:3::1")))
        .isNotEqualTo(SignInLimiter.group(java.net.InetAddress.getByName("2001:db8:1:2::1")));
    assertThat(SignInLimiter.group(java.net.InetAddress.getByName("::ffff:10.1.2.3")))
        .isEqualTo("10.1.2.3");
  }

  @Test
  void requests_whenNotSignedInFlood_thenOneAuditLinePerAddressAndMinute() throws Exception {
    Browser b = new Browser();
    for (int i = 0; i < 30; i++) {
      b.post("/ban", "account", "Griefer", "reason", "x");
      http.send(HttpRequest.newBuilder(uri("/api/ban")).header("Authorization", "Bearer no")
          .POST(HttpRequest.BodyPublishers.ofString("account=Griefer")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    assertThat(audit()).hasSize(1);
    clock.addAndGet(60_000);
    server.purge();
    assertThat(audit()).hasSize(2).last().asString()
        .contains("59 more refusals from 127.0.0.1 in the last minute");
    assertThat(accounts.calls).isEmpty();
  }

  @Test
  void post_whenCsrfMissingOrForged_thenRefusedNothingChanged() throws Exception {
    Browser b = new Browser();
    b.signIn("Admin", "adminpass");
    HttpResponse<String> missing = b.post("/ban", "account", "Griefer", "reason", "x");
    HttpResponse<String> forged = b.post("/ban", "csrf", "AAAA", "account", "Griefer",
        "reason", "x");
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(accounts.calls).isEmpty();
    assertThat(accounts.get("Griefer").banned()).isFalse();
    assertThat(audit()).filteredOn(l -> l.contains("missing or wrong CSRF token")).hasSize(2);
  }

  @Test
  void post_whenSessionExpired_thenRefusedNothingChanged() throws Exception {
    Browser b = new Browser();
    b.signIn("Admin", "adminpass");
    String csrf = b.csrfOf("/players?q=Grief");
    clock.addAndGet(30 * 60_000L);
    HttpResponse<String> r = b.post("/ban", "csrf", csrf, "account", "Griefer", "reason", "x");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(accounts.calls).isEmpty();
    assertThat(b.get("/").statusCode()).isEqualTo(303);
    assertThat(audit()).anySatisfy(l -> assertThat(l).contains("session expired"));
  }

  @Test
  void post_whenAdminDemotedAfterSignIn_thenRoleOfNowApplies() throws Exception {
    Browser b = new Browser();
    b.signIn("Admin", "adminpass");
    String csrf = b.csrfOf("/players?q=Grief");
    accounts.setAccessLevel(1, 200);
    HttpResponse<String> r = b.post("/ban", "csrf", csrf, "account", "Griefer", "reason", "x");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(accounts.get("Griefer").banned()).isFalse();
    accounts.setAccessLevel(1, 0);
    HttpResponse<String> kick = b.post("/kick", "csrf", csrf, "account", "Griefer", "reason",
        "x");
    assertThat(kick.statusCode()).isEqualTo(401);
    assertThat(b.get("/").statusCode()).isEqualTo(303);
    accounts.setAccessLevel(1, 300);
    assertThat(b.get("/").statusCode()).as("the ended session stays ended").isEqualTo(303);
    assertThat(audit()).anySatisfy(l -> assertThat(l).contains("\tAdmin\tsession-ended\t"));
  }

  @Test
  void page_whenAdminBannedAfterSignIn_thenSessionEnds() throws Exception {
    Browser b = new Browser();
    b.signIn("Admin", "adminpass");
    assertThat(b.get("/").statusCode()).isEqualTo(200);
    accounts.ban(1, "rogue", 0);
    assertThat(b.get("/").statusCode()).isEqualTo(303);
    assertThat(accounts.calls).containsExactly("ban 1 0 rogue");
  }

  @Test
  void session_whenBusyForTwelveHours_thenEnds() throws Exception {
    Browser b = new Browser();
    b.signIn("Mod", "modpass1");
    for (int i = 0; i < 12 * 3; i++) {
      clock.addAndGet(20 * 60_000L);
      assertThat(b.get("/").statusCode()).as("after %d minutes", (i + 1) * 20)
          .isEqualTo(i < 12 * 3 - 1 ? 200 : 303);
    }
  }

  @Test
  void ban_whenModerator_thenForbiddenNothingChanged() throws Exception {
    Browser b = new Browser();
    b.signIn("Mod", "modpass1");
    String csrf = b.csrfOf("/players?q=Grief");
    assertThat(b.get("/players?q=Grief").body()).doesNotContain("action=\"/ban\"");
    HttpResponse<String> r = b.post("/ban", "csrf", csrf, "account", "Griefer", "reason", "x");
    HttpResponse<String> lift = b.post("/unban", "csrf", csrf, "account", "Griefer");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(lift.statusCode()).isEqualTo(403);
    assertThat(accounts.calls).isEmpty();
    assertThat(audit()).anySatisfy(l -> assertThat(l).contains("\tMod\tban\t")
        .contains("refused (403"));
  }

  @Test
  void ban_whenAdmin_thenStoredWithEndAndShownEscaped() throws Exception {
    Browser b = new Browser();
    b.signIn("Admin", "adminpass");
    String csrf = b.csrfOf("/players?q=Grief");
    HttpResponse<String> r = b.post("/ban", "csrf", csrf, "account", "Griefer",
        "reason", "<script>alert(1)</script> & more", "until", "2027-12-31",
        "back", "/players?q=Grief");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/players?q=Grief");
    assertThat(accounts.calls).containsExactly("ban 4 1830211200 <script>alert(1)</script> & more");
    String page = b.get("/players?q=Grief").body();
    assertThat(page).contains("Banned Griefer until 2027-12-31T00:00:00Z.")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .doesNotContain("<script>").contains("Lift ban");
    assertThat(audit()).filteredOn(l -> l.contains("account Griefer")).satisfiesExactly(
        l -> assertThat(l).contains("\tAdmin\tattempt\tban account Griefer until "
            + "2027-12-31T00:00:00Z reason <script>"),
        l -> assertThat(l).contains("\tAdmin\tban\taccount Griefer").endsWith(": done"));
  }

  @Test
  void ban_whenEndInThePastOrUnreadableOrNoReason_thenRefusedNothingChanged() throws Exception {
    Browser b = new Browser();
    b.signIn("Admin", "adminpass");
    String csrf = b.csrfOf("/");
    b.post("/ban", "csrf", csrf, "account", "Griefer", "reason", "x", "until", "2001-01-01");
    b.post("/ban", "csrf", csrf, "account", "Griefer", "reason", "x", "until", "soon");
    b.post("/ban", "csrf", csrf, "account", "Griefer", "reason", " ");
    b.post("/ban", "csrf", csrf, "account", "Griefer", "reason", "x", "until", "2106-02-08");
    b.post("/ban", "csrf", csrf, "account", "Griefer", "reason", "x", "until", "4294967296");
    assertThat(accounts.calls).isEmpty();
    assertThat(audit()).filteredOn(l -> l.contains("refused (400")).hasSize(5);
  }

  @Test
  void kick_whenConnected_thenEjected151WithReason() throws Exception {
    RecordingSession griefer = clients.connect(4, "Griefer");
    Browser b = new Browser();
    b.signIn("Mod", "modpass1");
    String csrf = b.csrfOf("/");
    b.post("/kick", "csrf", csrf, "account", "griefer", "reason", "calm down");
    assertThat(griefer.ejection()).hasValue("151 calm down");
    assertThat(b.get("/players").body()).contains("Kicked Griefer.");
  }

  @Test
  void names_whenHtmlInWishName_thenEscapedAndApprovedWithOneClick() throws Exception {
    review.pending.put(77L, new PendingName(77L, 4, "<b>Bad</b>\"Name", clock.get()));
    Browser b = new Browser();
    b.signIn("Mod", "modpass1");
    String page = b.get("/names").body();
    assertThat(page).contains("&lt;b&gt;Bad&lt;/b&gt;&quot;Name").doesNotContain("<b>Bad")
        .contains("Griefer");
    b.post("/names/approve", "csrf", csrf(page), "avatar", "77");
    assertThat(review.decided).containsExactly("approve 77");
    assertThat(b.get("/names").body()).contains("Approved the name of toon 77.")
        .contains("No name is waiting for review.");
  }

  @Test
  void signOut_thenSessionGone() throws Exception {
    Browser b = new Browser();
    b.signIn("Admin", "adminpass");
    String cookie = b.cookies.get(AdminHttp.COOKIE);
    b.post("/signout", "csrf", b.csrfOf("/"));
    b.cookies.put(AdminHttp.COOKIE, cookie);
    assertThat(b.get("/").statusCode()).isEqualTo(303);
  }

  @Test
  void post_whenBodiesSentSlowly_thenDroppedAndThePageStillAnswers() throws Exception {
    // No -D and no login plugin in this JVM: the admin page sets its own limit (10 s).
    List<java.net.Socket> slow = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        java.net.Socket s = new java.net.Socket("127.0.0.1", server.address().getPort());
        s.setSoTimeout(30_000);
        s.getOutputStream().write(("POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=a")
            .getBytes(StandardCharsets.US_ASCII));
        slow.add(s);
      }
      Thread.sleep(500);
      HttpResponse<String> r = http.sendAsync(HttpRequest.newBuilder(uri("/signin")).GET()
          .build(), HttpResponse.BodyHandlers.ofString())
          .get(25, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(slow.get(0).getInputStream().read()).as("closed by the server").isEqualTo(-1);
    } finally {
      for (java.net.Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void request_whenHostIsAnotherSite_thenRefused() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.address().getPort())) {
      s.getOutputStream().write(("GET /signin HTTP/1.1\r\nHost: evil.example:"
          + server.address().getPort() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 421");
    }
    assertThat(AdminHttp.loopbackHost("127.0.0.1:8081")).isTrue();
    assertThat(AdminHttp.loopbackHost("localhost")).isTrue();
    assertThat(AdminHttp.loopbackHost("[::1]:8081")).isTrue();
    assertThat(AdminHttp.loopbackHost("127.0.0.1.evil.example")).isFalse();
    assertThat(AdminHttp.loopbackHost("[::1].evil")).isFalse();
    assertThat(AdminHttp.loopbackHost(null)).isFalse();
  }

  @Test
  void back_whenNotALocalPath_thenFallback() {
    assertThat(AdminHttp.back("//evil.example/", "/x")).isEqualTo("/x");
    assertThat(AdminHttp.back("https://evil.example/", "/x")).isEqualTo("/x");
    assertThat(AdminHttp.back("/players?q=a\r\nSet-Cookie: x", "/x")).isEqualTo("/x");
    assertThat(AdminHttp.back("/players?q=a", "/x")).isEqualTo("/players?q=a");
  }
}
