package org.openttserver.plugins.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.openttserver.api.service.AccountAdmin;
import org.openttserver.api.service.AccountAdmin.AccountRecord;
import org.openttserver.api.service.Services;
import org.slf4j.Logger;

/**
 * The signed-in HTML pages: sign-in and sign-out, overview, players, names, and the forms that
 * kick, ban, lift bans and review names. Every POST but sign-in needs the session's CSRF token;
 * sign-in needs the token of the sign-in page's own cookie. A refused request changes nothing
 * and is written to the audit log.
 */
final class AdminHttp implements HttpHandler {
  static final String COOKIE = "ottadmin";
  static final String PRE_COOKIE = "ottadmin_signin";

  private final AdminConfig config;
  private final AdminSessions sessions;
  private final SignInLimiter limiter;
  private final Moderation moderation;
  private final Status status;
  private final Services services;
  private final AuditLog audit;
  private final ApiHandler api;
  private final Logger log;
  private final boolean loopback;
  private final java.util.function.Supplier<String> metrics;

  AdminHttp(AdminConfig config, AdminSessions sessions, SignInLimiter limiter,
      Moderation moderation, Status status, Services services, AuditLog audit, ApiHandler api,
      Logger log, boolean loopback, java.util.function.Supplier<String> metrics) {
    this.loopback = loopback;
    this.metrics = metrics;
    this.config = config;
    this.sessions = sessions;
    this.limiter = limiter;
    this.moderation = moderation;
    this.status = status;
    this.services = services;
    this.audit = audit;
    this.api = api;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      if (loopback && !loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
        // DNS rebinding: a web page of another site whose name now points at 127.0.0.1.
        text(ex, 421, "This page answers only to localhost, 127.0.0.1 or [::1].");
      } else if (path.equals("/metrics") && ex.getRequestMethod().equals("GET")) {
        // For Prometheus: no sign-in, as the page itself binds loopback unless told otherwise.
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
      } else if (path.startsWith("/api/")) {
        api.handle(ex);
      } else {
        route(ex, path);
      }
    } catch (Form.TooLarge e) {
      text(ex, 413, "Request too large.");
    } catch (Await.Unavailable e) {
      log.warn("admin: a service did not answer: {}", e.getMessage());
      text(ex, 503, "A service of the server did not answer; try again.");
    } catch (RuntimeException e) {
      log.warn("admin: {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
      text(ex, 500, "Something went wrong; the server log says what.");
    }
  }

  private void route(HttpExchange ex, String path) throws IOException {
    String method = ex.getRequestMethod();
    if (path.equals("/signin")) {
      if (method.equals("POST")) {
        signIn(ex, Form.read(ex));
      } else {
        signInPage(ex, 200, null);
      }
      return;
    }
    Optional<AdminSessions.Session> s = sessions.find(cookie(ex, COOKIE)).flatMap(this::current);
    if (s.isEmpty()) {
      if (method.equals("POST")) {
        moderation.refusedUnknown(group(ex), "POST " + path,
            "not signed in or session expired");
        send(ex, 401, "text/html; charset=utf-8", Html.page("Signed out", null, null, false,
            "<p>Your session has ended; nothing was changed. <a href=\"/signin\">Sign in</a>"
                + " again.</p>"));
      } else {
        redirect(ex, "/signin");
      }
      return;
    }
    AdminSessions.Session session = s.get();
    if (method.equals("POST")) {
      post(ex, path, session, Form.read(ex));
    } else if (method.equals("GET") || method.equals("HEAD")) {
      get(ex, path, session, Form.read(ex));
    } else {
      text(ex, 405, "Method not allowed.");
    }
  }

