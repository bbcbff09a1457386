package org.openttserver.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.EmbeddedServers.gamePort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.Login2;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.runtime.Server;
import org.openttserver.testclient.client.ScriptedClient;
import org.openttserver.testclient.game.GameClient;

/**
 * {@code /metrics} of a running server: a client logs in and makes a toon, another is refused;
 * every family the README lists is on the page and the counts moved.
 */
class MetricsTest {
  @TempDir Path dir;

  @Test
  void scrape_afterLoginAndRefusal_showsEveryFamilyWithCounts() throws Exception {
    String yaml = "ai:\n  district_name: Metrics Valley\n"
        + "metrics:\n  bind: 127.0.0.1:0\n"
        + EmbeddedServers.yaml(dir, EmbeddedServers.DEMO_DC, EmbeddedServers.UNLIMITED_CLIENTS,
            true, EmbeddedServers.TEST_LOGIN + "  avatars:\n    enabled: true\n");
    try (Server server = EmbeddedServers.start(dir, yaml, "avatars-plugin.jar")) {
      String before = scrape(server);
      assertThat(value(before, "openttserver_logins_total", "code=\"0\",result=\"ok\""))
          .isZero();
      try (GameClient c = GameClient.connect(gamePort(server), server.dc().file(),
          server.dc().clientHash())) {
        c.login("MetricsToon");
        c.createAvatar(EmbeddedServers.DOG, 0);
        try (ScriptedClient bad = ScriptedClient.connect(gamePort(server))) {
          bad.send(new Login2("x", "sv0.0.0.0", server.dc().clientHash(), 2));
          bad.expectGoGetLost(124);
        }
        String page = scrape(server);
        assertThat(value(page, "openttserver_clients_connected", "")).isGreaterThanOrEqualTo(1);
        assertThat(value(page, "openttserver_logins_total", "code=\"0\",result=\"ok\""))
            .isEqualTo(1);
        assertThat(value(page, "openttserver_logins_total", "code=\"124\",result=\"failed\""))
            .isEqualTo(1);
        assertThat(value(page, "openttserver_client_messages_in_total", "type=\"LOGIN_2\""))
            .isEqualTo(2);
        assertThat(value(page, "openttserver_client_messages_in_total", "type=\"CREATE_AVATAR\""))
            .isEqualTo(1);
        assertThat(value(page, "openttserver_client_messages_out_total",
            "type=\"LOGIN_2_RESP\"")).isEqualTo(1);
        assertThat(value(page, "openttserver_client_ejects_total", "code=\"124\"")).isEqualTo(1);
        assertThat(value(page, "openttserver_md_datagrams_routed_total", ""))
            .isGreaterThan(value(before, "openttserver_md_datagrams_routed_total", ""));
        assertThat(value(page, "openttserver_database_operation_seconds_count",
            "op=\"CREATE_OBJECT\"")).isGreaterThanOrEqualTo(2); // the account and the toon
        assertThat(value(page, "openttserver_database_operation_seconds_count", "op=\"commit\""))
            .isGreaterThanOrEqualTo(1);
        assertThat(value(page, "openttserver_stateserver_objects", "role=\"stateserver\""))
            .isGreaterThanOrEqualTo(1); // the AI's district objects
        assertThat(page).contains("openttserver_stateserver_objects{role=\"dbss\"}",
            "jvm_memory_used_bytes{area=\"heap\"}", "jvm_gc_collection_seconds_count{");
      }
    }
  }

  private static String scrape(Server server) throws Exception {
    assertThat(server.metricsPort()).as("metrics.bind is served").isPositive();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** The value of one sample (labels as the text format sorts them), 0 when absent. */
  private static double value(String page, String family, String labels) {
    String head = labels.isEmpty() ? family : family + "{" + labels + "}";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(head) + " (\\S+)").matcher(page);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
