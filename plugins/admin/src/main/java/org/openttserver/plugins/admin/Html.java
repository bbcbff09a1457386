package org.openttserver.plugins.admin;

/**
 * The page's HTML: every text from outside (names, reasons, addresses) goes through {@link #esc},
 * and markup is only ever written by this class and {@link Pages}.
 */
final class Html {
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
      header{background:#234;color:#fff;padding:.6em 1em;display:flex;flex-wrap:wrap;gap:1em;\
      align-items:center}
      header a{color:#fff}header form{margin-left:auto}
      main{padding:1em;max-width:60em}
      table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
      td,th{border-bottom:1px solid #ddd;padding:.35em;text-align:left;vertical-align:top}
      .flash{background:#e7f4e4;border:1px solid #9c9;padding:.5em}
      .error{background:#fbe9e9;border:1px solid #d99;padding:.5em}
      form.inline{display:inline-flex;flex-wrap:wrap;gap:.3em;margin:.2em 0}
      input,button{font-size:1em;padding:.3em}
      @media (max-width:40em){table,tr,td,th{display:block}th{display:none}\
      td{border:0;padding:.15em}tr{border-bottom:1px solid #ccc;padding:.4em 0}}
      """;

  private Html() {}

  /** {@return text safe inside an element or a quoted attribute} */
  static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A whole page.
   *
   * @param title the page's title (plain text)
   * @param session the signed-in session, or null on the sign-in page
   * @param flash a message to show first (plain text), or null
   * @param flashOk whether the message reports success
   * @param body the page's own markup
   * @return the HTML document
   */
  static String page(String title, AdminSessions.Session session, String flash, boolean flashOk,
      String body) {
    StringBuilder b = new StringBuilder(4096);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(title)).append(" · OpenTTServer</title><style>")
        .append(STYLE).append("</style></head><body><header><strong>OpenTTServer</strong>");
    if (session != null) {
      b.append("<a href=\"/\">Overview</a><a href=\"/players\">Players</a>")
          .append("<a href=\"/names\">Names</a>")
          .append("<form method=\"post\" action=\"/signout\">").append(csrf(session))
          .append("<span>").append(esc(session.name())).append(" (")
          .append(session.role().name().toLowerCase(java.util.Locale.ROOT)).append(") </span>")
          .append("<button type=\"submit\">Sign out</button></form>");
    }
    b.append("</header><main><h1>").append(esc(title)).append("</h1>");
    if (flash != null) {
      b.append("<p id=\"flash\" class=\"").append(flashOk ? "flash" : "error").append("\">")
          .append(esc(flash)).append("</p>");
    }
    return b.append(body).append("</main></body></html>").toString();
  }

  /** {@return the hidden CSRF field every form of a signed-in page carries} */
  static String csrf(AdminSessions.Session session) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(session.csrf()) + "\">";
  }

  /**
   * A one-button form.
   *
   * @param session the session (its CSRF token goes in)
   * @param action the path it posts to
   * @param fields hidden name/value pairs
   * @param label the button's text
   * @return the markup
   */
  static String button(AdminSessions.Session session, String action, String label,
      String... fields) {
    StringBuilder b = new StringBuilder("<form class=\"inline\" method=\"post\" action=\"")
        .append(esc(action)).append("\">").append(csrf(session));
    for (int i = 0; i + 1 < fields.length; i += 2) {
      b.append("<input type=\"hidden\" name=\"").append(esc(fields[i])).append("\" value=\"")
          .append(esc(fields[i + 1])).append("\">");
    }
    return b.append("<button type=\"submit\">").append(esc(label)).append("</button></form>")
        .toString();
  }
}
