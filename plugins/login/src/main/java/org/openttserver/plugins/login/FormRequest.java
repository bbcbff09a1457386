package org.openttserver.plugins.login;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields of an account-server request: the query ({@code n=<account>}) and the
 * form-encoded body ({@code n, p, sp, np, chat, em, …}), body winning.
 */
final class FormRequest {
  /** A request the server cannot answer normally. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  private final Map<String, String> fields;
  private final String address;

  FormRequest(Map<String, String> fields, String address) {
    this.fields = fields;
    this.address = address;
  }

  /** Parses a query string and a body. */
  static FormRequest parse(String query, String body, String address) throws BadRequest {
    Map<String, String> f = new HashMap<>();
    decodeInto(query, f);
    decodeInto(body, f);
    return new FormRequest(f, address);
  }

  private static void decodeInto(String form, Map<String, String> out) throws BadRequest {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        // %XX escapes are the client's bytes: one character each (ISO-8859-1), as the game port
        // reads strings, so a name typed with accents is the same account on both paths.
        out.put(URLDecoder.decode(key, StandardCharsets.ISO_8859_1),
            URLDecoder.decode(value, StandardCharsets.ISO_8859_1));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("malformed form field '" + key + "'");
      }
    }
  }

  /** {@return a field that must be present} */
  String require(String key) throws BadRequest {
    String v = fields.get(key);
    if (v == null) {
      throw new BadRequest("missing field '" + key + "'");
    }
    return v;
  }

  /** {@return a field, or the fallback} */
  String get(String key, String fallback) {
    return fields.getOrDefault(key, fallback);
  }

  /** {@return the client's address, for rate limiting} */
  String address() {
    return address;
  }
}
