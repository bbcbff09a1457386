package org.openttserver.plugins.admin;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.service.AccountAdmin;
import org.openttserver.api.service.AccountAdmin.AccountRecord;
import org.openttserver.api.service.NameReview;
import org.openttserver.api.service.Services;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.ClientSessions;

/**
 * The actions of the admin page and the JSON API, checked and written to the audit log the same
 * way for both: approve or reject a typed name, kick a client, ban an account, lift a ban. What is
 * about to be done is written and synced first ("attempt"), and not done if that fails; its
 * outcome follows.
 * Moderators may review names and kick; banning and lifting bans needs an administrator. A
 * refused action changes nothing and is logged too.
 */
final class Moderation {
  /** The longest kick or ban reason (the 2003 client shows it in a dialog). */
  static final int MAX_REASON = 200;
  /** The latest ban end the account's 32-bit field holds, in epoch seconds. */
  static final long MAX_BAN_END = 0xFFFF_FFFFL;

  /**
   * Who acts.
   *
   * @param name the signed-in account's name, or "api"
   * @param role what it may do
   */
  record Actor(String name, AdminConfig.Role role) {}

  /**
   * What came of an action.
   *
   * @param status the HTTP status the API answers with (200 done, 400 bad input, 403 not allowed,
   *     404 no such target, 503 a service is missing)
   * @param message one sentence for the page or the API
   */
  record Outcome(int status, String message) {
    boolean ok() {
      return status == 200;
    }
  }

  private final Services services;
  private final ClientSessions sessions;
  private final AuditLog audit;
  private final LongSupplier clockMillis;

  Moderation(Services services, ClientSessions sessions, AuditLog audit,
      LongSupplier clockMillis) {
    this.services = services;
    this.sessions = sessions;
    this.audit = audit;
    this.clockMillis = clockMillis;
  }

  Outcome approve(Actor actor, String avatar) {
    return review(actor, "approve-name", avatar, true);
  }

  Outcome reject(Actor actor, String avatar) {
    return review(actor, "reject-name", avatar, false);
  }

  private Outcome review(Actor actor, String action, String avatar, boolean approve) {
    long id = parseId(avatar);
    if (id <= 0) {
      return done(actor, action, "avatar " + avatar, new Outcome(400, "No such toon id."));
    }
    Optional<NameReview> review = services.find(NameReview.class);
    if (review.isEmpty()) {
      return done(actor, action, "avatar " + id, new Outcome(503,
          "Name review is not available (the names plugin is not running)."));
    }
    if (!intend(actor, action, "avatar " + id)) {
      return unaudited();
    }
    boolean changed = Await.result(approve ? review.get().approve(id) : review.get().reject(id));
    return done(actor, action, "avatar " + id, changed
        ? new Outcome(200, (approve ? "Approved" : "Rejected") + " the name of toon " + id + ".")
        : new Outcome(404, "Toon " + id + " has no name waiting for review."));
  }

  Outcome kick(Actor actor, String account, String reason) {
    String what = "account " + account;
    String problem = reasonProblem(reason);
    if (problem != null) {
      return done(actor, "kick", what, new Outcome(400, problem));
    }
    Optional<AccountRecord> a = account(account);
    if (a.isEmpty()) {
      return done(actor, "kick", what, noAccount(account));
    }
    Optional<ClientSession> s = sessions.byAccount(a.get().accountId());
    if (s.isEmpty() || !s.get().isConnected()) {
      return done(actor, "kick", what, new Outcome(404, a.get().name() + " is not connected."));
    }
    if (!intend(actor, "kick", what + " reason " + reason)) {
      return unaudited();
    }
    s.get().eject(BootCode.ADMIN_KICK, reason);
    return done(actor, "kick", what + " reason " + reason,
        new Outcome(200, "Kicked " + a.get().name() + "."));
  }

