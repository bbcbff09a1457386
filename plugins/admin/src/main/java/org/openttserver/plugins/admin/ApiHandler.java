package org.openttserver.plugins.admin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.service.ServerInfo;

/**
 * The JSON API: the same reads and actions as the pages, for scripts and bots, with the bearer
 * token of {@code plugins.admin.api_token} (or the generated {@code api-token} file) and an
 * administrator's rights. POST fields are url-encoded (curl's {@code -d}); answers are JSON
 * objects, an error as {@code {"error": "..."}}.
 */
final class ApiHandler {
  private final String token;
  private final Moderation moderation;
  private final Status status;

  ApiHandler(String token, Moderation moderation, Status status) {
    this.token = token;
    this.moderation = moderation;
    this.status = status;
  }

  void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    if (!AdminSessions.same(token, given)) {
      moderation.refusedUnknown(AdminHttp.group(ex), "API " + path, given == null ? "no token"
          : "wrong token");
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      json(ex, 401, obj("error", "a valid bearer token is needed"));
      return;
    }
    Form form = Form.read(ex);
    String method = ex.getRequestMethod();
    Moderation.Actor api = new Moderation.Actor("api", AdminConfig.Role.ADMIN);
    if (method.equals("GET")) {
      switch (path) {
        case "/api/overview" -> json(ex, 200, overview(status.overview()));
        case "/api/players" -> json(ex, 200, obj("players",
            status.players(form.get("q").trim()).stream().map(ApiHandler::player).toList()));
        case "/api/names" -> {
          List<Status.Wish> names = status.names();
          if (names == null) {
            json(ex, 503, obj("error", "the names plugin is not running"));
          } else {
            json(ex, 200, obj("names", names.stream().map(ApiHandler::wish).toList()));
          }
        }
        default -> json(ex, 404, obj("error", "no such endpoint"));
      }
      return;
    }
    if (!method.equals("POST")) {
      json(ex, 405, obj("error", "GET or POST"));
      return;
    }
    Moderation.Outcome o = switch (path) {
      case "/api/names/approve" -> moderation.approve(api, form.get("avatar"));
      case "/api/names/reject" -> moderation.reject(api, form.get("avatar"));
      case "/api/kick" -> moderation.kick(api, form.get("account"), form.get("reason"));
      case "/api/ban" -> moderation.ban(api, form.get("account"), form.get("reason"),
          form.get("until"));
      case "/api/unban" -> moderation.unban(api, form.get("account"));
      default -> null;
    };
    if (o == null) {
      json(ex, 404, obj("error", "no such endpoint"));
    } else {
      json(ex, o.status(), o.ok() ? obj("ok", true, "message", o.message())
          : obj("error", o.message()));
    }
  }

  private static Map<String, Object> overview(Status.Overview o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uptime_seconds", o.uptimeSeconds());
    m.put("version", o.version());
    m.put("clients_connected", o.connected());
    m.put("clients_logged_in", o.loggedIn());
    m.put("logins_last_hour", o.loginsLastHour());
    List<Object> districts = new ArrayList<>();
    for (DistrictDirectory.District d : o.districts()) {
      districts.add(obj("id", d.id(), "name", d.name(), "population", d.population(),
          "available", d.available()));
    }
    m.put("districts", districts);
    List<Object> plugins = new ArrayList<>();
    for (ServerInfo.PluginStatus p : o.plugins()) {
      plugins.add(obj("id", p.id(), "version", p.version(), "state", p.state()));
    }
    m.put("plugins", plugins);
    return m;
  }

  private static Map<String, Object> player(Status.Player p) {
    Map<String, Object> m = new LinkedHashMap<>();
    var a = p.account();
    m.put("account_id", a.accountId());
    m.put("name", a.name());
    m.put("access_level", a.accessLevel());
    m.put("banned", a.banned());
    m.put("ban_reason", a.banReason());
    m.put("ban_until", a.banUntilEpochSeconds());
    m.put("last_login", a.lastLoginEpochSeconds());
    m.put("connected", p.connected());
    m.put("address", p.address());
    m.put("toons", p.toons().stream().map(t -> obj("avatar_id", t.avatarId(), "name",
        t.name(), "wish_name", t.wishName(), "where", t.where())).toList());
    m.put("logins", p.logins().stream().map(l -> obj("address", l.address(), "at_millis",
        l.atEpochMillis())).toList());
    return m;
  }

  private static Map<String, Object> wish(Status.Wish w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("avatar_id", w.pending().avatarId());
    m.put("wish_name", w.pending().wishName());
    m.put("toon_name", w.toonName());
    m.put("account_id", w.pending().accountId());
    m.put("account", w.accountName());
    m.put("submitted_millis", w.pending().submittedAtMillis());
    return m;
  }

  /** {@return a JSON object with its keys in the order given} */
  private static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static void json(HttpExchange ex, int code, Object body) throws IOException {
    AdminHttp.send(ex, code, "application/json; charset=utf-8", Json.write(body));
  }
}
