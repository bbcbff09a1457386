package org.openttserver.api.protocol;

import java.util.List;
import java.util.Objects;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcRequiredSet;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_AVATAR_DETAILS_RESP (15), S→C: an avatar's fields; the answer to {@link SetAvatar}
 * (it builds the LocalToon) and to {@link GetAvatarDetails} (protocol-2003.md §2.4).
 *
 * <p>Layout: u32 avatarId, u8 returnCode, then every required atomic field of the avatar's class
 * (DistributedToon), broadcast or not, inherited first, in 2003 field-number order, each packed
 * by its DC types. The record keeps those field bytes as they are on the wire ({@link
 * #fieldBytes()}); build it from values with {@link #of} and read the values back with {@link
 * #fields(DcClass)}, so no plugin packs bytes by hand. Fields follow only a zero code: a non-zero
 * code ("no information") carries none.
 *
 * <pre>{@code
 * DcClass toon = dc.dclass("DistributedToon");
 * session.send(GetAvatarDetailsResp.of(avatarId, toon, List.of(
 *     new DcFieldValue(toon.field("setName"), List.of("Flippy")))));   // others: DC defaults
 * List<DcFieldValue> back = resp.fields(toon);
 * }</pre>
 *
 * @param avatarId the avatar
 * @param returnCode 0 = the fields follow
 * @param fieldBytes the packed required fields, empty when the code is not 0
 * @since 0.2
 */
public record GetAvatarDetailsResp(long avatarId, int returnCode, byte[] fieldBytes)
    implements ClientBound {
  /**
   * The codec: GET_AVATAR_DETAILS_RESP ({@value ClientMsg#GET_AVATAR_DETAILS_RESP}). Without the
   * DC class it cannot tell where the fields end: after a zero code every byte is field bytes.
   */
  public static final MessageCodec<GetAvatarDetailsResp> CODEC = MessageCodec.of(
      ClientMsg.GET_AVATAR_DETAILS_RESP, GetAvatarDetailsResp.class,
      r -> {
        long avatarId = r.readU32();
        int code = r.readU8();
        return new GetAvatarDetailsResp(avatarId, code,
            code == 0 ? r.readRemaining() : new byte[0]);
      },
      (m, w) -> w.u32(m.avatarId).u8(m.returnCode).bytes(m.fieldBytes));

  /** Checks the ranges and that a non-zero code has no fields; copies the bytes. */
  public GetAvatarDetailsResp {
    Fields.u32("avatarId", avatarId);
    Fields.u8("returnCode", returnCode);
    fieldBytes = Fields.copy("fieldBytes", fieldBytes);
    if (returnCode != 0 && fieldBytes.length > 0) {
      throw new IllegalArgumentException("a non-zero code carries no fields");
    }
  }

  /**
   * Packs an avatar's required fields (code 0).
   *
   * @param avatarId the avatar
   * @param dclass its class, normally DistributedToon
   * @param values values for required fields of the class, in any order; a required field
   *     missing from the list is sent with its DC default
   * @return the message
   * @throws IllegalArgumentException if a value is for a field that is not a required field of
   *     the class, is given twice, or does not fit its field's types
   */
  public static GetAvatarDetailsResp of(long avatarId, DcClass dclass, List<DcFieldValue> values) {
    Objects.requireNonNull(dclass, "dclass");
    DatagramWriter w = new DatagramWriter(256);
    DcBodies.writeRequired(dclass, DcRequiredSet.ALL, values, w);
    return new GetAvatarDetailsResp(avatarId, 0, w.toByteArray());
  }

  /**
   * The "no information" form.
   *
   * @param avatarId the avatar
   * @param returnCode a non-zero code
   * @return the message
   */
  public static GetAvatarDetailsResp refused(long avatarId, int returnCode) {
    if (returnCode == 0) {
      throw new IllegalArgumentException("a refusal has a non-zero code");
    }
    return new GetAvatarDetailsResp(avatarId, returnCode, new byte[0]);
  }

  /**
   * Reads the fields back.
   *
   * @param dclass the avatar's class
   * @return one value per required field of the class, in wire order
   * @throws org.openttserver.api.datagram.DatagramFormatException if the bytes do not hold
   *     exactly the class's required fields
   */
  public List<DcFieldValue> fields(DcClass dclass) {
    return DcBodies.readRequired(dclass, DcRequiredSet.ALL, fieldBytes);
  }

  /** {@return a copy of the packed fields} */
  @Override
  public byte[] fieldBytes() {
    return fieldBytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GetAvatarDetailsResp o && avatarId == o.avatarId
        && returnCode == o.returnCode && Fields.same(fieldBytes, o.fieldBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(avatarId, returnCode, Fields.hash(fieldBytes));
  }

  @Override
  public String toString() {
    return "GetAvatarDetailsResp[avatarId=" + avatarId + ", returnCode=" + returnCode
        + ", fieldBytes=" + Fields.hex(fieldBytes) + "]";
  }
}
