package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_CREATE_AVATAR (6), C→S: creates a toon in a slot, answered by {@link CreateAvatarResp}; no
 * name is sent (protocol-2003.md §2.3).
 *
 * <p>Layout: u16 echoContext, str dna (the 15-byte DNA net string, as a blob), u8 position.
 *
 * <pre>{@code
 * client.send(new CreateAvatar(0, dna, 3));
 * }</pre>
 *
 * @param echoContext echoed in the reply (the client sends 0)
 * @param dna the DNA net string
 * @param position the slot, 0–5
 * @since 0.2
 */
public record CreateAvatar(int echoContext, byte[] dna, int position) implements ServerBound {
  /** The codec: CREATE_AVATAR ({@value ClientMsg#CREATE_AVATAR}). */
  public static final MessageCodec<CreateAvatar> CODEC = MessageCodec.of(
      ClientMsg.CREATE_AVATAR, CreateAvatar.class,
      r -> new CreateAvatar(r.readU16(), r.readBlob(), r.readU8()),
      (m, w) -> {
        w.u16(m.echoContext);
        w.blob(m.dna);
        w.u8(m.position);
      });

  /** Checks the ranges and copies the bytes. */
  public CreateAvatar {
    echoContext = Fields.u16("echoContext", echoContext);
    dna = Fields.copy("dna", dna);
    position = Fields.u8("position", position);
  }

  /** {@return a copy of dna} */
  @Override
  public byte[] dna() {
    return dna.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CreateAvatar o
        && echoContext == o.echoContext
        && Fields.same(dna, o.dna)
        && position == o.position;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(echoContext, Fields.hash(dna), position);
  }

  @Override
  public String toString() {
    return "CreateAvatar[" + "echoContext=" + echoContext
        + ", " + "dna=" + Fields.hex(dna)
        + ", " + "position=" + position
        + "]";
  }
}
