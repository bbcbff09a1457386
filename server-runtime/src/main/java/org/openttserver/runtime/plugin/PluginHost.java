package org.openttserver.runtime.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import org.openttserver.api.bridge.BridgeSettings;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openttserver.api.plugin.GamePlugin;
import org.openttserver.api.plugin.PluginContext;
import org.openttserver.api.service.ServerInfo;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.dc.DcLoader;
import org.openttserver.runtime.extension.ExtensionCore;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginDependency;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStateEvent;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads plugin jars with PF4J from the built-in and drop-in directories, gives each a {@link
 * PluginContext}, skips those disabled in the configuration, and removes everything a plugin
 * registered when it stops or fails.
 *
 * <p>PF4J's manager is not thread-safe: call it from the lifecycle thread only.
 */
public final class PluginHost extends DefaultPluginManager {
  private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

  private final Map<String, RuntimePluginContext> contexts = new ConcurrentHashMap<>();
  private final ServiceRegistry services = new ServiceRegistry();
  /** Plugins disabled because a hard dependency is disabled (logged when that was found). */
  private final Set<String> disabledByDependency = ConcurrentHashMap.newKeySet();
  private final Settings settings;
  private volatile java.util.function.Function<String,
      org.openttserver.runtime.metrics.PluginCounters> metrics;

  /**
   * What the host needs besides its directories.
   *
   * @param sections the {@code plugins} sections of the configuration, by plugin id
   * @param configFile the configuration file, for messages
   * @param dataRoot the data directory
   * @param core the extension core plugins register with
   * @param dc the loaded DC files
   * @param clientDcHash the hash clients must send
   * @param bridge the settings of the plugins' bridges
   */
  public record Settings(Map<String, JsonNode> sections, Path configFile, Path dataRoot,
      ExtensionCore core, DcLoader.Loaded dc, long clientDcHash, BridgeSettings bridge) {
    /**
     * Settings with the default bridge settings.
     *
     * @param sections as above
     * @param configFile as above
     * @param dataRoot as above
     * @param core as above
     * @param dc as above
     * @param clientDcHash as above
     */
    public Settings(Map<String, JsonNode> sections, Path configFile, Path dataRoot,
        ExtensionCore core, DcLoader.Loaded dc, long clientDcHash) {
      this(sections, configFile, dataRoot, core, dc, clientDcHash, BridgeSettings.defaults());
    }
  }

  /**
   * Creates the host.
   *
   * @param roots directories whose {@code *.jar} files are plugins (missing ones are skipped)
   * @param settings configuration and services
   */
  public PluginHost(List<Path> roots, Settings settings) {
    super(roots);
    this.settings = settings;
    setSystemVersion(RuntimeVersion.VERSION);
    ScopedParticipant.SubscriptionCounts counts =
        new ScopedParticipant.SubscriptionCounts(settings.core().cluster());
    counts.pin(settings.core().channel());
    this.counts = counts;
    long startedAt = System.currentTimeMillis();
    services.provide("server", ServerInfo.class, new ServerInfo() {
      @Override
      public long startedAtMillis() {
        return startedAt;
      }

      @Override
      public String version() {
        return RuntimeVersion.VERSION;
      }

      @Override
      public List<ServerInfo.PluginStatus> plugins() {
        return pluginStatuses();
      }
    });
    addPluginStateListener(event -> {
      PluginState state = event.getPluginState();
      if (state == PluginState.STOPPED || state == PluginState.FAILED
          || state == PluginState.DISABLED) {
        RuntimePluginContext ctx = contexts.get(event.getPlugin().getPluginId());
        if (ctx != null) {
          ctx.stop();
        }
      }
    });
  }

  private final ScopedParticipant.SubscriptionCounts counts;

