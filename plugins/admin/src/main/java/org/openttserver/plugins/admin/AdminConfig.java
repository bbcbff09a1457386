package org.openttserver.plugins.admin;

/**
 * The {@code plugins.admin} section of the configuration (keys in snake_case); every key is
 * optional.
 *
 * @param httpBind the page's address, {@code host:port}; a non-loopback host is used only when
 *     set here, and start-up warns about it; empty = no admin page
 * @param moderatorLevel the lowest access level that may sign in: moderators view every page,
 *     kick and review names
 * @param adminLevel the lowest access level of administrators, who may also ban and lift bans
 * @param sessionMinutes how long a signed-in page stays signed in without a request
 * @param apiToken the JSON API's bearer token; empty = one generated into {@code
 *     data/plugins/admin/api-token} at first start
 * @param signInAttemptsPerAddress sign-in attempts one address may make within the window
 * @param signInFailuresPerAccount failed sign-ins of one account name from one address (an IPv6
 *     /64) within the window; four times as many from all addresses together, a limit that does
 *     not hold an address that signed in to the account before
 * @param signInWindowSeconds the window of both limits
 */
public record AdminConfig(String httpBind, Integer moderatorLevel, Integer adminLevel,
    Integer sessionMinutes, String apiToken, Integer signInAttemptsPerAddress,
    Integer signInFailuresPerAccount, Integer signInWindowSeconds) {

  /** Fills in defaults and checks the levels. */
  public AdminConfig {
    httpBind = httpBind != null ? httpBind : "127.0.0.1:8081";
    moderatorLevel = moderatorLevel != null ? moderatorLevel : 200;
    adminLevel = adminLevel != null ? adminLevel : 300;
    if (moderatorLevel < 1 || adminLevel < moderatorLevel || adminLevel > 0xFFFF) {
      throw new IllegalArgumentException("key 'plugins.admin.moderator_level' / 'admin_level': "
          + "expected 1 <= moderator_level <= admin_level <= 65535, got " + moderatorLevel
          + " and " + adminLevel);
    }
    sessionMinutes = sessionMinutes != null ? sessionMinutes : 30;
    apiToken = apiToken != null ? apiToken : "";
    if (!apiToken.isEmpty() && apiToken.length() < 16) {
      throw new IllegalArgumentException("key 'plugins.admin.api_token': expected at least 16 "
          + "characters");
    }
    signInAttemptsPerAddress = signInAttemptsPerAddress != null ? signInAttemptsPerAddress : 10;
    signInFailuresPerAccount = signInFailuresPerAccount != null ? signInFailuresPerAccount : 5;
    signInWindowSeconds = signInWindowSeconds != null ? signInWindowSeconds : 300;
    positive("session_minutes", sessionMinutes);
    positive("sign_in_attempts_per_address", signInAttemptsPerAddress);
    positive("sign_in_failures_per_account", signInFailuresPerAccount);
    positive("sign_in_window_seconds", signInWindowSeconds);
  }

  private static void positive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("key 'plugins.admin." + key + "': expected at least 1, "
          + "got " + value);
    }
  }

  /** {@return the defaults} */
  public static AdminConfig defaults() {
    return new AdminConfig(null, null, null, null, null, null, null, null);
  }

  /** {@return the role of an access level} */
  Role role(int accessLevel) {
    return accessLevel >= adminLevel ? Role.ADMIN
        : accessLevel >= moderatorLevel ? Role.MODERATOR : Role.NONE;
  }

  /** Who may do what on the page. */
  enum Role {
    /** May not sign in. */
    NONE,
    /** Views every page, kicks, approves and rejects names. */
    MODERATOR,
    /** Also bans and lifts bans. */
    ADMIN
  }
}
