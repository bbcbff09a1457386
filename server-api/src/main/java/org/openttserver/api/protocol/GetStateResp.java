package org.openttserver.api.protocol;

import java.util.Objects;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GET_STATE_RESP (47), S→C: the answer to {@link SetShard} and to {@link SetZone}
 * (protocol-2003.md §2.9).
 *
 * <p>Layout: 12 bytes the client skips (their original meaning is unknown; zeros work), then u16
 * zoneId.
 *
 * <pre>{@code
 * session.send(GetStateResp.of(2000));
 * }</pre>
 *
 * @param skipped the 12 skipped bytes
 * @param zoneId the zone
 * @since 0.2
 */
public record GetStateResp(byte[] skipped, int zoneId) implements ClientBound {
  /** How many bytes the client skips. */
  public static final int SKIPPED_BYTES = 12;

  /** The codec: GET_STATE_RESP ({@value ClientMsg#GET_STATE_RESP}). */
  public static final MessageCodec<GetStateResp> CODEC = MessageCodec.of(
      ClientMsg.GET_STATE_RESP, GetStateResp.class,
      r -> new GetStateResp(r.readBytes(SKIPPED_BYTES), r.readU16()),
      (m, w) -> w.bytes(m.skipped).u16(m.zoneId));

  /** Checks the sizes and copies the bytes. */
  public GetStateResp {
    skipped = Fields.copy("skipped", skipped);
    if (skipped.length != SKIPPED_BYTES) {
      throw new IllegalArgumentException("GET_STATE_RESP skips exactly 12 bytes, not "
          + skipped.length);
    }
    Fields.u16("zoneId", zoneId);
  }

  /**
   * The usual form: zeros, then the zone.
   *
   * @param zoneId the zone
   * @return the message
   */
  public static GetStateResp of(int zoneId) {
    return new GetStateResp(new byte[SKIPPED_BYTES], zoneId);
  }

  /** {@return a copy of the skipped bytes} */
  @Override
  public byte[] skipped() {
    return skipped.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GetStateResp o && zoneId == o.zoneId && Fields.same(skipped, o.skipped);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Fields.hash(skipped), zoneId);
  }

  @Override
  public String toString() {
    return "GetStateResp[skipped=" + Fields.hex(skipped) + ", zoneId=" + zoneId + "]";
  }
}