  /**
   * Before PF4J resolves dependencies: a plugin whose hard dependency ({@code Plugin-Dependencies}
   * without {@code ?}) is not installed is set aside, and one whose hard dependency is disabled
   * (in the configuration, or in turn for its own dependencies) is disabled, each with one log
   * line. PF4J would otherwise fail the whole start-up (missing) or try to enable the dependency
   * (disabled), and a deployment must be able to switch any plugin off.
   */
  @Override
  protected void resolvePlugins() {
    for (PluginWrapper w : List.copyOf(plugins.values())) {
      String requires = w.getDescriptor().getRequires();
      if (!getVersionManager().checkVersionConstraint(getSystemVersion(), requires)) {
        log.warn("plugin '{}' ({}) is not started: it requires server version {}, this is {}",
            w.getPluginId(), w.getPluginPath().getFileName(), requires, getSystemVersion());
        setAside(w);
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (PluginWrapper w : List.copyOf(plugins.values())) {
        if (w.getPluginState() == PluginState.DISABLED) {
          continue;
        }
        for (PluginDependency d : w.getDescriptor().getDependencies()) {
          if (d.isOptional()) {
            continue;
          }
          PluginWrapper target = plugins.get(d.getPluginId());
          if (target == null) {
            log.warn("plugin '{}' ({}) is not started: it needs plugin '{}', which is not "
                + "installed", w.getPluginId(), w.getPluginPath().getFileName(), d.getPluginId());
            setAside(w);
          } else if (target.getPluginState() == PluginState.DISABLED) {
            log.warn("plugin '{}' ({}) is not started: it needs plugin '{}', which is disabled",
                w.getPluginId(), w.getPluginPath().getFileName(), d.getPluginId());
            w.setPluginState(PluginState.DISABLED);
            disabledByDependency.add(w.getPluginId());
          } else {
            continue;
          }
          changed = true;
          break;
        }
      }
    }
    super.resolvePlugins();
  }

  /** Forgets a loaded but unresolved plugin and closes its class loader. */
  private void setAside(PluginWrapper w) {
    plugins.remove(w.getPluginId());
    unresolvedPlugins.remove(w);
    ClassLoader loader = pluginClassLoaders.remove(w.getPluginId());
    if (loader instanceof Closeable c) {
      try {
        c.close();
      } catch (IOException e) {
        log.debug("closing the class loader of plugin '{}': {}", w.getPluginId(), e.toString());
      }
    }
  }

  /**
   * Every loaded plugin is valid here: {@link #resolvePlugins} sets aside one whose {@code
   * Plugin-Requires} this server does not meet, with one line naming its jar.
   */
  @Override
  protected boolean isPluginValid(PluginWrapper pluginWrapper) {
    return true;
  }

  @Override
  protected PluginRepository createPluginRepository() {
    return new JarPluginRepository(getPluginsRoots());
  }

  @Override
  protected PluginStatusProvider createPluginStatusProvider() {
    return new PluginStatusProvider() {
      @Override
      public boolean isPluginDisabled(String pluginId) {
        return !config(pluginId).enabled();
      }

      @Override
      public void disablePlugin(String pluginId) {
        throw new UnsupportedOperationException("disable plugins in the configuration file");
      }

      @Override
      public void enablePlugin(String pluginId) {
        throw new UnsupportedOperationException("enable plugins in the configuration file");
      }
    };
  }

  private RuntimePluginConfig config(String pluginId) {
    return new RuntimePluginConfig(pluginId, settings.sections().get(pluginId),
        settings.configFile());
  }

  @Override
  protected PluginFactory createPluginFactory() {
    return this::instantiate;
  }

  /**
   * Gives plugins counters in the server's metrics ({@code PluginContext.metrics()}); call before
   * {@link #loadAndStart}.
   *
   * @param source a plugin's counters by its id
   */
  public void metrics(java.util.function.Function<String,
      org.openttserver.runtime.metrics.PluginCounters> source) {
    this.metrics = source;
  }

  /** {@return the backup contributors of the running plugins, by plugin id} */
  public Map<String, org.openttserver.api.plugin.BackupContributor> backupContributors() {
    Map<String, org.openttserver.api.plugin.BackupContributor> out = new java.util.HashMap<>();
    contexts.forEach((id, ctx) -> {
      org.openttserver.api.plugin.BackupContributor c = ctx.backupContributor();
      PluginWrapper w = getPlugin(id);
      if (c != null && w != null && w.getPluginState() == PluginState.STARTED) {
        out.put(id, c);
      }
    });
    return out;
  }

  private Plugin instantiate(PluginWrapper wrapper) {
    String id = wrapper.getPluginId();
    String className = wrapper.getDescriptor().getPluginClass();
    try {
      Class<?> cls = wrapper.getPluginClassLoader().loadClass(className);
      if (!GamePlugin.class.isAssignableFrom(cls)) {
        log.error("plugin '{}' ({}) is not started: {} does not extend {}", id,
            wrapper.getPluginPath().getFileName(), className, GamePlugin.class.getName());
        return null;
      }
      Constructor<?> ctor = cls.getConstructor(PluginContext.class);
      RuntimePluginContext ctx = new RuntimePluginContext(id, config(id),
          settings.dataRoot(), settings.core(), counts, settings.dc(), settings.clientDcHash(),
          services, settings.bridge());
      if (metrics != null) {
        ctx.metricsSource(metrics);
      }
      contexts.put(id, ctx);
      return (Plugin) ctor.newInstance(ctx);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      log.error("plugin '{}' ({}) is not started: cannot load {}: {} (it needs a public "
          + "constructor taking a PluginContext)", id, wrapper.getPluginPath().getFileName(),
          className, e.toString());
    } catch (InvocationTargetException e) {
      log.error("plugin '{}' ({}) is not started: its constructor failed", id,
          wrapper.getPluginPath().getFileName(), e.getCause());
    } catch (LinkageError e) {
      log.error("plugin '{}' ({}) is not started: {} (built against another server-api?)", id,
          wrapper.getPluginPath().getFileName(), e.toString());
    } catch (ReflectiveOperationException | ConfigException e) {
      log.error("plugin '{}': {}", id, e.getMessage());
    }
    return null;
  }

  /**
   * Loads and starts every enabled plugin. A plugin whose registrations clash with another's
   * stops start-up with that one line.
   *
   * @throws ConfigException if a plugin fails to start or two claim the same message type
   */
  public void loadAndStart() {
    settings.sections().keySet().forEach(this::config);
    loadPlugins();
    for (String id : settings.sections().keySet()) {
      if (getPlugin(id) == null) {
        log.warn("{}: key 'plugins.{}': no plugin with that id is installed; the section is "
            + "ignored", settings.configFile(), id);
      }
    }
    for (PluginWrapper w : getPlugins()) {
      if (w.getPluginState() == PluginState.DISABLED
          && !disabledByDependency.contains(w.getPluginId())) {
        log.info("plugin '{}' {} is disabled in {}", w.getPluginId(),
            w.getDescriptor().getVersion(), settings.configFile());
      }
    }
    for (PluginWrapper w : getResolvedPlugins()) {
      if (w.getPluginState() == PluginState.DISABLED
          || w.getPluginState() == PluginState.FAILED) {
        continue;
      }
      if (w.getPlugin() == null) {
        // instantiate() logged why; the server runs without this plugin.
        markFailed(w, null);
        continue;
      }
      start(w);
    }
  }

  /**
   * Starts one plugin. A plugin refuses to run by throwing {@link IllegalArgumentException} or
   * {@link IllegalStateException} with one line (a bad configuration section, a malformed data
   * file, two plugins claiming one message type or service): start-up stops with that line, for
   * the operator to fix. Any other exception, or a {@link LinkageError} (a plugin built against
   * another server-api), is a fault of the plugin: it is marked failed with one log line (and
   * its stack), what it registered is removed, and the server runs without it.
   */
  private void start(PluginWrapper w) {
    String id = w.getPluginId();
    try {
      PluginState state = startPlugin(id);
      if (state != PluginState.STARTED && failedByDependency.contains(id)) {
        return; // startPlugin logged why; the server runs without it
      }
      if (state != PluginState.STARTED) {
        Throwable err = w.getFailedException();
        throw new ConfigException("plugin '" + id + "' did not start: "
            + (err != null ? err.getMessage() : state));
      }
      List<String> claims = settings.core().messages().claimedBy(id);
      log.info("plugin '{}' {} started ({}){}", id, w.getDescriptor().getVersion(),
          w.getPluginPath().getFileName(), claims.isEmpty() ? ""
              : "; claims " + String.join(", ", claims));
    } catch (ConfigException e) {
      stopAfterFailedStart(w);
      markFailed(w, e);
      throw e;
    } catch (IllegalStateException | IllegalArgumentException | PluginRuntimeException e) {
      // A clash or a refused configuration says it all in its message.
      stopAfterFailedStart(w);
      markFailed(w, e);
      String msg = String.valueOf(e.getMessage());
      throw new ConfigException(msg.startsWith("plugin '" + id + "'") ? msg
          : "plugin '" + id + "' did not start: " + msg);
    } catch (RuntimeException | LinkageError e) {
      log.error("plugin '{}' ({}) is disabled: its start() failed with {}; the server runs "
          + "without it", id, w.getPluginPath().getFileName(), e.toString(), e);
      stopAfterFailedStart(w);
      markFailed(w, e);
    }
  }

  /**
   * Gives a plugin whose start() threw the chance to release what it opened before that (PF4J
   * never stops a plugin that did not start): its stop() is called once, and what that throws is
   * logged, never passed on.
   */
  private void stopAfterFailedStart(PluginWrapper w) {
    org.pf4j.Plugin plugin;
    try {
      plugin = w.getPlugin();
    } catch (RuntimeException | LinkageError e) {
      return; // never made: nothing of it runs
    }
    if (plugin == null) {
      return;
    }
    try {
      plugin.stop();
    } catch (RuntimeException | LinkageError e) {
      log.warn("plugin '{}': stop() after its failed start failed too: {}", w.getPluginId(),
          e.toString());
    }
  }

  /** Marks a plugin failed; the state listener then removes what it registered so far. */
  private void markFailed(PluginWrapper w, Throwable cause) {
    PluginState prior = w.getPluginState();
    w.setPluginState(PluginState.FAILED);
    w.setFailedException(cause);
    firePluginStateEvent(new PluginStateEvent(this, w, prior));
  }

  /**
   * The plugins found and their states, read from another thread than the lifecycle one: a copy
   * of PF4J's list, which a start or stop changing it meanwhile may leave one entry behind.
   */
  private List<ServerInfo.PluginStatus> pluginStatuses() {
    List<PluginWrapper> found;
    try {
      found = List.copyOf(plugins.values());
    } catch (java.util.ConcurrentModificationException e) {
      found = List.of(); // PF4J's map changed while read (plugins are found at start only)
    }
    List<ServerInfo.PluginStatus> out = new ArrayList<>();
    for (PluginWrapper w : found) {
      out.add(new ServerInfo.PluginStatus(w.getPluginId(), w.getDescriptor().getVersion(),
          String.valueOf(w.getPluginState())));
    }
    out.sort(java.util.Comparator.comparing(ServerInfo.PluginStatus::id));
    return out;
  }

  /**
   * Finds the current provider of a plugin service, as a plugin's {@code services().find} does;
   * for the runtime's own pages and for tests.
   *
   * @param type the service interface
   * @param <T> the service type
   * @return the implementation, or empty if no running plugin provides it
   */
  public <T> Optional<T> service(Class<T> type) {
    return services.find(type);
  }

  /**
   * Counts what a plugin has registered, for tests and diagnostics.
   *
   * @param pluginId the plugin
   * @return how many registrations are live, or -1 if the plugin never got a context
   */
  public int registrationCount(String pluginId) {
    RuntimePluginContext ctx = contexts.get(pluginId);
    return ctx == null ? -1 : ctx.scope().size();
  }

  /**
   * Lets a stopped plugin's context hand out a bridge again before the plugin restarts. A plugin
   * disabled in the configuration stays disabled: PF4J starts a plugin's optional dependencies
   * ({@code Plugin-Dependencies: other?}) that are installed, and would otherwise try to enable
   * one the configuration switched off.
   */
  @Override
  public PluginState startPlugin(String pluginId) {
    PluginWrapper w = getPlugin(pluginId);
    if (w != null && w.getPluginState() == PluginState.DISABLED) {
      return PluginState.DISABLED;
    }
    if (w != null && w.getPluginState() == PluginState.FAILED) {
      return PluginState.FAILED; // a failed start is not tried again
    }
    for (PluginDependency d : w != null ? w.getDescriptor().getDependencies()
        : List.<PluginDependency>of()) {
      PluginWrapper target = getPlugin(d.getPluginId());
      if (!d.isOptional() && target != null && target.getPluginState() == PluginState.FAILED) {
        log.warn("plugin '{}' ({}) is not started: it needs plugin '{}', which failed to start",
            pluginId, w.getPluginPath().getFileName(), d.getPluginId());
        failedByDependency.add(pluginId);
        markFailed(w, null);
        return PluginState.FAILED;
      }
    }
    RuntimePluginContext ctx = contexts.get(pluginId);
    if (ctx != null) {
      ctx.resume();
    }
    if (!starting.add(pluginId)) {
      return w != null ? w.getPluginState() : PluginState.STOPPED; // already being started
    }
    PluginState state;
    try {
      // Started directly: no longer waiting to start again with something it depends on.
      stoppedWith.values().forEach(list -> list.remove(pluginId));
      state = w != null && w.getPluginState() == PluginState.STARTED ? PluginState.STARTED
          : super.startPlugin(pluginId);
    } finally {
      starting.remove(pluginId);
    }
    if (state == PluginState.STARTED) {
      // Plugins stopped with this one start again: they look its services up and register
      // their listeners with the new instance in their start().
      List<String> again = stoppedWith.remove(pluginId);
      for (String dependent : again != null ? again : List.<String>of()) {
        PluginWrapper d = getPlugin(dependent);
        if (d == null || d.getPluginState() == PluginState.STARTED) {
          continue;
        }
        log.info("plugin '{}' starts again after '{}'", dependent, pluginId);
        try {
          if (startPlugin(dependent) != PluginState.STARTED) {
            log.warn("plugin '{}' did not start again: {}", dependent, d.getPluginState());
          }
        } catch (RuntimeException e) {
          log.warn("plugin '{}' did not start again: {}", dependent, e.toString());
          markFailed(d, e);
        }
      }
    }
    return state;
  }

  /** Plugins not started because a hard dependency failed (logged when that was found). */
  private final Set<String> failedByDependency = ConcurrentHashMap.newKeySet();

  /** Plugins in {@link #startPlugin} now (a dependency's restart must not start them twice). */
  private final Set<String> starting = ConcurrentHashMap.newKeySet();

  /** Plugins in {@link #stopPlugin} now (optional dependencies may form a cycle). */
  private final Set<String> stopping = ConcurrentHashMap.newKeySet();

  /** Plugins stopped because a plugin they depend on was stopped, by that plugin. */
  private final Map<String, List<String>> stoppedWith = new ConcurrentHashMap<>();

  /**
   * Stops a plugin, and first the plugins that depend on it (also optionally: they hold its
   * services and listeners); those start again when it does ({@link #startPlugin}).
   */
  @Override
  protected PluginState stopPlugin(String pluginId, boolean stopDependents) {
    if (!stopping.add(pluginId)) {
      PluginWrapper w = getPlugin(pluginId);
      return w != null ? w.getPluginState() : PluginState.STOPPED; // a cycle: already stopping
    }
    try {
      return stopWithDependents(pluginId, stopDependents);
    } finally {
      stopping.remove(pluginId);
    }
  }

  private PluginState stopWithDependents(String pluginId, boolean stopDependents) {
    if (stopDependents) {
      // PF4J's own list leaves out optional dependents ("avatars?"), which hold services and
      // listeners of this plugin all the same.
      List<String> dependents = new ArrayList<>();
      for (PluginWrapper w : getPlugins()) {
        if (w.getPluginState() != PluginState.STARTED || w.getPluginId().equals(pluginId)) {
          continue;
        }
        for (PluginDependency d : w.getDescriptor().getDependencies()) {
          if (d.getPluginId().equals(pluginId)) {
            dependents.add(w.getPluginId());
          }
        }
      }
      for (String d : dependents) {
        log.info("plugin '{}' stops with '{}', which it depends on", d, pluginId);
        stopPlugin(d, true);
      }
      if (!dependents.isEmpty()) {
        stoppedWith.put(pluginId, dependents);
      }
    }
    return super.stopPlugin(pluginId, stopDependents);
  }

  /** {@return the context of a plugin instantiated under this id, or null; for tests} */
  PluginContext context(String pluginId) {
    return contexts.get(pluginId);
  }
}
