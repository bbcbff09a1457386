package org.openttserver.api.session;

import java.util.concurrent.CompletionStage;
import org.openttserver.api.datagram.DatagramReader;

/**
 * Handles one 2003 message type from clients.
 *
 * <p>Messages of one session are handled one at a time, in order: the next message of that
 * session waits until the stage this handler returns completes (return {@code null} when the work
 * is done synchronously). The handler must read the whole payload, and should do so before it acts:
 * the dispatcher checks for trailing bytes (code 106) only after the synchronous part returns, so
 * a handler that reads lazily may already have replied. A truncated payload ejects with 109. Throw {@link ClientProtocolException} to eject with
 * another code. Never block: chain on the futures of cluster requests.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ClientMessageHandler {
  /**
   * Handles a message.
   *
   * @param session the sending client
   * @param payload the payload after the u16 message type
   * @return a stage completing when the message is handled, or null if it already is
   * @throws Exception anything else is logged and ejects the client with code 1
   */
  CompletionStage<?> handle(ClientSession session, DatagramReader payload) throws Exception;
}
