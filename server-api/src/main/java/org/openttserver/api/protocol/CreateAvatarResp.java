package org.openttserver.api.protocol;

import java.util.Objects;
import java.util.OptionalLong;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_CREATE_AVATAR_RESP (7), S→C: the answer to {@link CreateAvatar} (protocol-2003.md §2.3).
 *
 * <p>Layout: u16 echoContext, u8 returnCode, then u32 avatarId only when the code is 0; so the
 * avatar id is present exactly when the code is 0. A non-zero code shows "Sorry. That name will
 * not work."
 *
 * <pre>{@code
 * session.send(CreateAvatarResp.created(request.echoContext(), newAvatarId));
 * }</pre>
 *
 * @param echoContext the request's context
 * @param returnCode 0 = created
 * @param avatarId the new avatar, present exactly when the code is 0
 * @since 0.2
 */
public record CreateAvatarResp(int echoContext, int returnCode, OptionalLong avatarId)
    implements ClientBound {
  /** The codec: CREATE_AVATAR_RESP ({@value ClientMsg#CREATE_AVATAR_RESP}). */
  public static final MessageCodec<CreateAvatarResp> CODEC = MessageCodec.of(
      ClientMsg.CREATE_AVATAR_RESP, CreateAvatarResp.class,
      r -> {
        int context = r.readU16();
        int code = r.readU8();
        return new CreateAvatarResp(context, code,
            code == 0 ? OptionalLong.of(r.readU32()) : OptionalLong.empty());
      },
      (m, w) -> {
        w.u16(m.echoContext).u8(m.returnCode);
        if (m.avatarId.isPresent()) {
          w.u32(m.avatarId.getAsLong());
        }
      });

  /** Checks the ranges and that the id is present exactly when the code is 0. */
  public CreateAvatarResp {
    Fields.u16("echoContext", echoContext);
    Fields.u8("returnCode", returnCode);
    Objects.requireNonNull(avatarId, "avatarId");
    if (avatarId.isPresent() != (returnCode == 0)) {
      throw new IllegalArgumentException("the avatar id goes with code 0 and only with it");
    }
    avatarId.ifPresent(id -> Fields.u32("avatarId", id));
  }

  /**
   * The success form.
   *
   * @param echoContext the request's context
   * @param avatarId the new avatar
   * @return the message
   */
  public static CreateAvatarResp created(int echoContext, long avatarId) {
    return new CreateAvatarResp(echoContext, 0, OptionalLong.of(avatarId));
  }

  /**
   * The failure form.
   *
   * @param echoContext the request's context
   * @param returnCode a non-zero code
   * @return the message
   */
  public static CreateAvatarResp refused(int echoContext, int returnCode) {
    return new CreateAvatarResp(echoContext, returnCode, OptionalLong.empty());
  }
}
