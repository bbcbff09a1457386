package org.openttserver.api.session;

import java.util.concurrent.CompletionStage;
import org.openttserver.api.protocol.ServerBound;

/**
 * Handles one 2003 client message, already decoded into its record; registered with {@link
 * ClientMessages#on}.
 *
 * <p>The same rules as for {@link ClientMessageHandler} apply (one message of a session at a
 * time, never block), except that the payload was read and checked before the call: a truncated
 * payload ejected the client with 109 and a payload with bytes left over with 106, so the handler
 * only sees well-formed messages.
 *
 * <pre>{@code
 * messages.on(SetShard.class, Access.LOGGED_IN, (session, msg) -> {
 *   session.send(GetStateResp.of(0));
 *   return null;
 * });
 * }</pre>
 *
 * @param <M> the message record
 * @since 0.2
 */
@FunctionalInterface
public interface TypedHandler<M extends ServerBound> {
  /**
   * Handles a message.
   *
   * @param session the sending client
   * @param message the decoded message
   * @return a stage completing when the message is handled, or null if it already is
   * @throws Exception as {@link ClientMessageHandler#handle}
   */
  CompletionStage<?> handle(ClientSession session, M message) throws Exception;
}
