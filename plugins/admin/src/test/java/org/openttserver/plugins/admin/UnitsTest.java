package org.openttserver.plugins.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The small pieces: escaping, JSON, ban ends, the audit log's lines, the config's levels. */
class UnitsTest {
  @TempDir Path dir;

  @Test
  void esc_thenNoMarkupLeft() {
    assertThat(Html.esc("<a href='x'>\"&</a>"))
        .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&lt;/a&gt;");
  }

  @Test
  void json_thenEscapedAndOrdered() {
    assertThat(Json.write(Map.of("a", List.of(1, true, "x\n\"<"))))
        .isEqualTo("{\"a\":[1,true,\"x\\n\\\"\\u003c\"]}");
  }

  @Test
  void parseEnd_thenDateTimeEpochOrRefused() {
    assertThat(Moderation.parseEnd("")).isZero();
    assertThat(Moderation.parseEnd("2027-01-01")).isEqualTo(1798761600L);
    assertThat(Moderation.parseEnd("2027-01-01T00:00:10Z")).isEqualTo(1798761610L);
    assertThat(Moderation.parseEnd("1798761600")).isEqualTo(1798761600L);
    assertThat(Moderation.parseEnd("next week")).isEqualTo(-1);
  }

  @Test
  void audit_whenLineBreaksInDetails_thenOneLineEach() throws Exception {
    Path file = dir.resolve("audit.log");
    try (AuditLog log = new AuditLog(file, () -> 0, LoggerFactory.getLogger("t"))) {
      log.write("Admin", "ban", "account X reason a\nfake\tline");
      log.write("Mod", "kick", "account Y");
    }
    try (AuditLog log = new AuditLog(file, () -> 1000, LoggerFactory.getLogger("t"))) {
      log.write("Admin", "unban", "account X");
    }
    assertThat(Files.readAllLines(file)).containsExactly(
        "1970-01-01T00:00:00Z\tAdmin\tban\taccount X reason a fake line",
        "1970-01-01T00:00:00Z\tMod\tkick\taccount Y",
        "1970-01-01T00:00:01Z\tAdmin\tunban\taccount X");
  }

  @Test
  void action_whenAuditLogCannotBeWritten_thenNotDone() throws Exception {
    Fakes.FakeServices services = new Fakes.FakeServices();
    Fakes.FakeAccounts accounts = new Fakes.FakeAccounts();
    services.provide(org.openttserver.api.service.AccountAdmin.class, accounts);
    accounts.add(4, "Griefer", "x", 0);
    Fakes.FakeSessions clients = new Fakes.FakeSessions();
    var griefer = clients.connect(4, "Griefer");
    AuditLog audit = new AuditLog(dir.resolve("audit.log"), () -> 0, LoggerFactory.getLogger("t"));
    Moderation m = new Moderation(services, clients, audit, () -> 0);
    audit.close(); // as when the plugin has stopped
    Moderation.Actor admin = new Moderation.Actor("Admin", AdminConfig.Role.ADMIN);
    Moderation.Outcome ban = m.ban(admin, "Griefer", "x", "");
    Moderation.Outcome kick = m.kick(admin, "Griefer", "x");
    assertThat(ban.status()).isEqualTo(503);
    assertThat(kick.status()).isEqualTo(503);
    assertThat(accounts.calls).isEmpty();
    assertThat(griefer.ejection()).isEmpty();
  }

  @Test
  void bind_whenDefaultThenLoopbackQuietly_elseWarned() {
    java.net.InetSocketAddress def = AdminPlugin.parseBind(AdminConfig.defaults().httpBind());
    assertThat(def.getAddress().isLoopbackAddress()).isTrue();
    assertThat(def.getPort()).isEqualTo(8081);
    assertThat(AdminPlugin.publicWarning(def)).isNull();
    assertThat(AdminPlugin.publicWarning(AdminPlugin.parseBind("0.0.0.0:8081")))
        .contains("not loopback");
    assertThatThrownBy(() -> AdminPlugin.parseBind("8081")).hasMessageContaining("host:port");
  }

  @Test
  void config_thenRolesByLevel() {
    AdminConfig c = AdminConfig.defaults();
    assertThat(c.role(199)).isEqualTo(AdminConfig.Role.NONE);
    assertThat(c.role(200)).isEqualTo(AdminConfig.Role.MODERATOR);
    assertThat(c.role(300)).isEqualTo(AdminConfig.Role.ADMIN);
    assertThat(c.httpBind()).isEqualTo("127.0.0.1:8081");
    assertThatThrownBy(() -> new AdminConfig(null, 300, 200, null, null, null, null, null))
        .hasMessageContaining("moderator_level");
    assertThatThrownBy(() -> new AdminConfig(null, null, null, null, "short", null, null, null))
        .hasMessageContaining("api_token");
    assertThatThrownBy(() -> new AdminConfig(null, null, null, 0, null, null, null, null))
        .hasMessageContaining("plugins.admin.session_minutes");
    assertThatThrownBy(() -> new AdminConfig(null, null, null, null, null, 0, null, null))
        .hasMessageContaining("sign_in_attempts_per_address");
    assertThatThrownBy(() -> new AdminConfig(null, null, null, null, null, null, -1, null))
        .hasMessageContaining("sign_in_failures_per_account");
    assertThatThrownBy(() -> AdminPlugin.parseBind("127.0.0.1:99999"))
        .hasMessageContaining("plugins.admin.http_bind");
  }

  @Test
  void token_whenMade_thenOwnerOnly() throws Exception {
    Path file = dir.resolve("api-token");
    String t = AdminServer.token(file, LoggerFactory.getLogger("t"));
    assertThat(Files.readString(file).trim()).isEqualTo(t);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }
}
