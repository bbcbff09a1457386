package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_SECURITY (73), C→S: re-sends the play token after the parent password enabled
 * secret-friends chat; no reply (protocol-2003.md §2.2).
 *
 * <p>Layout: str token, i32 tokenType (always 2).
 *
 * <pre>{@code
 * client.send(new SetSecurity(token, ClientMsg.TokenType.PLAY_TOKEN));
 * }</pre>
 *
 * @param token the play token
 * @param tokenType the token type
 * @since 0.2
 */
public record SetSecurity(String token, int tokenType) implements ServerBound {
  /** The codec: SET_SECURITY ({@value ClientMsg#SET_SECURITY}). */
  public static final MessageCodec<SetSecurity> CODEC = MessageCodec.of(
      ClientMsg.SET_SECURITY, SetSecurity.class,
      r -> new SetSecurity(r.readString(), r.readI32()),
      (m, w) -> {
        w.string(m.token);
        w.i32(m.tokenType);
      });

  /** Checks the ranges. */
  public SetSecurity {
    token = Fields.str("token", token);
  }
}
