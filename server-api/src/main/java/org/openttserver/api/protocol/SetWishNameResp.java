package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_WISHNAME_RESP (71), S→C: the answer to {@link SetWishName} (protocol-2003.md §2.3).
 *
 * <p>Layout: u32 avatarId, u16 returnCode; then, only when the code is 0, str pending, str
 * approved, str rejected. After a non-zero code the client reads nothing more, so the record
 * carries empty strings and the codec writes none. With code 0 exactly one string should be
 * non-empty (normally the typed name).
 *
 * <pre>{@code
 * session.send(SetWishNameResp.pending(avatarId, "Flippy Doodle"));
 * }</pre>
 *
 * @param avatarId the avatar (echo the request)
 * @param returnCode u16; 0 = processed
 * @param pending non-empty when the name was submitted for review
 * @param approved non-empty when it was accepted at once
 * @param rejected non-empty when it was rejected at once
 * @since 0.2
 */
public record SetWishNameResp(long avatarId, int returnCode, String pending, String approved,
    String rejected) implements ClientBound {
  /** The codec: SET_WISHNAME_RESP ({@value ClientMsg#SET_WISHNAME_RESP}). */
  public static final MessageCodec<SetWishNameResp> CODEC = MessageCodec.of(
      ClientMsg.SET_WISHNAME_RESP, SetWishNameResp.class,
      r -> {
        long avatarId = r.readU32();
        int code = r.readU16();
        return code != 0 ? refused(avatarId, code)
            : new SetWishNameResp(avatarId, 0, r.readString(), r.readString(), r.readString());
      },
      (m, w) -> {
        w.u32(m.avatarId).u16(m.returnCode);
        if (m.returnCode == 0) {
          w.string(m.pending).string(m.approved).string(m.rejected);
        }
      });

  /** Checks the ranges and that a non-zero code carries no names. */
  public SetWishNameResp {
    Fields.u32("avatarId", avatarId);
    Fields.u16("returnCode", returnCode);
    Fields.str("pending", pending);
    Fields.str("approved", approved);
    Fields.str("rejected", rejected);
    if (returnCode != 0 && !(pending + approved + rejected).isEmpty()) {
      throw new IllegalArgumentException("a non-zero code carries no names");
    }
  }

  /**
   * The name went to review.
   *
   * @param avatarId the avatar
   * @param name the typed name
   * @return the message
   */
  public static SetWishNameResp pending(long avatarId, String name) {
    return new SetWishNameResp(avatarId, 0, name, "", "");
  }

  /**
   * The name was accepted at once.
   *
   * @param avatarId the avatar
   * @param name the typed name
   * @return the message
   */
  public static SetWishNameResp approved(long avatarId, String name) {
    return new SetWishNameResp(avatarId, 0, "", name, "");
  }

  /**
   * The name was rejected at once.
   *
   * @param avatarId the avatar
   * @param name the typed name
   * @return the message
   */
  public static SetWishNameResp rejected(long avatarId, String name) {
    return new SetWishNameResp(avatarId, 0, "", "", name);
  }

  /**
   * The request could not be processed: the client shows the name-error dialog.
   *
   * @param avatarId the avatar
   * @param returnCode a non-zero code
   * @return the message
   */
  public static SetWishNameResp refused(long avatarId, int returnCode) {
    return new SetWishNameResp(avatarId, returnCode, "", "", "");
  }
}
