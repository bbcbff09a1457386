package org.openttserver.plugins.admin;

import static org.openttserver.plugins.admin.Html.button;
import static org.openttserver.plugins.admin.Html.csrf;
import static org.openttserver.plugins.admin.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openttserver.api.service.AccountAdmin.LoginRecord;
import org.openttserver.api.service.DistrictDirectory;
import org.openttserver.api.service.ServerInfo;

/** The bodies of the signed-in pages, written from {@link Status}'s records. */
final class Pages {
  private Pages() {}

  static String signIn(String preToken, String error) {
    return (error == null ? "" : "<p id=\"error\" class=\"error\">" + esc(error) + "</p>")
        + "<form method=\"post\" action=\"/signin\">"
        + "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(preToken) + "\">"
        + "<p><label>Account name<br><input name=\"name\" id=\"name\" autocomplete=\"username\""
        + " required></label></p>"
        + "<p><label>Password<br><input name=\"password\" id=\"password\" type=\"password\""
        + " autocomplete=\"current-password\" required></label></p>"
        + "<p><button type=\"submit\" id=\"signin\">Sign in</button></p></form>"
        + "<p>Accounts with a moderator or administrator access level may sign in.</p>";
  }

  static String overview(Status.Overview o) {
    StringBuilder b = new StringBuilder("<table><tbody>")
        .append(row("Up for", duration(o.uptimeSeconds())))
        .append(row("Version", o.version()))
        .append(row("Clients connected", o.connected() + " (" + o.loggedIn() + " logged in)"))
        .append(row("Logins in the last hour", o.loginsLastHour() < 0 ? "unknown (no login plugin)"
            : Integer.toString(o.loginsLastHour())))
        .append("</tbody></table><h2>Districts</h2>");
    if (o.districts().isEmpty()) {
      b.append("<p>No district is running.</p>");
    } else {
      b.append("<table><thead><tr><th>District</th><th>Toons</th><th>Open</th></tr></thead><tbody>");
      for (DistrictDirectory.District d : o.districts()) {
        b.append("<tr><td>").append(esc(d.name())).append("</td><td>").append(d.population())
            .append("</td><td>").append(d.available() ? "yes" : "closed").append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("<h2>Plugins</h2><table><thead><tr><th>Plugin</th><th>Version</th><th>State</th>"
        + "</tr></thead><tbody>");
    for (ServerInfo.PluginStatus p : o.plugins()) {
      b.append("<tr><td>").append(esc(p.id())).append("</td><td>").append(esc(p.version()))
          .append("</td><td>").append(esc(p.state())).append("</td></tr>");
    }
    return b.append("</tbody></table>").toString();
  }

  static String players(AdminSessions.Session s, String query, List<Status.Player> players,
      boolean searched) {
    StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/players\">"
        + "<input name=\"q\" id=\"q\" placeholder=\"account or toon name\" value=\"")
        .append(esc(query)).append("\"> <button type=\"submit\">Search</button></form>");
    if (searched && players.isEmpty()) {
      b.append("<p>No account or toon online matches.</p>");
    }
    for (Status.Player p : players) {
      var a = p.account();
      b.append("<section class=\"player\"><h2>").append(esc(a.name())).append("</h2><table><tbody>")
          .append(row("Account id", Long.toString(a.accountId())))
          .append(row("Access level", Integer.toString(a.accessLevel())))
          .append(row("Connected", p.connected() ? "yes, from " + p.address() : "no"))
          .append(row("Last login", a.lastLoginEpochSeconds() == 0 ? "never"
              : Instant.ofEpochSecond(a.lastLoginEpochSeconds()).toString()))
          .append(row("Banned", !a.banned() ? "no" : "yes"
              + (a.banUntilEpochSeconds() == 0 ? "" : ", until "
                  + Instant.ofEpochSecond(a.banUntilEpochSeconds())) + ": " + a.banReason()))
          .append("</tbody></table>");
      if (!p.toons().isEmpty()) {
        b.append("<table><thead><tr><th>Toon</th><th>Id</th><th>Where</th></tr></thead><tbody>");
        for (Status.Toon t : p.toons()) {
          b.append("<tr><td>").append(esc(t.name()))
              .append(t.wishName().isEmpty() ? "" : " (typed: " + esc(t.wishName()) + ")")
              .append("</td><td>").append(t.avatarId()).append("</td><td>").append(esc(t.where()))
              .append("</td></tr>");
        }
        b.append("</tbody></table>");
      }
      if (!p.logins().isEmpty()) {
        b.append("<p>Recent logins: ");
        for (LoginRecord l : p.logins()) {
          b.append(esc(Instant.ofEpochMilli(l.atEpochMillis()).toString())).append(" from ")
              .append(esc(l.address())).append("; ");
        }
        b.append("</p>");
      }
      b.append(actions(s, a.name(), a.banned(), query)).append("</section>");
    }
    return b.toString();
  }

  private static String actions(AdminSessions.Session s, String account, boolean banned,
      String query) {
    String back = "/players?q=" + java.net.URLEncoder.encode(query,
        java.nio.charset.StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder();
    b.append("<form class=\"inline kick\" method=\"post\" action=\"/kick\">").append(csrf(s))
        .append(hidden("account", account)).append(hidden("back", back))
        .append("<input name=\"reason\" placeholder=\"reason\" required maxlength=\"200\">")
        .append("<button type=\"submit\">Kick</button></form>");
    if (s.role() == AdminConfig.Role.ADMIN) {
      b.append("<form class=\"inline ban\" method=\"post\" action=\"/ban\">").append(csrf(s))
          .append(hidden("account", account)).append(hidden("back", back))
          .append("<input name=\"reason\" placeholder=\"reason\" required maxlength=\"200\">")
          .append("<label>until <input name=\"until\" type=\"date\"></label>")
          .append("<button type=\"submit\">Ban</button></form>");
      if (banned) {
        b.append(button(s, "/unban", "Lift ban", "account", account, "back", back));
      }
    }
    return b.toString();
  }

  static String names(AdminSessions.Session s, List<Status.Wish> wishes) {
    if (wishes == null) {
      return "<p>Name review is not available: the names plugin is not running.</p>";
    }
    if (wishes.isEmpty()) {
      return "<p id=\"no-names\">No name is waiting for review.</p>";
    }
    StringBuilder b = new StringBuilder("<table id=\"names\"><thead><tr><th>Typed name</th>"
        + "<th>Toon</th><th>Account</th><th>Since</th><th></th></tr></thead><tbody>");
    for (Status.Wish w : wishes) {
      String id = Long.toString(w.pending().avatarId());
      b.append("<tr><td class=\"wish\">").append(esc(w.pending().wishName())).append("</td><td>")
          .append(esc(w.toonName())).append(" (").append(id).append(")</td><td>")
          .append(esc(w.accountName())).append("</td><td>")
          .append(esc(Instant.ofEpochMilli(w.pending().submittedAtMillis()).toString()))
          .append("</td><td>")
          .append(button(s, "/names/approve", "Approve", "avatar", id))
          .append(button(s, "/names/reject", "Reject", "avatar", id))
          .append("</td></tr>");
    }
    return b.append("</tbody></table>").toString();
  }

  static String message(String text) {
    return "<p>" + esc(text) + "</p><p><a href=\"/\">Back to the overview</a></p>";
  }

  private static String row(String label, String value) {
    return "<tr><th>" + esc(label) + "</th><td>" + esc(value) + "</td></tr>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
  }

  static String duration(long seconds) {
    Duration d = Duration.ofSeconds(seconds);
    return d.toDays() + " d " + d.toHoursPart() + " h " + d.toMinutesPart() + " min";
  }
}
