package org.openttserver.api.bridge;

import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.dc.DcFile;

/**
 * Typed access to Astron's roles: the database, the state servers and the client agents, over
 * any {@link ClusterParticipant} (the extension's, an AI's, a tool's). Plugins get theirs from
 * {@code PluginContext.bridge()}.
 *
 * <p>Everything sent carries the bridge's sender channel, where replies come back; {@link
 * #create} subscribes it. Futures complete on the participant's executor, never on a network
 * thread. Wrong arguments fail at the call with {@link IllegalArgumentException}; cluster-side
 * failures fail the future with a {@link BridgeException}, among them {@link
 * MalformedReplyException} for a reply the bridge cannot decode (cut short, or the cluster loaded
 * other DC files).
 * Reads that name fields take the object's class: Astron's messages carry field ids only. The
 * bridge registers its handlers for
 * state-server events on the participant the first time {@link LiveObjects#events} or {@link
 * LiveObjects#zoneObjects} is used; {@link #close} removes them.
 *
 * <p>Example:
 *
 * <pre>{@code
 * AstronBridge bridge = AstronBridge.create(participant, 4_000_000_000L, dc,
 *     BridgeSettings.defaults());
 * DcClass cls = dc.dclass("DistributedToon");
 * bridge.database().create(cls, FieldValues.builder(cls).set("setName", "Flippy").build())
 *     .thenCompose(doId -> bridge.objects().activate(doId, district, 2000));
 * }</pre>
 *
 * @since 0.2
 */
public interface AstronBridge extends AutoCloseable {
  /**
   * Creates a bridge.
   *
   * @param participant the participant to send and receive on
   * @param senderChannel the sender of everything sent; subscribed here
   * @param dcFile the DC files the cluster loaded (field ids are their global ids)
   * @param settings the role channels and timeout
   * @return the bridge
   */
  static AstronBridge create(ClusterParticipant participant, long senderChannel, DcFile dcFile,
      BridgeSettings settings) {
    return new Bridge(participant, senderChannel, dcFile, settings);
  }

  /** {@return the database role's objects} */
  DatabaseObjects database();

  /** {@return objects in state-server memory} */
  LiveObjects objects();

  /** {@return client-agent commands by channel} */
  ClientControl clients();

  /** {@return the settings} */
  BridgeSettings settings();

  /** {@return the sender channel} */
  long senderChannel();

  /**
   * Makes a bridge over the same participant and sender with other settings (another database, a
   * longer timeout), for requests and the timeout of zone queries. It shares this bridge's event
   * side: its watches and zone queries use the same handlers on the participant, and no more
   * are registered. Closing it ends the watches and zone queries made through it and nothing
   * else; closing this bridge (or the one it was made from) ends the event side of both.
   *
   * <p>Example: {@code AstronBridge slow = bridge.withSettings(bridge.settings()
   * .withTimeout(Duration.ofSeconds(30)));}
   *
   * @param settings the settings
   * @return the new bridge
   */
  AstronBridge withSettings(BridgeSettings settings);

  /**
   * Ends the bridge's event side: every {@link LiveObjects#events} watch ends (its channel is
   * unsubscribed), pending zone queries fail with {@link NoReplyException}, and the handlers the
   * bridge registered on the participant are removed; later watches and zone queries throw
   * {@link IllegalStateException}. Requests and commands keep working, and the participant and
   * the sender channel stay as they are. The bridge of a plugin context is closed when the plugin
   * stops. Closing twice is harmless.
   */
  @Override
  void close();
}
