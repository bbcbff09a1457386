package org.openttserver.plugins.admin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The fields of a request: its query string and, for a POST, its url-encoded body. */
final class Form {
  /** The largest body read; a longer one is refused with 413. */
  static final int MAX_BODY = 16 * 1024;

  private final Map<String, String> fields;

  private Form(Map<String, String> fields) {
    this.fields = fields;
  }

  /** A body over {@link #MAX_BODY}. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("request body over " + MAX_BODY + " bytes");
    }
  }

  static Form read(HttpExchange ex) throws IOException {
    Map<String, String> f = new HashMap<>();
    parse(ex.getRequestURI().getRawQuery(), f);
    if (ex.getRequestMethod().equals("POST")) {
      try (InputStream in = ex.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          throw new TooLarge();
        }
        parse(new String(body, StandardCharsets.UTF_8), f);
      }
    }
    return new Form(f);
  }

  private static void parse(String raw, Map<String, String> into) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        into.put(k, v); // a body field wins over the query's
      } catch (IllegalArgumentException e) {
        // a malformed %-escape: the field is left out
      }
    }
  }

  /** {@return the field, or "" if absent} */
  String get(String name) {
    return fields.getOrDefault(name, "");
  }

  /** {@return the field, or null if absent} */
  String orNull(String name) {
    return fields.get(name);
  }
}
