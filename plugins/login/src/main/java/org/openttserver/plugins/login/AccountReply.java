package org.openttserver.plugins.login;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reply of the 2003 account server: a header line, then {@code key=value} lines, as the
 * client's {@code RemoteValueSet} parses them. Values are made single-line.
 */
final class AccountReply {
  static final String RESPONSE = "ACCOUNT SERVER RESPONSE";
  static final String INFO = "ACCOUNT INFO";
  static final String CONSTANTS = "ACCOUNT SERVER CONSTANTS";
  static final String DATE = "ACCOUNT SERVER DATE";

  /** errorCode: wrong password (the client treats 5 and 72 so). */
  static final int WRONG_PASSWORD = 5;
  /** errorCode: free time used up (the client then offers billing). */
  static final int FREE_TIME_EXPIRED = 10;
  /** errorCode: unknown account name. */
  static final int UNKNOWN_ACCOUNT = 2;
  /** errorCode: name taken. */
  static final int NAME_TAKEN = 3;
  /** errorCode: bad name. */
  static final int BAD_NAME = 4;
  /** errorCode: bad password (rules). */
  static final int BAD_PASSWORD = 6;
  /** errorCode: too many failed attempts. */
  static final int RATE_LIMITED = 21;
  /** errorCode: account banned. */
  static final int BANNED = 30;
  /** errorCode: new accounts closed. */
  static final int CLOSED = 31;
  /** errorCode: operation not supported by this server. */
  static final int NOT_SUPPORTED = 40;
  /** errorCode: malformed request (missing field, too large, unknown operation). */
  static final int BAD_REQUEST = 90;
  /** errorCode: server-side failure. */
  static final int SERVER_ERROR = 500;

  private final String header;
  private final Map<String, String> values = new LinkedHashMap<>();
  private String rawLine;

  private AccountReply(String header) {
    this.header = header;
  }

  static AccountReply of(String header) {
    return new AccountReply(header);
  }

  /** {@return the getDate.php reply: the header, then the epoch seconds on a line of their own} */
  static AccountReply date(long epochSeconds) {
    AccountReply r = of(DATE);
    r.rawLine = Long.toString(epochSeconds);
    return r;
  }

  /** {@return the constants.php reply with every key the client requires} */
  static AccountReply constants(LoginConfig.Constants c) {
    return of(CONSTANTS).put("minNameLength", c.minNameLength())
        .put("minPwLength", c.minPwLength())
        .put("allowNewAccounts", c.allowNewAccounts() ? 1 : 0)
        .put("freeTrialPeriodInDays", c.freeTrialPeriodInDays())
        .put("priceFirstMonth", c.priceFirstMonth())
        .put("pricePerMonth", c.pricePerMonth())
        .put("customerServicePhoneNumber", c.customerServicePhoneNumber())
        .put("creditCardUpFront", c.creditCardUpFront() ? 1 : 0);
  }

  static AccountReply error(String header, int code, String message) {
    return of(header).put("errorCode", code).put("errorMsg", message);
  }

  AccountReply put(String key, Object value) {
    values.put(key, String.valueOf(value).replaceAll("[\\r\\n]+", " "));
    return this;
  }

  /** {@return the value of a key, or null} */
  String get(String key) {
    return values.get(key);
  }

  /** {@return the text: header and lines, each ending in a newline} */
  String text() {
    StringBuilder sb = new StringBuilder(header).append('\n');
    if (rawLine != null) {
      sb.append(rawLine).append('\n');
    }
    values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
