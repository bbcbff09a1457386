package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_WISHNAME (70), C→S: a typed name for review, answered by {@link SetWishNameResp}
 * (protocol-2003.md §2.3).
 *
 * <p>Layout: u32 avatarId, str typedName.
 *
 * <pre>{@code
 * client.send(new SetWishName(avatarId, "Flippy Doodle"));
 * }</pre>
 *
 * @param avatarId the avatar
 * @param typedName the typed name
 * @since 0.2
 */
public record SetWishName(long avatarId, String typedName) implements ServerBound {
  /** The codec: SET_WISHNAME ({@value ClientMsg#SET_WISHNAME}). */
  public static final MessageCodec<SetWishName> CODEC = MessageCodec.of(
      ClientMsg.SET_WISHNAME, SetWishName.class,
      r -> new SetWishName(r.readU32(), r.readString()),
      (m, w) -> {
        w.u32(m.avatarId);
        w.string(m.typedName);
      });

  /** Checks the ranges. */
  public SetWishName {
    avatarId = Fields.u32("avatarId", avatarId);
    typedName = Fields.str("typedName", typedName);
  }
}