  /**
   * Re-reads a session's account: a role is what the account's level and ban give now, not what
   * they gave at sign-in. {@return the session with its current role; empty, and ended, if the
   * account is gone, banned or no longer has a role, or accounts cannot be read}
   */
  private Optional<AdminSessions.Session> current(AdminSessions.Session s) {
    Optional<AccountAdmin> accounts = services.find(AccountAdmin.class);
    Optional<AccountRecord> a = accounts.isEmpty() ? Optional.empty()
        : Await.result(accounts.get().byId(s.accountId()));
    AdminConfig.Role role = a.isEmpty() || a.get().banned() ? AdminConfig.Role.NONE
        : config.role(a.get().accessLevel());
    if (role == AdminConfig.Role.NONE) {
      sessions.close(s.id());
      audit.write(s.name(), "session-ended", a.isEmpty()
          ? "the account cannot be read (login plugin stopped or account gone)"
          : "account level " + a.get().accessLevel() + (a.get().banned() ? " banned" : "")
              + ": no longer may use the admin page");
      return Optional.empty();
    }
    return Optional.of(role == s.role() ? s : sessions.changeRole(s, role));
  }

  private void get(HttpExchange ex, String path, AdminSessions.Session s, Form form)
      throws IOException {
    String flash = sessions.takeFlash(s);
    boolean ok = flash != null && !flash.startsWith("!");
    String shown = flash == null ? null : ok ? flash : flash.substring(1);
    switch (path) {
      case "/" -> page(ex, 200, "Overview", s, Pages.overview(status.overview()), shown, ok);
      case "/players" -> {
        String q = form.get("q").trim();
        boolean searched = form.orNull("q") != null;
        page(ex, 200, "Players", s, Pages.players(s, q, searched ? status.players(q)
            : List.of(), searched), shown, ok);
      }
      case "/names" -> page(ex, 200, "Names waiting for review", s,
          Pages.names(s, status.names()), shown, ok);
      default -> text(ex, 404, "No such page.");
    }
  }

