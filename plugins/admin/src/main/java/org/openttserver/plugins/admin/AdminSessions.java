package org.openttserver.plugins.admin;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Signed-in page sessions: a random id in an HttpOnly, SameSite=Strict cookie, each with its own
 * CSRF token that every form carries. A session ends after its idle time, at sign-out, and when
 * the plugin stops (they are kept in memory only).
 */
final class AdminSessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One signed-in session.
   *
   * @param id the cookie value
   * @param accountId the account signed in
   * @param name its name
   * @param role what it may do
   * @param csrf the token its forms carry
   */
  record Session(String id, long accountId, String name, AdminConfig.Role role, String csrf) {}

  private record Entry(Session session, long lastUsedMillis, String flash) {}

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
  private final long idleMillis;
  private final LongSupplier clockMillis;

  AdminSessions(long idleMillis, LongSupplier clockMillis) {
    this.idleMillis = idleMillis;
    this.clockMillis = clockMillis;
  }

  /** Starts a session. */
  Session open(long accountId, String name, AdminConfig.Role role) {
    Session s = new Session(token(), accountId, name, role, token());
    sessions.put(s.id(), new Entry(s, clockMillis.getAsLong(), null));
    return s;
  }

  /** {@return the live session of a cookie value, its idle time restarted; empty if expired} */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    long now = clockMillis.getAsLong();
    Entry e = sessions.get(id);
    if (e == null) {
      return Optional.empty();
    }
    if (now - e.lastUsedMillis() >= idleMillis) {
      sessions.remove(id, e);
      return Optional.empty();
    }
    sessions.replace(id, e, new Entry(e.session(), now, e.flash()));
    return Optional.of(e.session());
  }

  /** Ends a session. */
  void close(String id) {
    sessions.remove(id);
  }

  /** Keeps a message for the session's next page. */
  void flash(Session s, String message) {
    sessions.computeIfPresent(s.id(), (k, e) -> new Entry(e.session(), e.lastUsedMillis(),
        message));
  }

  /** {@return the message kept for this page, forgotten now; null if none} */
  String takeFlash(Session s) {
    String[] out = new String[1];
    sessions.computeIfPresent(s.id(), (k, e) -> {
      out[0] = e.flash();
      return new Entry(e.session(), e.lastUsedMillis(), null);
    });
    return out[0];
  }

  /** Forgets expired sessions. */
  void purge() {
    long now = clockMillis.getAsLong();
    sessions.values().removeIf(e -> now - e.lastUsedMillis() >= idleMillis);
  }

  /** {@return a random 256-bit token, URL-safe} */
  static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** {@return whether two secrets are equal, in time that does not depend on where they differ} */
  static boolean same(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }
}
