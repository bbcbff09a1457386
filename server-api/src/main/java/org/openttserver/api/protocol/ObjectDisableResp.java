package org.openttserver.api.protocol;

import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_OBJECT_DISABLE_RESP (25), S→C: the object left the client's view (protocol-2003.md §2.10).
 *
 * <p>Layout: u32 doId.
 *
 * <pre>{@code
 * session.send(new ObjectDisableResp(doId));
 * }</pre>
 *
 * @param doId the object
 * @since 0.2
 */
public record ObjectDisableResp(long doId) implements ClientBound {
  /** The codec: OBJECT_DISABLE_RESP ({@value ClientMsg#OBJECT_DISABLE_RESP}). */
  public static final MessageCodec<ObjectDisableResp> CODEC = MessageCodec.of(
      ClientMsg.OBJECT_DISABLE_RESP, ObjectDisableResp.class,
      r -> new ObjectDisableResp(r.readU32()),
      (m, w) -> {
        w.u32(m.doId);
      });

  /** Checks the ranges. */
  public ObjectDisableResp {
    doId = Fields.u32("doId", doId);
  }
}
