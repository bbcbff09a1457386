package org.openttserver.api.session;

import org.openttserver.api.cluster.Registration;

/**
 * Where plugins claim 2003 message types.
 *
 * <p>Each type has at most one handler; a second claim fails with {@link
 * IllegalStateException} naming both plugins. A type nobody claims ejects the client with code
 * 108.
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
}
