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
            log.warn("plugin '{}' is not started: it needs plugin '{}', which is not installed",
                w.getPluginId(), d.getPluginId());
            setAside(w);
          } else if (target.getPluginState() == PluginState.DISABLED) {
            log.warn("plugin '{}' is not started: it needs plugin '{}', which is disabled",
                w.getPluginId(), d.getPluginId());
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
        log.error("plugin '{}': {} does not extend {}", id, className, GamePlugin.class.getName());
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
      log.error("plugin '{}': cannot load {}: {} (it needs a public constructor taking a "
          + "PluginContext)", id, className, e.toString());
    } catch (InvocationTargetException e) {
      log.error("plugin '{}': its constructor failed", id, e.getCause());
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
      if (w.getPluginState() == PluginState.DISABLED) {
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

  private void start(PluginWrapper w) {
    String id = w.getPluginId();
    try {
      PluginState state = startPlugin(id);
      if (state != PluginState.STARTED) {
        Throwable err = w.getFailedException();
        throw new ConfigException("plugin '" + id + "' did not start: "
            + (err != null ? err.getMessage() : state));
      }
      log.info("plugin '{}' {} started ({})", id, w.getDescriptor().getVersion(),
          w.getPluginPath().getFileName());
    } catch (ConfigException e) {
      markFailed(w, e);
      throw e;
    } catch (RuntimeException e) {
      // A clash (IllegalStateException) or a bad section (IllegalArgumentException) says it all.
      if (!(e instanceof IllegalStateException || e instanceof IllegalArgumentException
          || e instanceof PluginRuntimeException)) {
        log.error("plugin '{}': start() failed", id, e);
      }
      markFailed(w, e);
      String msg = String.valueOf(e.getMessage());
      throw new ConfigException(msg.startsWith("plugin '" + id + "'") ? msg
          : "plugin '" + id + "' did not start: " + msg);
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
