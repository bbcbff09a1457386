package org.openttserver.api.protocol;

/**
 * A 2003 game-protocol message: a record of {@link Protocol2003} that its codec can encode.
 *
 * <p>Every message is a {@link ServerBound} (client to server), a {@link ClientBound} (server to
 * client) or both; this common supertype only exists so that {@link Protocol2003#encode} takes
 * either.
 *
 * <pre>{@code
 * byte[] body = Protocol2003.encode(new SetZone(2000)); // u16 29, then u16 2000
 * }</pre>
 *
 * @since 0.2
 */
public interface ProtocolMessage {}
