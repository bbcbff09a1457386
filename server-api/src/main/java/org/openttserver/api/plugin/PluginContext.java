package org.openttserver.api.plugin;

import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.service.Services;
import org.openttserver.api.session.ClientMessages;
import org.openttserver.api.session.ClientSessions;
import org.slf4j.Logger;

/**
 * What the server gives a plugin. Everything registered through it (client message handlers,
 * cluster handlers and subscriptions, session listeners) is removed when the plugin stops.
 *
 * @since 0.1
 */
public interface PluginContext {
  /** {@return the plugin's id} */
  String pluginId();

  /** {@return a logger named after the plugin} */
  Logger logger();

  /** {@return the plugin's configuration section} */
  PluginConfig config();

  /** {@return a directory for the plugin's own files, {@code data/plugins/<id>}, created on demand} */
  Path dataDirectory();

  /**
   * The extension's participant on the message director (channel 5536 by default). Datagrams the
   * plugin sends should carry {@link #extensionChannel()} as sender so replies come back here.
   *
   * @return the participant
   */
  ClusterParticipant cluster();

  /**
   * The plugin's typed access to the cluster's roles, over {@link #cluster()} with {@link
   * #extensionChannel()} as sender; the database and state-server channels and the timeout come
   * from the {@code extension} section of the configuration ({@code database_channel}, {@code
   * stateserver_channel}, {@code bridge_timeout_ms}). Its event watches end when the plugin stops.
   *
   * <p>Example: {@code ctx.bridge().database().getAll(doId).thenAccept(o -> ...)}.
   *
   * @return the bridge (the same one on every call while the plugin runs)
   * @throws IllegalStateException once the plugin stopped (its bridge is closed); a restarted
   *     plugin gets a new bridge
   * @since 0.2
   */
  default AstronBridge bridge() {
    // A default only so that contexts written for 0.1 (test fakes) still compile.
    throw new UnsupportedOperationException(getClass().getName() + " has no Astron bridge");
  }

  /** {@return the extension channel, the sender of everything the extension sends} */
  long extensionChannel();

  /** {@return the loaded DC files: the client's 2003 classes, then the server's own} */
  DcFile dcFile();

  /** {@return the DC hash clients must send at login (unsigned 32-bit)} */
  long clientDcHash();

  /** {@return the connected clients} */
  ClientSessions sessions();

  /** {@return where the plugin claims 2003 message types} */
  ClientMessages clientMessages();

  /** {@return a scheduler for timers; tasks must not block} */
  ScheduledExecutorService scheduler();

  /**
   * {@return the services plugins offer one another; what this plugin provides is withdrawn
   * when it stops}
   *
   * @since 0.2
   */
  default Services services() {
    throw new UnsupportedOperationException(getClass().getName() + " has no services");
  }

  /**
   * {@return where the plugin adds counters to the server's metrics; its families are removed
   * when it stops}
   *
   * @since 0.3
   */
  default PluginMetrics metrics() {
    return PluginMetrics.NONE;
  }

  /**
   * Takes part in backups of the running server: while the plugin runs, {@code backup} asks the
   * contributor for a consistent copy of its files before copying the rest of its data
   * directory as it is. A plugin without one has its data directory copied as it is.
   *
   * @param contributor writes the copy
   * @since 0.3
   */
  default void onBackup(BackupContributor contributor) {
    // contexts without backups (test fakes) ignore it
  }
}
