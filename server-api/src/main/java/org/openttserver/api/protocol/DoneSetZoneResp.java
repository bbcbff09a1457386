package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_DONE_SET_ZONE_RESP (48), S→C: every object of the new zone has been sent (protocol-2003.md
 * §2.9).
 *
 * <p>Layout: u16 zoneId.
 *
 * <pre>{@code
 * session.send(new DoneSetZoneResp(2000));
 * }</pre>
 *
 * @param zoneId the zone
 * @since 0.2
 */
public record DoneSetZoneResp(int zoneId) implements ClientBound {
  /** The codec: DONE_SET_ZONE_RESP ({@value ClientMsg#DONE_SET_ZONE_RESP}). */
  public static final MessageCodec<DoneSetZoneResp> CODEC = MessageCodec.of(
      ClientMsg.DONE_SET_ZONE_RESP, DoneSetZoneResp.class,
      r -> new DoneSetZoneResp(r.readU16()),
      (m, w) -> {
        w.u16(m.zoneId);
      });

  /** Checks the ranges. */
  public DoneSetZoneResp {
    zoneId = Fields.u16("zoneId", zoneId);
  }
}
