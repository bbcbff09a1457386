package org.openttserver.api.session;

import org.openttserver.api.cluster.Registration;
import org.openttserver.api.msg.BootCode;
import org.openttserver.api.protocol.MessageCodec;
import org.openttserver.api.protocol.Protocol2003;
import org.openttserver.api.protocol.ServerBound;

/**
 * Where plugins claim 2003 message types.
 *
 * <p>Each type has at most one handler; a second claim fails with {@link
 * IllegalStateException} naming both plugins. A type nobody claims ejects the client with code
 * 108, unless a plugin registered a {@linkplain #asFallback() fallback} for it.
 *
 * @since 0.1
 */
public interface ClientMessages {
  /**
   * Claims a message type.
   *
   * @param msgType the 2003 message type
   * @param access who may send it
   * @param handler the handler
   * @return releases the claim (also released when the plugin stops)
   * @throws IllegalStateException if another handler claimed the type
   */
  Registration register(int msgType, Access access, ClientMessageHandler handler);

  /**
   * Claims a message type by its record: the payload is decoded with the record's codec before
   * the handler runs. A truncated payload ejects the client with 109 ({@link
   * org.openttserver.api.datagram.DatagramFormatException} propagates as from any handler), a
   * payload with bytes left over with 106 ({@link BootCode#OVERSIZED_DATAGRAM}); in both cases
   * the handler is not called.
   *
   * <pre>{@code
   * messages.on(SetZone.class, Access.LOGGED_IN, (session, msg) -> {
   *   session.send(new DoneSetZoneResp(msg.zoneId()));
   *   return null;
   * });
   * }</pre>
   *
   * @param messageClass the record of a client message, e.g. {@code Login2.class}
   * @param access who may send it
   * @param handler the handler
   * @param <M> the record
   * @return releases the claim (also released when the plugin stops)
   * @throws IllegalStateException if another handler claimed the type
   * @throws IllegalArgumentException if the class is not a record of {@link Protocol2003}
   * @since 0.2
   */
  default <M extends ServerBound> Registration on(Class<M> messageClass, Access access,
      TypedHandler<? super M> handler) {
    MessageCodec<M> codec = Protocol2003.codec(messageClass);
    return register(codec.type(), access, (session, payload) -> {
      M message = codec.read(payload);
      if (payload.remaining() > 0) {
        throw new ClientProtocolException(BootCode.OVERSIZED_DATAGRAM, payload.remaining()
            + " unexpected trailing byte(s) in message type " + codec.type());
      }
      return handler.handle(session, message);
    });
  }

  /**
   * The same registrations as fallbacks: a fallback handler answers a type only while no plugin
   * has claimed it the ordinary way. A plugin uses it for the reduced answer it can give when the
   * plugin that normally handles a message is disabled or not installed, without a clash when
   * that plugin is there. One fallback per type; a second fails like a second claim.
   *
   * <pre>{@code
   * // avatars: without the names plugin, refuse picked names instead of ejecting (108)
   * context().clientMessages().asFallback().on(SetNamePattern.class, Access.LOGGED_IN,
   *     (session, msg) -> {
   *       session.send(new SetNamePatternAnswer(msg.avatarId(), 1));
   *       return null;
   *     });
   * }</pre>
   *
   * @return where to register fallbacks
   * @since 0.2
   */
  default ClientMessages asFallback() {
    throw new UnsupportedOperationException(getClass().getName() + " has no fallbacks");
  }
}
