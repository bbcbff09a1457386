package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_LOGIN_2 (16), C→S: the normal login with a play token or blue code (protocol-2003.md
 * §2.2).
 *
 * <p>Layout: str token, str serverVersion, u32 dcHash, i32 tokenType.
 *
 * <pre>{@code
 * new Login2(token, "sv1.0.6.9", hash, ClientMsg.TokenType.PLAY_TOKEN)
 * }</pre>
 *
 * @param token the play token or blue code (the client strips whitespace)
 * @param serverVersion the client's {@code server-version}, e.g. {@code sv1.0.6.9}
 * @param dcHash the client's 2003 DC hash
 * @param tokenType a {@link ClientMsg.TokenType}: 2 play token, 3 blue
 * @since 0.2
 */
public record Login2(
    String token, String serverVersion, long dcHash, int tokenType) implements ServerBound {
  /** The codec: LOGIN_2 ({@value ClientMsg#LOGIN_2}). */
  public static final MessageCodec<Login2> CODEC = MessageCodec.of(
      ClientMsg.LOGIN_2, Login2.class,
      r -> new Login2(r.readString(), r.readString(), r.readU32(), r.readI32()),
      (m, w) -> {
        w.string(m.token);
        w.string(m.serverVersion);
        w.u32(m.dcHash);
        w.i32(m.tokenType);
      });

  /** Checks the ranges. */
  public Login2 {
    token = Fields.str("token", token);
    serverVersion = Fields.str("serverVersion", serverVersion);
    dcHash = Fields.u32("dcHash", dcHash);
  }
}
