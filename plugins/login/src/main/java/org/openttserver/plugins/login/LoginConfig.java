package org.openttserver.plugins.login;

import java.util.Map;

/**
 * The {@code plugins.login} section of the configuration (keys in snake_case). Every key is
 * optional; the defaults are those of a private server.
 *
 * @param databaseChannel deprecated: the database role's control channel; set {@code
 *     extension.database_channel} instead (null = that one)
 * @param requestTimeoutMs deprecated: how long a database request may take; set {@code
 *     extension.bridge_timeout_ms} instead (null = that one)
 * @param httpBind the account server's address, {@code host:port}; empty = no account server
 * @param serverVersion the server version clients must send (LOGIN / LOGIN_2)
 * @param acceptUnknownTokens whether an unknown play token logs in as the account of that name,
 *     creating it (for clients configured with {@code fake-playtoken}); keep false on a public
 *     server: a ban holds an account, not a person, and with this on a banned player comes back
 *     by typing a new name
 * @param unknownTokensFrom where such tokens are taken from: {@code loopback} (the default:
 *     clients on this machine only) or {@code anywhere}
 * @param tokenTtlSeconds how long a play token from {@code play.php} stays valid
 * @param blueCodes blue code to account name (token type 3)
 * @param newAccountsPaid whether new accounts are paid ("full access")
 * @param newAccountsChat the chat permission of new accounts (0 speedchat, 1 secret friends, 2 open)
 * @param maxBodyBytes the largest account-server request body accepted
 * @param hashMemoryKib Argon2id memory cost per password hash
 * @param hashIterations Argon2id iterations
 * @param hashThreads threads that hash passwords (default: half the processors, at least one,
 *     so a crowd logging in at once never takes every core from the players in the game)
 * @param constants what {@code constants.php} says, and the name and password rules
 * @param rateLimit limits on failed password attempts
 * @param accessLevels account name → access level, given to the account at its next login
 *     (e.g. 300 for the base AI's magic words)
 */
public record LoginConfig(Long databaseChannel, Integer requestTimeoutMs, String httpBind,
    String serverVersion, Boolean acceptUnknownTokens, String unknownTokensFrom,
    Integer tokenTtlSeconds,
    Map<String, String> blueCodes, Boolean newAccountsPaid, Integer newAccountsChat,
    Integer maxBodyBytes, Integer hashMemoryKib, Integer hashIterations, Integer hashThreads,
    Constants constants, RateLimit rateLimit, Map<String, Integer> accessLevels) {

  /** Fills in defaults. */
  public LoginConfig {
    httpBind = httpBind != null ? httpBind : "0.0.0.0:8080";
    serverVersion = serverVersion != null ? serverVersion : "sv1.0.6.9";
    acceptUnknownTokens = acceptUnknownTokens != null && acceptUnknownTokens;
    unknownTokensFrom = unknownTokensFrom != null ? unknownTokensFrom : "loopback";
    if (!unknownTokensFrom.equals("loopback") && !unknownTokensFrom.equals("anywhere")) {
      throw new IllegalArgumentException("key 'plugins.login.unknown_tokens_from': expected "
          + "loopback or anywhere, got '" + unknownTokensFrom + "'");
    }
    tokenTtlSeconds = tokenTtlSeconds != null ? tokenTtlSeconds : 300;
    blueCodes = blueCodes != null ? Map.copyOf(blueCodes) : Map.of();
    newAccountsPaid = newAccountsPaid == null || newAccountsPaid;
    newAccountsChat = newAccountsChat != null ? newAccountsChat : 1;
    maxBodyBytes = maxBodyBytes != null ? maxBodyBytes : 8192;
    hashMemoryKib = hashMemoryKib != null ? hashMemoryKib : 19456;
    hashIterations = hashIterations != null ? hashIterations : 2;
    hashThreads = hashThreads != null ? hashThreads
        : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    if (hashThreads < 1 || hashThreads > 256) {
      throw new IllegalArgumentException("key 'plugins.login.hash_threads': expected 1 to 256,"
          + " got " + hashThreads);
    }
    constants = constants != null ? constants : new Constants(null, null, null, null, null,
        null, null, null, null);
    rateLimit = rateLimit != null ? rateLimit : new RateLimit(null, null, null, null, null);
    accessLevels = accessLevels != null ? Map.copyOf(accessLevels) : Map.of();
    for (Map.Entry<String, Integer> e : accessLevels.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 0xFFFF) {
        throw new IllegalArgumentException("key 'plugins.login.access_levels." + e.getKey()
            + "': expected a level from 0 to 65535");
      }
    }
  }

  /** {@return true if unknown play tokens are taken only from clients on this machine} */
  public boolean unknownTokensFromLoopbackOnly() {
    return unknownTokensFrom.equals("loopback");
  }

  /** {@return the defaults} */
  public static LoginConfig defaults() {
    return new LoginConfig(null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }

  /**
   * The account server's constants (the client shows some of them) and name rules.
   *
   * @param minNameLength shortest account name
   * @param maxNameLength longest account name (not sent to the client)
   * @param minPwLength shortest password
   * @param allowNewAccounts whether the create-account screen works
   * @param freeTrialPeriodInDays free time of an unpaid account
   * @param priceFirstMonth shown text
   * @param pricePerMonth shown text
   * @param customerServicePhoneNumber shown in error messages
   * @param creditCardUpFront whether the client asks for a card before the trial
   */
  public record Constants(Integer minNameLength, Integer maxNameLength, Integer minPwLength,
      Boolean allowNewAccounts, Integer freeTrialPeriodInDays, String priceFirstMonth,
      String pricePerMonth, String customerServicePhoneNumber, Boolean creditCardUpFront) {
    /** Fills in defaults. */
    public Constants {
      minNameLength = minNameLength != null ? minNameLength : 4;
      maxNameLength = maxNameLength != null ? maxNameLength : 32;
      minPwLength = minPwLength != null ? minPwLength : 6;
      allowNewAccounts = allowNewAccounts == null || allowNewAccounts;
      freeTrialPeriodInDays = freeTrialPeriodInDays != null ? freeTrialPeriodInDays : 30;
      priceFirstMonth = priceFirstMonth != null ? priceFirstMonth : "0.00";
      pricePerMonth = pricePerMonth != null ? pricePerMonth : "0.00";
      customerServicePhoneNumber = customerServicePhoneNumber != null
          ? customerServicePhoneNumber : "(none: this is a private server)";
      creditCardUpFront = creditCardUpFront != null && creditCardUpFront;
    }
  }

  /**
   * Failed password attempts allowed within a sliding window, per account and per address.
   *
   * @param perAccount failures per account name
   * @param perAddress failures per client IP address
   * @param windowSeconds the window
   * @param createsPerAddress new accounts one client IP address may create per create window
   * @param createWindowSeconds the window for account creations
   */
  public record RateLimit(Integer perAccount, Integer perAddress, Integer windowSeconds,
      Integer createsPerAddress, Integer createWindowSeconds) {
    /** Fills in defaults. */
    public RateLimit {
      perAccount = perAccount != null ? perAccount : 5;
      perAddress = perAddress != null ? perAddress : 20;
      windowSeconds = windowSeconds != null ? windowSeconds : 300;
      createsPerAddress = createsPerAddress != null ? createsPerAddress : 5;
      createWindowSeconds = createWindowSeconds != null ? createWindowSeconds : 3600;
    }
  }
}
