package org.openttserver.api.protocol;

/**
 * A message the 2003 client sends to the server ("C→S" in protocol-2003.md §2).
 *
 * <p>Plugins receive them through {@link
 * org.openttserver.api.session.ClientMessages#on(Class, org.openttserver.api.session.Access,
 * org.openttserver.api.session.TypedHandler)}; the test client sends them.
 *
 * <pre>{@code
 * messages.on(SetZone.class, Access.LOGGED_IN, (session, msg) -> {
 *   session.send(new DoneSetZoneResp(msg.zoneId()));
 *   return null;
 * });
 * }</pre>
 *
 * @since 0.2
 */
public interface ServerBound extends ProtocolMessage {}
