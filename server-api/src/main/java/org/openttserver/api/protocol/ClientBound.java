package org.openttserver.api.protocol;

/**
 * A message the server sends to the 2003 client ("S→C" in protocol-2003.md §2).
 *
 * <p>Plugins send them with {@link
 * org.openttserver.api.session.ClientSession#send(ClientBound)}; the test client expects them.
 *
 * <pre>{@code
 * session.send(new ServerUp(402000000L, "Toon Valley"));
 * }</pre>
 *
 * @since 0.2
 */
public interface ClientBound extends ProtocolMessage {}
