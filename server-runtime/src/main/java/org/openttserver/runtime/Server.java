package org.openttserver.runtime;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.clientagent.ClientAgentType;
import org.openttserver.runtime.backup.BackupRequests;
import org.openttserver.runtime.backup.DataLock;
import org.openttserver.runtime.metrics.HealthLog;
import org.openttserver.runtime.metrics.MetricsServer;
import org.openttserver.runtime.metrics.ServerMetrics;
import org.openttserver.runtime.config.ConfigException;
import org.openttserver.runtime.database.DatabaseType;
import org.openttserver.runtime.stateserver.DbssType;
import org.openttserver.runtime.stateserver.StateServerType;
import org.openttserver.runtime.dc.DcLoader;
import org.openttserver.runtime.roles.Role;
import org.openttserver.runtime.roles.RoleContext;
import org.openttserver.runtime.roles.RoleType;
import org.openttserver.ai.AiServer;
import org.openttserver.ai.AiSettings;
import org.openttserver.runtime.config.HostPort;
import org.openttserver.runtime.config.ServerConfig;
import org.openttserver.runtime.extension.ExtensionCore;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.runtime.md.LocalParticipant;
import org.openttserver.runtime.md.RemoteParticipant;
import org.openttserver.runtime.md.MdServer;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.md.UpstreamLink;
import org.openttserver.runtime.plugin.PluginHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server: the embedded message director and its TCP listener, the extension core
 * and the plugins. Everything is instance-scoped, so tests can run several in one JVM.
 */
