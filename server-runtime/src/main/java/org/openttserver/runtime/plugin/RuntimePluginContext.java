package org.openttserver.runtime.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import org.openttserver.api.bridge.AstronBridge;
import org.openttserver.api.bridge.BridgeSettings;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.plugin.PluginConfig;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.service.Services;
import org.openttserver.api.session.Access;
import org.openttserver.api.session.ClientMessageHandler;
import org.openttserver.api.session.ClientMessages;
import org.openttserver.api.session.ClientSession;
import org.openttserver.api.session.ClientSessions;
import org.openttserver.api.dc.DcFile;
import org.openttserver.runtime.dc.DcLoader;
import org.openttserver.runtime.extension.ExtensionCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context one plugin gets; every registration through it is tracked in its scope. */
final class RuntimePluginContext implements PluginContext {
  private final String pluginId;
  private final Logger logger;
  private final PluginConfig config;
  private final Path dataDirectory;
  private final ExtensionCore core;
  private ScheduledExecutorService scheduler;
  private final DcLoader.Loaded dc;
  private final long clientDcHash;
  private final ScopedRegistrations scope = new ScopedRegistrations();
  private final ScopedParticipant cluster;
  private final ServiceRegistry services;
  private final BridgeSettings bridgeSettings;
  private AstronBridge bridge;
  private boolean stopped;
  private java.util.function.Function<String, org.openttserver.runtime.metrics.PluginCounters>
      metricsSource;
  private org.openttserver.runtime.metrics.PluginCounters metrics;
  private volatile org.openttserver.api.plugin.BackupContributor backup;

  RuntimePluginContext(String pluginId, PluginConfig config, Path dataRoot, ExtensionCore core,
      ScopedParticipant.SubscriptionCounts counts, DcLoader.Loaded dc, long clientDcHash,
      ServiceRegistry services, BridgeSettings bridgeSettings) {
    this.services = services;
    this.bridgeSettings = bridgeSettings;
    this.dc = dc;
    this.clientDcHash = clientDcHash;
    this.pluginId = pluginId;
    this.logger = LoggerFactory.getLogger("plugin." + pluginId);
    this.config = config;
    this.dataDirectory = dataRoot.resolve("plugins").resolve(pluginId);
    this.core = core;
    this.scheduler = newTimers();
    this.cluster = new ScopedParticipant(core.cluster(), scope, counts);
  }

  /** A timer thread for the plugin, shut down with the plugin's other registrations. */
  private ScheduledExecutorService newTimers() {
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "plugin-" + pluginId + "-timer");
      t.setDaemon(true);
      return t;
    });
    timers.setRemoveOnCancelPolicy(true);
    scope.track(timers::shutdownNow);
    return timers;
  }

  /** Where {@link #metrics} comes from (none: counts nothing). @param source by plugin id */
  synchronized void metricsSource(java.util.function.Function<String,
      org.openttserver.runtime.metrics.PluginCounters> source) {
    this.metricsSource = source;
  }

  @Override
  public synchronized org.openttserver.api.plugin.PluginMetrics metrics() {
    if (metricsSource == null) {
      return org.openttserver.api.plugin.PluginMetrics.NONE;
    }
    if (metrics == null) {
      org.openttserver.runtime.metrics.PluginCounters m = metricsSource.apply(pluginId);
      metrics = m;
      scope.track(() -> {
        m.close();
        synchronized (this) {
          if (metrics == m) {
            metrics = null;
          }
        }
      });
    }
    return metrics;
  }

  @Override
  public void onBackup(org.openttserver.api.plugin.BackupContributor contributor) {
    backup = java.util.Objects.requireNonNull(contributor);
    scope.track(() -> {
      if (backup == contributor) {
        backup = null;
      }
    });
  }

  /** {@return the plugin's backup contributor while it runs, or null} */
  org.openttserver.api.plugin.BackupContributor backupContributor() {
    return backup;
  }

  ScopedRegistrations scope() {
    return scope;
  }

  /** The plugin stopped (or failed): removes its registrations; {@link #bridge} refuses since. */
  void stop() {
    synchronized (this) {
      stopped = true;
      bridge = null;
    }
    scope.closeAll();
  }

  /**
   * The plugin starts again after a stop: {@link #bridge} makes a new bridge and {@link
   * #scheduler} is a new timer thread (the old one was shut down with the plugin).
   */
  synchronized void resume() {
    stopped = false;
    if (scheduler.isShutdown()) {
      scheduler = newTimers();
    }
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public PluginConfig config() {
    return config;
  }

  @Override
  public Path dataDirectory() {
    try {
      return Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDirectory, e);
    }
  }

  @Override
  public ClusterParticipant cluster() {
    return cluster;
  }

  /**
   * {@inheritDoc} Created on first use, over this plugin's scoped participant.
   *
   * @throws IllegalStateException once the plugin stopped (its bridge was closed)
   */
  @Override
  public synchronized AstronBridge bridge() {
    if (stopped) {
      throw new IllegalStateException("plugin '" + pluginId + "' stopped; its bridge is closed");
    }
    if (bridge == null) {
      bridge = AstronBridge.create(cluster, core.channel(), dc.file(), bridgeSettings);
      scope.track(bridge::close);
    }
    return bridge;
  }

  @Override
  public long extensionChannel() {
    return core.channel();
  }

  @Override
  public DcFile dcFile() {
    return dc.file();
  }

  @Override
  public long clientDcHash() {
    return clientDcHash;
  }

  @Override
  public ClientSessions sessions() {
    ClientSessions all = core.sessions();
    return new ClientSessions() {
      @Override
      public Optional<ClientSession> byConnection(long c) {
        return all.byConnection(c);
      }

      @Override
      public Optional<ClientSession> byAccount(long a) {
        return all.byAccount(a);
      }

      @Override
      public Collection<ClientSession> all() {
        return all.all();
      }

      @Override
      public Registration onConnect(Consumer<ClientSession> l) {
        return scope.track(all.onConnect(l));
      }

      @Override
      public Registration onDisconnect(Consumer<ClientSession> l) {
        return scope.track(all.onDisconnect(l));
      }

      @Override
      public Registration onLogout(Consumer<ClientSession> l) {
        return scope.track(all.onLogout(l));
      }
    };
  }

  @Override
  public ClientMessages clientMessages() {
    return new ClientMessages() {
      @Override
      public Registration register(int type, Access access, ClientMessageHandler handler) {
        return scope.track(core.messages().register(pluginId, type, access, handler));
      }

      @Override
      public ClientMessages asFallback() {
        return (type, access, handler) ->
            scope.track(core.messages().registerFallback(pluginId, type, access, handler));
      }
    };
  }

  /** {@inheritDoc} Its tasks are cancelled when the plugin stops. */
  @Override
  public synchronized ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public Services services() {
    return new Services() {
      @Override
      public <T> Registration provide(Class<T> type, T implementation) {
        return scope.track(services.provide(pluginId, type, implementation));
      }

      @Override
      public <T> Optional<T> find(Class<T> type) {
        return services.find(type);
      }
    };
  }
}
