package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_LOGIN (1), C→S: the clear-text login of {@code account-old-auth} clients (protocol-2003.md
 * §2.2).
 *
 * <p>Layout: str loginName, u32 ip, u16 port, str serverVersion, u32 dcHash, str password, bool
 * createAccount.
 *
 * <pre>{@code
 * new Login("Flippy", 0xC0A80002L, 5150, "sv1.0.6.9", hash, "secret", false)
 * }</pre>
 *
 * @param loginName the typed user name
 * @param ip the client's own local IPv4 address as a host-order number (0 on the HTTP path)
 * @param port always 5150 in the real client
 * @param serverVersion the client's {@code server-version}, e.g. {@code sv1.0.6.9}
 * @param dcHash the client's 2003 DC hash
 * @param password the password, clear text
 * @param createAccount true to create the account (the create-account screen)
 * @since 0.2
 */
public record Login(
    String loginName, long ip, int port, String serverVersion, long dcHash, String password,
    boolean createAccount)
    implements ServerBound {
  /** The codec: LOGIN ({@value ClientMsg#LOGIN}). */
  public static final MessageCodec<Login> CODEC = MessageCodec.of(
      ClientMsg.LOGIN, Login.class,
      r -> new Login(
          r.readString(),
          r.readU32(),
          r.readU16(),
          r.readString(),
          r.readU32(),
          r.readString(),
          r.readBool()),
      (m, w) -> {
        w.string(m.loginName);
        w.u32(m.ip);
        w.u16(m.port);
        w.string(m.serverVersion);
        w.u32(m.dcHash);
        w.string(m.password);
        w.bool(m.createAccount);
      });

  /** Checks the ranges. */
  public Login {
    loginName = Fields.str("loginName", loginName);
    ip = Fields.u32("ip", ip);
    port = Fields.u16("port", port);
    serverVersion = Fields.str("serverVersion", serverVersion);
    dcHash = Fields.u32("dcHash", dcHash);
    password = Fields.str("password", password);
  }
}