public final class Server implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Server.class);
  /** Role types this build can run. */
  private static final List<RoleType> ROLE_TYPES = List.of(new ClientAgentType(),
      new StateServerType(), new DbssType(), new DatabaseType());

  private final EventLoopGroup group;
  private final ExecutorService pool;
  private final ScheduledExecutorService timers;
  private final MessageDirector md = new MessageDirector();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private MdServer mdServer;
  private final ServerMetrics metrics = new ServerMetrics();
  private MetricsServer metricsServer;
  private ExtensionCore extension;
  private PluginHost plugins;
  private AiServer ai;
  private DcLoader.Loaded dc;
  private final List<Role> roles = new ArrayList<>();
  private final CompletableFuture<String> stopped = new CompletableFuture<>();

  private Server() {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    group = new MultiThreadIoEventLoopGroup(threads, daemonThreads("netty"),
        NioIoHandler.newFactory());
    pool = Executors.newFixedThreadPool(threads, daemonThreads("worker"));
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemonThreads("timer"));
    t.setRemoveOnCancelPolicy(true);
    timers = t;
  }

  /**
   * Starts a server.
   *
   * @param config the configuration
   * @param workDir the directory relative paths of the configuration are resolved against
   * @param builtinPlugins directories holding the built-in plugin jars
   * @return the running server
   * @throws ConfigException if the configuration cannot be served
   * @throws InterruptedException if interrupted while binding
   */
  public static Server start(ServerConfig config, Path workDir, List<Path> builtinPlugins)
      throws InterruptedException {
    checkRoles(config); // configuration mistakes first, before files are read or ports bound
    Server s = new Server();
    try {
      s.startParts(config, workDir, builtinPlugins);
      return s;
    } catch (RuntimeException | InterruptedException e) {
      s.close();
      throw e;
    }
  }

  private void startParts(ServerConfig config, Path workDir, List<Path> builtinPlugins)
      throws InterruptedException {
    Path source = config.source();
    ServerConfig.General general = config.general();
    config.extension().bridgeSettings(source); // bad bridge keys fail before anything starts
    dc = loadDc(config, workDir);
    long clientDcHash = general.clientDcHash() != 0 ? general.clientDcHash() : dc.clientHash();
    Path dataDir = workDir.resolve(general.dataDir()).normalize();
    DataLock lock = lockData(dataDir);
    String connect = config.messagedirector().connect();
    // connect + roles: the embedded director runs downstream of that one (Astron's daemons do);
    // connect without roles: this server joins it as the extension (and AI).
    boolean downstream = !connect.isBlank() && !config.roles().isEmpty();
    boolean embedded = connect.isBlank() || downstream;
    if (embedded) {
      if (downstream) {
        connectUpstream(config);
      }
      startEmbeddedDirector(config);
      startRoles(config, new RoleContext(md, group, pool, timers, source, dataDir, dc.file()));
      metrics.watch(md, roles);
      closeables.add(new HealthLog(md, roles.stream().filter(ClientAgent.class::isInstance)
          .map(ClientAgent.class::cast).toList(), timers));
    }
    ServerConfig.ExtensionConfig ext = config.extension();
    ClusterParticipant extParticipant = embedded
        ? new LocalParticipant(md, "extension", pool, timers)
        : joinRemote(HostPort.parse(connect, 7199, source, "messagedirector.connect"), source);
    closeables.add((AutoCloseable) extParticipant);
    extension = new ExtensionCore(extParticipant, ext.channel(), timers,
        Duration.ofMillis(ext.handlerTimeoutMs()));
    extension.replyTimeout(Duration.ofMillis(ext.bridgeTimeoutMs()));
    extension.start(ext.ejectClientsOnLoss());
    List<Path> roots = new ArrayList<>();
    for (Path root : builtinPlugins) {
      roots.add(root.toAbsolutePath().normalize());
    }
    // In a distribution the drop-in directory is the built-in one (plugins/ beside the jar):
    // listed twice, every jar would be loaded twice.
    Path dropIns = workDir.resolve(ext.pluginsDir()).toAbsolutePath().normalize();
    if (!roots.contains(dropIns)) {
      roots.add(dropIns);
    }
    plugins = new PluginHost(roots, new PluginHost.Settings(config.plugins(), source, dataDir,
        extension, dc, clientDcHash, ext.bridgeSettings(source)));
    plugins.metrics(metrics::forPlugin);
    plugins.loadAndStart();
    startMetrics(config);
    if (lock != null) {
      closeables.add(new BackupRequests(dataDir, plugins::backupContributors, timers));
    }
    if (config.ai().enabled()) {
      AiSettings aiSettings = AiLauncher.settings(config.ai(), config.roles(), source,
          ext.channel());
      ClusterParticipant aiParticipant = embedded
          ? new LocalParticipant(md, "ai", pool, timers)
          : joinRemote(HostPort.parse(connect, 7199, source, "messagedirector.connect"), source,
              "openttserver ai");
      closeables.add((AutoCloseable) aiParticipant);
      ai = AiLauncher.start(aiParticipant, dc.file(), aiSettings);
      closeables.add(ai);
    }
  }

  /** Takes data/.lock, so that {@code backup} knows a server runs here; null if it is held. */
  private DataLock lockData(Path dataDir) {
    try {
      java.util.Optional<DataLock> lock = DataLock.tryAcquire(dataDir);
      if (lock.isEmpty()) {
        log.warn("{} is in use by another server (its {} is locked); 'backup' asks that one",
            dataDir, DataLock.FILE);
        return null;
      }
      closeables.add(lock.get());
      return lock.get();
    } catch (java.io.IOException e) {
      throw new ConfigException("general.data_dir: cannot use " + dataDir + " ("
          + e.getMessage() + ")");
    }
  }

  private void startMetrics(ServerConfig config) {
    String bind = config.metrics().bind();
    if (bind.isBlank()) {
      return;
    }
    InetSocketAddress addr = HostPort.parse(bind, 9101, config.source(), "metrics.bind");
    try {
      metricsServer = MetricsServer.start(metrics, addr);
    } catch (java.io.IOException | RuntimeException e) {
      throw new ConfigException(config.source() + ": key 'metrics.bind': cannot listen on "
          + bind + " (" + e.getMessage() + "); choose a free port");
    }
    closeables.add(metricsServer);
    if (!addr.getAddress().isLoopbackAddress()) {
      log.warn("metrics: /metrics is served without sign-in on {}, which is not loopback; "
          + "anyone who can reach it sees the server's figures", bind);
    }
    log.info("metrics: http://{}:{}/metrics", addr.getHostString(), metricsServer.port());
  }

  private static DcLoader.Loaded loadDc(ServerConfig config, Path workDir) {
    ServerConfig.General general = config.general();
    List<Path> dcFiles = general.dcFiles().stream().map(f -> workDir.resolve(f).normalize())
        .toList();
    Path fallback = general.dcFallback().isBlank() ? null
        : workDir.resolve(general.dcFallback()).normalize();
    java.util.Map<Path, org.openttserver.api.dc.DcDialect> dialects = new java.util.HashMap<>();
    general.dcDialects().forEach((file, name) -> {
      String key = "general.dc_dialects." + file;
      Path p = workDir.resolve(file).normalize();
      if (!dcFiles.contains(p)) {
        throw new ConfigException(config.source() + ": key '" + key + "': not one of "
            + "general.dc_files");
      }
      dialects.put(p, switch (name) {
        case "2003" -> org.openttserver.api.dc.DcDialect.DC_2003;
        case "extended" -> org.openttserver.api.dc.DcDialect.EXTENDED;
        case "astron" -> org.openttserver.api.dc.DcDialect.ASTRON;
        default -> throw new ConfigException(config.source() + ": key '" + key + "': expected "
            + "2003, extended or astron, got '" + name + "'");
      });
    });
    return DcLoader.load(dcFiles, dialects, fallback, config.source());
  }

  /**
   * Runs only a base AI, joined to a running message director (the embedded one of another
   * process, or Astron's): {@code openttserver ai}.
   *
   * @param config the configuration (its DC files)
   * @param workDir the directory relative paths are resolved against
   * @param connect {@code host:port} of the message director
   * @param settings what the AI runs
   * @return the process's server, with just the AI; {@link #stopped} completes if the link is
   *     lost (the message director has then deleted the AI's objects through its post-remove)
   * @throws ConfigException if the configuration cannot be served
   * @throws InterruptedException if interrupted while connecting
   */
  public static Server startAi(ServerConfig config, Path workDir, String connect,
      AiSettings settings) throws InterruptedException {
    Server s = new Server();
    try {
      s.dc = loadDc(config, workDir);
      RemoteParticipant p = s.joinRemote(HostPort.parse(connect, 7199, config.source(),
          "messagedirector.connect"), config.source(), "openttserver ai");
      s.closeables.add(p);
      s.ai = AiLauncher.start(p, s.dc.file(), settings);
      s.closeables.add(s.ai);
      return s;
    } catch (RuntimeException | InterruptedException e) {
      s.close();
      throw e;
    }
  }

  private void startEmbeddedDirector(ServerConfig config) throws InterruptedException {
    String bind = config.messagedirector().bind();
    if (bind.isBlank()) {
      return;
    }
    InetSocketAddress addr = HostPort.parse(bind, 7199, config.source(), "messagedirector.bind");
    try {
      mdServer = MdServer.bind(md, addr, group);
    } catch (RuntimeException e) {
      throw new ConfigException(config.source() + ": key 'messagedirector.bind': cannot listen on "
          + bind + " (" + e.getMessage() + ")"
          + (HostPort.isAddressInUse(e) ? "; choose a free port" : ""));
    }
    closeables.add(mdServer);
  }

  /**
   * Connects the embedded director to the one {@code messagedirector.connect} names, as its
   * downstream, before anything attaches to it. The link is closed last, after the roles,
   * extension and AI have left (their unsubscriptions and post-removes go up first).
   */
  private void connectUpstream(ServerConfig config) throws InterruptedException {
    Path source = config.source();
    String connect = config.messagedirector().connect();
    InetSocketAddress addr = HostPort.parse(connect, 7199, source, "messagedirector.connect");
    String bind = config.messagedirector().bind();
    if (!bind.isBlank()) {
      InetSocketAddress own = HostPort.parse(bind, 7199, source, "messagedirector.bind");
      if (isSameListener(own, addr)) {
        throw new ConfigException(source + ": key 'messagedirector.connect': " + connect
            + " is this server's own messagedirector.bind; give the upstream message "
            + "director's address");
      }
    }
    String name = "openttserver downstream md";
    try {
      name += " on " + java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      // the name is cosmetic
    }
    try {
      closeables.add(UpstreamLink.connect(md, addr, name, group, reason -> {
        log.error("{}; shutting down (the upstream director has fired this server's "
            + "post-removes)", reason);
        stopped.complete(reason);
      }));
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // Netty rethrows the connect failure (a checked ConnectException) undeclared.
      throw new ConfigException(source + ": key 'messagedirector.connect': cannot connect to "
          + addr + " (" + e.getMessage() + "); is the upstream message director running?");
    }
  }

  /** Whether connecting to {@code target} would reach the listener bound at {@code own}. */
  private static boolean isSameListener(InetSocketAddress own, InetSocketAddress target) {
    if (own.getPort() != target.getPort() || own.getPort() == 0 || target.isUnresolved()) {
      return false;
    }
    java.net.InetAddress t = target.getAddress();
    if (own.getAddress() != null && own.getAddress().equals(t)) {
      return true;
    }
    boolean ownWild = own.getAddress() == null || own.getAddress().isAnyLocalAddress();
    try {
      return ownWild && (t.isLoopbackAddress() || t.isAnyLocalAddress()
          || java.net.NetworkInterface.getByInetAddress(t) != null);
    } catch (java.net.SocketException e) {
      return false;
    }
  }

  private RemoteParticipant joinRemote(InetSocketAddress addr, Path source)
      throws InterruptedException {
    return joinRemote(addr, source, "openttserver extension");
  }

  private RemoteParticipant joinRemote(InetSocketAddress addr, Path source, String name)
      throws InterruptedException {
    try {
      return RemoteParticipant.connect(addr, name, group, pool, timers,
          reason -> {
            log.error("{}; shutting down (the cluster has ejected this server's clients and"
                + " deleted its AI's objects)", reason);
            stopped.complete(reason);
          });
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // Netty rethrows the connect failure (a checked ConnectException) undeclared.
      throw new ConfigException(source + ": key 'messagedirector.connect': cannot connect to "
          + addr + " (" + e.getMessage() + "); is the message director running?");
    }
  }

  /** {@return completes with a reason when the server stops by itself (lost its cluster link)} */
  public CompletableFuture<String> stopped() {
    return stopped;
  }

  private void startRoles(ServerConfig config, RoleContext ctx) throws InterruptedException {
    for (int i = 0; i < config.roles().size(); i++) {
      ObjectNode entry = config.roles().get(i).deepCopy();
      String key = "roles[" + i + "]";
      RoleType rt = roleType(entry, key, config.source());
      entry.remove("type");
      Role role = rt.start(entry, key, ctx);
      roles.add(role);
      closeables.add(role);
    }
  }

  /**
   * Checks every role entry of a configuration as starting it would, without starting anything.
   *
   * @param config the configuration
   * @throws ConfigException naming the first bad key
   */
  public static void checkRoles(ServerConfig config) {
    for (int i = 0; i < config.roles().size(); i++) {
      ObjectNode entry = config.roles().get(i).deepCopy();
      String key = "roles[" + i + "]";
      RoleType rt = roleType(entry, key, config.source());
      entry.remove("type");
      rt.check(entry, key, config.source());
    }
  }

  private static RoleType roleType(ObjectNode entry, String key, Path source) {
    String type = entry.path("type").asText("");
    if (type.equals("eventlogger")) {
      throw new ConfigException(source + ": key '" + key + ".type': value 'eventlogger' not "
          + "supported: this build has no event logger role (Astron's eventlogger writes the "
          + "UDP events of general.eventlogger to files)");
    }
    return ROLE_TYPES.stream().filter(t -> t.name().equals(type)).findFirst()
        .orElseThrow(() -> new ConfigException(source + ": key '" + key + ".type': "
            + (type.isEmpty() ? "missing" : "unknown role type '" + type + "'")
            + " (this build runs: " + String.join(", ", ROLE_TYPES.stream().map(RoleType::name)
                .toList()) + ")"));
  }

  /** {@return the roles started from the configuration, in order} */
  public List<Role> roles() {
    return List.copyOf(roles);
  }

  /** {@return the loaded DC files} */
  public DcLoader.Loaded dc() {
    return dc;
  }

  /** {@return the message director's TCP address, or null if it does not listen} */
  public InetSocketAddress mdAddress() {
    return mdServer == null ? null : mdServer.localAddress();
  }

  /** {@return the server's metrics} */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** {@return the port of {@code /metrics}, or -1 if it is not served} */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  /** {@return the embedded message director} */
  public MessageDirector messageDirector() {
    return md;
  }

  /** {@return the extension core} */
  public ExtensionCore extension() {
    return extension;
  }

  /** {@return the base AI run in this process, if the configuration enables it} */
  public java.util.Optional<AiServer> ai() {
    return java.util.Optional.ofNullable(ai);
  }

  /** {@return the plugin host} */
  public PluginHost plugins() {
    return plugins;
  }

  /**
   * Attaches a new in-process participant (for an in-process AI or a test).
   *
   * @param name for logs
   * @return the participant; close it to detach
   */
  public LocalParticipant newParticipant(String name) {
    return new LocalParticipant(md, name, pool, timers);
  }

  /** Stops plugins, detaches the extension (its post-removes fire), closes listeners. */
  @Override
  public void close() {
    if (plugins != null) {
      try {
        plugins.stopPlugins();
      } catch (RuntimeException e) {
        log.warn("stopping plugins: {}", e.toString());
      }
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        log.warn("closing {}: {}", closeables.get(i), e.toString());
      }
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    timers.shutdownNow();
    pool.shutdown();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      // Netty's kind of thread: its thread-locals (SerialExecutor#hold, the routing lock's hold
      // count) are an array slot rather than a ThreadLocal map entry.
      Thread t = new io.netty.util.concurrent.FastThreadLocalThread(r,
          prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
