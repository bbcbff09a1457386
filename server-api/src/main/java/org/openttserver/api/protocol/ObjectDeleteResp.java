package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_OBJECT_DELETE_RESP (27), S→C: the object was destroyed (protocol-2003.md §2.10).
 *
 * <p>Layout: u32 doId.
 *
 * <pre>{@code
 * session.send(new ObjectDeleteResp(doId));
 * }</pre>
 *
 * @param doId the object
 * @since 0.2
 */
public record ObjectDeleteResp(long doId) implements ClientBound {
  /** The codec: OBJECT_DELETE_RESP ({@value ClientMsg#OBJECT_DELETE_RESP}). */
  public static final MessageCodec<ObjectDeleteResp> CODEC = MessageCodec.of(
      ClientMsg.OBJECT_DELETE_RESP, ObjectDeleteResp.class,
      r -> new ObjectDeleteResp(r.readU32()),
      (m, w) -> {
        w.u32(m.doId);
      });

  /** Checks the ranges. */
  public ObjectDeleteResp {
    doId = Fields.u32("doId", doId);
  }
}
