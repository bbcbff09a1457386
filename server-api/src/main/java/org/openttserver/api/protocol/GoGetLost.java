package org.openttserver.api.protocol;

import java.util.Objects;
import java.util.OptionalInt;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_GO_GET_LOST (4), S→C: the boot message; the server closes the connection after it
 * (protocol-2003.md §2.5).
 *
 * <p>Layout: either no payload at all (the client then says "your internet connection was
 * unexpectedly broken"), or u16 reasonCode and str reasonText (the client shows its own text for
 * the code and only logs the reason). The two forms are {@link #noReason()} and {@link #of(int,
 * String)}; a record with no code always has an empty text.
 *
 * <pre>{@code
 * session.send(GoGetLost.of(BootCode.RELOGIN, "logged in from another computer"));
 * }</pre>
 *
 * @param reasonCode the {@link org.openttserver.api.msg.BootCode}, empty for the no-payload form
 * @param reasonText the reason, "" for the no-payload form
 * @since 0.2
 */
public record GoGetLost(OptionalInt reasonCode, String reasonText) implements ClientBound {
  /** The codec: GO_GET_LOST ({@value ClientMsg#GO_GET_LOST}). */
  public static final MessageCodec<GoGetLost> CODEC = MessageCodec.of(
      ClientMsg.GO_GET_LOST, GoGetLost.class,
      r -> r.remaining() == 0 ? noReason() : of(r.readU16(), r.readString()),
      (m, w) -> {
        if (m.reasonCode.isPresent()) {
          w.u16(m.reasonCode.getAsInt()).string(m.reasonText);
        }
      });

  /** Checks the code's range and that the no-payload form has no text. */
  public GoGetLost {
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(reasonText, "reasonText");
    if (reasonCode.isPresent()) {
      Fields.u16("reasonCode", reasonCode.getAsInt());
    } else if (!reasonText.isEmpty()) {
      throw new IllegalArgumentException("GO_GET_LOST without a code carries no text");
    }
  }

  /**
   * The usual form: a code and a reason.
   *
   * @param reasonCode a {@link org.openttserver.api.msg.BootCode}
   * @param reasonText the reason, logged by the client
   * @return the message
   */
  public static GoGetLost of(int reasonCode, String reasonText) {
    return new GoGetLost(OptionalInt.of(reasonCode), reasonText);
  }

  /** {@return the form with no payload} */
  public static GoGetLost noReason() {
    return new GoGetLost(OptionalInt.empty(), "");
  }
}