  private void post(HttpExchange ex, String path, AdminSessions.Session s, Form form)
      throws IOException {
    if (!AdminSessions.same(s.csrf(), form.orNull("csrf"))) {
      moderation.refused(s.name(), "POST " + path, "missing or wrong CSRF token");
      page(ex, 403, "Refused", s, Pages.message("The form was not this page's own (its CSRF "
          + "token is missing or wrong); nothing was changed. Reload the page and try again."),
          null, false);
      return;
    }
    Moderation.Actor actor = new Moderation.Actor(s.name(), s.role());
    Moderation.Outcome o;
    switch (path) {
      case "/signout" -> {
        sessions.close(s.id());
        audit.write(s.name(), "sign-out", "");
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Max-Age=0; Path=/; HttpOnly; "
            + "SameSite=Strict");
        redirect(ex, "/signin");
        return;
      }
      case "/names/approve" -> o = moderation.approve(actor, form.get("avatar"));
      case "/names/reject" -> o = moderation.reject(actor, form.get("avatar"));
      case "/kick" -> o = moderation.kick(actor, form.get("account"), form.get("reason"));
      case "/ban" -> o = moderation.ban(actor, form.get("account"), form.get("reason"),
          form.get("until"));
      case "/unban" -> o = moderation.unban(actor, form.get("account"));
      default -> {
        text(ex, 404, "No such action.");
        return;
      }
    }
    if (o.status() == 403) {
      page(ex, 403, "Refused", s, Pages.message(o.message() + " Nothing was changed."), null,
          false);
      return;
    }
    sessions.flash(s, o.ok() ? o.message() : "!" + o.message());
    redirect(ex, back(form.get("back"), path.startsWith("/names/") ? "/names" : "/players"));
  }

  private void signInPage(HttpExchange ex, int code, String error) throws IOException {
    String pre = AdminSessions.token();
    ex.getResponseHeaders().add("Set-Cookie", PRE_COOKIE + "=" + pre
        + "; Path=/signin; HttpOnly; SameSite=Strict");
    page(ex, code, "Sign in", null, Pages.signIn(pre, error), null, false);
  }

  private void signIn(HttpExchange ex, Form form) throws IOException {
    String address = address(ex);
    String name = form.get("name").trim();
    String pre = cookie(ex, PRE_COOKIE);
    if (pre == null || !AdminSessions.same(pre, form.orNull("csrf"))) {
      moderation.refusedUnknown(group(ex), "sign-in " + name, "missing or wrong CSRF token");
      signInPage(ex, 403, "The sign-in form was not this page's own; try again.");
      return;
    }
    String group = group(ex);
    if (!limiter.attempt(group, name)) {
      moderation.refusedUnknown(group, "sign-in " + name, "too many attempts");
      signInPage(ex, 429, "Too many sign-in attempts; wait a few minutes.");
      return;
    }
    Optional<AccountAdmin> accounts = services.find(AccountAdmin.class);
    if (accounts.isEmpty()) {
      signInPage(ex, 503, "Accounts are not available (the login plugin is not running).");
      return;
    }
    Optional<AccountRecord> a = Await.result(accounts.get().authenticate(name,
        form.get("password"), address));
    if (a.isEmpty()) {
      limiter.failed(group, name);
      audit.write(address, "sign-in-failed", "account " + name);
      signInPage(ex, 401, "Wrong account name or password.");
      return;
    }
    AdminConfig.Role role = config.role(a.get().accessLevel());
    if (role == AdminConfig.Role.NONE || a.get().banned()) {
      audit.write(address, "sign-in-refused", "account " + a.get().name() + " level "
          + a.get().accessLevel() + (a.get().banned() ? " banned" : ""));
      signInPage(ex, 403, "This account may not use the admin page.");
      return;
    }
    limiter.succeeded(group, name);
    AdminSessions.Session s = sessions.open(a.get().accountId(), a.get().name(), role);
    audit.write(s.name(), "sign-in", "from " + address + " as " + role);
    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + s.id()
        + "; Path=/; HttpOnly; SameSite=Strict");
    ex.getResponseHeaders().add("Set-Cookie", PRE_COOKIE + "=; Max-Age=0; Path=/signin; "
        + "HttpOnly; SameSite=Strict");
    redirect(ex, "/");
  }

  /**
   * {@return whether a Host header names this machine by loopback (localhost, 127.x.x.x, [::1]),
   * with or without a port} A page bound to loopback answers only those, so a site whose name
   * is made to point at 127.0.0.1 (DNS rebinding) cannot read it from a browser.
   */
  static boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.trim().toLowerCase(java.util.Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 && h.substring(1, end).equals("::1")
          && (end == h.length() - 1 || h.matches(".*\\]:\\d{1,5}"));
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      if (!h.substring(colon + 1).matches("\\d{1,5}")) {
        return false;
      }
      h = h.substring(0, colon);
    }
    return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** {@return a local path to go back to, or the fallback for anything else} */
  static String back(String back, String fallback) {
    return back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
        && back.chars().noneMatch(c -> c < 0x21 || c > 0x7e) ? back : fallback;
  }

  /** {@return the address group of the request (IPv6 by /64), as limits and refusals count} */
  static String group(HttpExchange ex) {
    return SignInLimiter.group(ex.getRemoteAddress().getAddress());
  }

  static String address(HttpExchange ex) {
    return ex.getRemoteAddress().getAddress().getHostAddress();
  }

  static String cookie(HttpExchange ex, String name) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(name + "=")) {
          return p.substring(name.length() + 1);
        }
      }
    }
    return null;
  }

  private void page(HttpExchange ex, int code, String title, AdminSessions.Session s, String body,
      String flash, boolean flashOk) throws IOException {
    send(ex, code, "text/html; charset=utf-8", Html.page(title, s, flash, flashOk, body));
  }

  private static void redirect(HttpExchange ex, String to) throws IOException {
    ex.getResponseHeaders().set("Location", to);
    send(ex, 303, "text/plain; charset=utf-8", "");
  }

  static void text(HttpExchange ex, int code, String text) throws IOException {
    send(ex, code, "text/plain; charset=utf-8", text);
  }

  static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
        + "form-action 'self'; frame-ancestors 'none'");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(code, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