  Outcome ban(Actor actor, String account, String reason, String until) {
    String what = "account " + account;
    if (actor.role() != AdminConfig.Role.ADMIN) {
      return done(actor, "ban", what, forbidden());
    }
    String problem = reasonProblem(reason);
    long end = parseEnd(until);
    if (problem == null && end < 0) {
      problem = "The end of a ban is a date (2027-01-31), a time (2027-01-31T18:00:00Z) or empty"
          + " for a ban that does not end.";
    }
    if (problem == null && end != 0 && end <= clockMillis.getAsLong() / 1000) {
      problem = "The end of a ban must be in the future.";
    }
    if (problem == null && end > MAX_BAN_END) {
      problem = "The end of a ban must be before 2106-02-07T06:28:16Z (the account stores it in "
          + "32 bits); leave it empty for a ban that does not end.";
    }
    if (problem != null) {
      return done(actor, "ban", what, new Outcome(400, problem));
    }
    Optional<AccountAdmin> admin = services.find(AccountAdmin.class);
    Optional<AccountRecord> a = account(account);
    if (admin.isEmpty() || a.isEmpty()) {
      return done(actor, "ban", what, noAccount(account));
    }
    String span = end == 0 ? "for good" : "until " + Instant.ofEpochSecond(end);
    if (!intend(actor, "ban", what + " " + span + " reason " + reason)) {
      return unaudited();
    }
    Await.result(admin.get().ban(a.get().accountId(), reason, end));
    return done(actor, "ban", what + " " + span + " reason " + reason,
        new Outcome(200, "Banned " + a.get().name() + " " + span + "."));
  }

  Outcome unban(Actor actor, String account) {
    String what = "account " + account;
    if (actor.role() != AdminConfig.Role.ADMIN) {
      return done(actor, "unban", what, forbidden());
    }
    Optional<AccountAdmin> admin = services.find(AccountAdmin.class);
    Optional<AccountRecord> a = account(account);
    if (admin.isEmpty() || a.isEmpty()) {
      return done(actor, "unban", what, noAccount(account));
    }
    if (!intend(actor, "unban", what)) {
      return unaudited();
    }
    Await.result(admin.get().unban(a.get().accountId()));
    return done(actor, "unban", what, new Outcome(200, "Lifted the ban of " + a.get().name()
        + "."));
  }

  /**
   * Writes a refusal of someone not signed in (no session, no API token, a sign-in refused
   * before its password is checked): one line per address and minute, the rest counted.
   */
  void refusedUnknown(String address, String what, String why) {
    audit.refusal(address, what + ": " + why);
  }

  /** Writes a refusal that happened before an action could be chosen (CSRF, session, role). */
  void refused(String who, String what, String why) {
    audit.write(who, "refused", what + ": " + why);
  }

  private Optional<AccountRecord> account(String name) {
    if (name == null || name.isBlank() || name.length() > 255) {
      return Optional.empty();
    }
    return services.find(AccountAdmin.class).flatMap(a -> Await.result(a.byName(name.trim())));
  }

  private Outcome done(Actor actor, String action, String what, Outcome outcome) {
    audit.write(actor.name(), action, what + (outcome.ok() ? ": done" : ": refused ("
        + outcome.status() + " " + outcome.message() + ")"));
    return outcome;
  }

  /**
   * Writes and syncs what is about to be done, before it is done.
   *
   * @return false if the audit log cannot be written (or the plugin has stopped): the action is
   *     then not done
   */
  private boolean intend(Actor actor, String action, String what) {
    try {
      audit.write(actor.name(), "attempt", action + " " + what);
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  private static Outcome unaudited() {
    return new Outcome(503, "The audit log cannot be written, so nothing was changed; the server "
        + "log says why.");
  }

  private static Outcome forbidden() {
    return new Outcome(403, "Only administrators may ban and lift bans.");
  }

  private Outcome noAccount(String account) {
    return services.find(AccountAdmin.class).isEmpty()
        ? new Outcome(503, "Accounts are not available (the login plugin is not running).")
        : new Outcome(404, "There is no account named " + account + ".");
  }

  static String reasonProblem(String reason) {
    if (reason == null || reason.isBlank()) {
      return "Give a reason: the player sees it.";
    }
    return reason.length() > MAX_REASON ? "A reason has at most " + MAX_REASON + " characters."
        : null;
  }

  static long parseId(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@return a ban's end in epoch seconds, 0 for none given, -1 if unreadable} */
  static long parseEnd(String until) {
    if (until == null || until.isBlank()) {
      return 0;
    }
    String u = until.trim();
    try {
      if (u.chars().allMatch(Character::isDigit) && u.length() <= 12) {
        return Long.parseLong(u);
      }
      if (u.length() == 10) {
        return LocalDate.parse(u).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      }
      return Instant.parse(u).getEpochSecond();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
