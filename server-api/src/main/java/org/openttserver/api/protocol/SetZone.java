package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_SET_ZONE (29), C→S: the client moves to a zone (protocol-2003.md §2.9).
 *
 * <p>Layout: u16 zoneId (sv1.0.6.9 sends 16 bits; later clients send u32).
 *
 * <pre>{@code
 * client.send(new SetZone(2000));
 * }</pre>
 *
 * @param zoneId the zone
 * @since 0.2
 */
public record SetZone(int zoneId) implements ServerBound {
  /** The codec: SET_ZONE ({@value ClientMsg#SET_ZONE}). */
  public static final MessageCodec<SetZone> CODEC = MessageCodec.of(
      ClientMsg.SET_ZONE, SetZone.class,
      r -> new SetZone(r.readU16()),
      (m, w) -> {
        w.u16(m.zoneId);
      });

  /** Checks the ranges. */
  public SetZone {
    zoneId = Fields.u16("zoneId", zoneId);
  }
}
