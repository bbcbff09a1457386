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
 * CSRF token that every form carries. A session ends after its idle time, {@link #MAX_LIFE_MILLIS}
 * after sign-in however busy, at sign-out, when the account loses its role or is banned (checked
 * on every request), and when the plugin stops (they are kept in memory only).
 */
final class AdminSessions {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The longest a session lasts after sign-in, used or not: 12 hours. */
  static final long MAX_LIFE_MILLIS = 12 * 3_600_000L;

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

  private record Entry(Session session, long openedMillis, long lastUsedMillis, String flash) {
    boolean expired(long now, long idleMillis) {
      return now - lastUsedMillis >= idleMillis || now - openedMillis >= MAX_LIFE_MILLIS;
    }
  }

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
    long now = clockMillis.getAsLong();
    sessions.put(s.id(), new Entry(s, now, now, null));
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
    if (e.expired(now, idleMillis)) {
      sessions.remove(id, e);
      return Optional.empty();
    }
    sessions.replace(id, e, new Entry(e.session(), e.openedMillis(), now, e.flash()));
    return Optional.of(e.session());
  }

  /** {@return the session with its role changed to the account's current one} */
  Session changeRole(Session s, AdminConfig.Role role) {
    Session changed = new Session(s.id(), s.accountId(), s.name(), role, s.csrf());
    sessions.computeIfPresent(s.id(), (k, e) -> new Entry(changed, e.openedMillis(),
        e.lastUsedMillis(), e.flash()));
    return changed;
  }

  /** Ends a session. */
  void close(String id) {
    sessions.remove(id);
  }

  /** Keeps a message for the session's next page. */
  void flash(Session s, String message) {
    sessions.computeIfPresent(s.id(), (k, e) -> new Entry(e.session(), e.openedMillis(),
        e.lastUsedMillis(), message));
  }

  /** {@return the message kept for this page, forgotten now; null if none} */
  String takeFlash(Session s) {
    String[] out = new String[1];
    sessions.computeIfPresent(s.id(), (k, e) -> {
      out[0] = e.flash();
      return new Entry(e.session(), e.openedMillis(), e.lastUsedMillis(), null);
    });
    return out[0];
  }

  /** Forgets expired sessions. */
  void purge() {
    long now = clockMillis.getAsLong();
    sessions.values().removeIf(e -> e.expired(now, idleMillis));
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
