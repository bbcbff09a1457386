package org.openttserver.api.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_AVATARS_RESP and CLIENT_DELETE_AVATAR_RESP (both 5), S→C: the account's avatars,
 * the answer to {@link GetAvatars} and to {@link DeleteAvatar} (protocol-2003.md §2.3, §6.1).
 *
 * <p>Layout: u8 returnCode (must be 0: anything else crashes the client), u16 count, then per
 * avatar an {@link Avatar}.
 *
 * <pre>{@code
 * session.send(new AvatarListResp(0, List.of(new AvatarListResp.Avatar(
 *     100000001L, "Flippy", "", "", "", dna, 0, false))));
 * }</pre>
 *
 * @param returnCode 0
 * @param avatars the avatars, at most 6 in practice
 * @since 0.2
 */
public record AvatarListResp(int returnCode, List<Avatar> avatars) implements ClientBound {
  /** The codec: GET_AVATARS_RESP = DELETE_AVATAR_RESP ({@value ClientMsg#GET_AVATARS_RESP}). */
  public static final MessageCodec<AvatarListResp> CODEC = MessageCodec.of(
      ClientMsg.GET_AVATARS_RESP, AvatarListResp.class, AvatarListResp::read,
      AvatarListResp::write);

  /** Checks the code and the count, and copies the list. */
  public AvatarListResp {
    Fields.u8("returnCode", returnCode);
    avatars = List.copyOf(avatars);
    Fields.u16("avatar count", avatars.size());
  }

  /**
   * One avatar of the list.
   *
   * <p>Layout: u32 avatarId, str name, str wishName, str approvedName, str rejectedName, str dna,
   * u8 position, u8 allowedName.
   *
   * @param avatarId the DistributedToon's doId
   * @param name the current name
   * @param wishName a typed name waiting for review, or ""
   * @param approvedName a typed name approved but not yet acknowledged, or ""
   * @param rejectedName a typed name rejected but not yet acknowledged, or ""
   * @param dna the 15-byte DNA net string (protocol-2003.md §6.2)
   * @param position the slot on the chooser, 0–5
   * @param allowedName true while the toon has a temporary name and may be named
   * @since 0.2
   */
  public record Avatar(long avatarId, String name, String wishName, String approvedName,
      String rejectedName, byte[] dna, int position, boolean allowedName) {
    /** Checks the ranges and copies the DNA. */
    public Avatar {
      Fields.u32("avatarId", avatarId);
      Fields.str("name", name);
      Fields.str("wishName", wishName);
      Fields.str("approvedName", approvedName);
      Fields.str("rejectedName", rejectedName);
      dna = Fields.copy("dna", dna);
      Fields.u8("position", position);
    }

    /** {@return a copy of the DNA string} */
    @Override
    public byte[] dna() {
      return dna.clone();
    }

    static Avatar read(DatagramReader r) {
      return new Avatar(r.readU32(), r.readString(), r.readString(), r.readString(),
          r.readString(), r.readBlob(), r.readU8(), r.readBool());
    }

    void write(DatagramWriter w) {
      w.u32(avatarId).string(name).string(wishName).string(approvedName).string(rejectedName)
          .blob(dna).u8(position).bool(allowedName);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Avatar o && avatarId == o.avatarId && name.equals(o.name)
          && wishName.equals(o.wishName) && approvedName.equals(o.approvedName)
          && rejectedName.equals(o.rejectedName) && Fields.same(dna, o.dna)
          && position == o.position && allowedName == o.allowedName;
    }

    @Override
    public int hashCode() {
      return Objects.hash(avatarId, name, wishName, approvedName, rejectedName,
          Fields.hash(dna), position, allowedName);
    }

    @Override
    public String toString() {
      return "Avatar[" + avatarId + " '" + name + "' wish='" + wishName + "' approved='"
          + approvedName + "' rejected='" + rejectedName + "' dna=" + Fields.hex(dna)
          + " position=" + position + " allowedName=" + allowedName + "]";
    }
  }

  private static AvatarListResp read(DatagramReader r) {
    int code = r.readU8();
    int n = r.readU16();
    List<Avatar> list = new ArrayList<>(Math.min(n, 16));
    for (int i = 0; i < n; i++) {
      list.add(Avatar.read(r));
    }
    return new AvatarListResp(code, list);
  }

  private static void write(AvatarListResp m, DatagramWriter w) {
    w.u8(m.returnCode).u16(m.avatars.size());
    for (Avatar a : m.avatars) {
      a.write(w);
    }
  }
}
