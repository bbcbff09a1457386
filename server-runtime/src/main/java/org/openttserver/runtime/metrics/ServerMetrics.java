package org.openttserver.runtime.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.database.DatabaseServer;
import org.openttserver.runtime.database.DbObserver;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.roles.Role;
import org.openttserver.runtime.stateserver.Dbss;
import org.openttserver.runtime.stateserver.StateServer;

/**
 * The server's metrics, one registry per server (so tests can run several in one JVM). The roles
 * count in plain fields ({@link java.util.concurrent.atomic.LongAdder}s) and the families here
 * read them when scraped, so the hot paths allocate nothing for metrics.
 */
public final class ServerMetrics {
  /** Every family of ours starts with this. */
  public static final String PREFIX = "openttserver_";
  private static final double[] DB_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
      0.01, 0.025, 0.05, 0.1, 0.25, 1};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, PluginCounters.Family> pluginFamilies = new ConcurrentHashMap<>();

  /** Makes the registry with the JVM's families (memory, GC, threads, ...). */
  public ServerMetrics() {
    JvmMetrics.builder().register(registry);
  }

  /** {@return the registry (for the HTTP endpoint and tests)} */
  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Adds the families of the message director and the roles that run in this process.
   *
   * @param md the embedded message director
   * @param roles the roles
   */
  public void watch(MessageDirector md, List<Role> roles) {
    CounterWithCallback.builder().name(PREFIX + "md_datagrams_routed")
        .help("Datagrams the embedded message director routed")
        .callback(cb -> cb.call(md.routedCount())).register(registry);
    List<ClientAgent> agents = roles.stream().filter(ClientAgent.class::isInstance)
        .map(ClientAgent.class::cast).toList();
    GaugeWithCallback.builder().name(PREFIX + "clients_connected")
        .help("2003 clients connected to the client agent")
        .callback(cb -> cb.call(agents.stream().mapToInt(ClientAgent::connectionCount).sum()))
        .register(registry);
    CounterWithCallback.builder().name(PREFIX + "client_messages_in")
        .help("2003 messages received from clients, by message type").labelNames("type")
        .callback(cb -> agents.forEach(a -> a.traffic().forEachIn((t, n) -> cb.call(n, t))))
        .register(registry);
    CounterWithCallback.builder().name(PREFIX + "client_messages_out")
        .help("2003 messages sent to clients, by message type").labelNames("type")
        .callback(cb -> agents.forEach(a -> a.traffic().forEachOut((t, n) -> cb.call(n, t))))
        .register(registry);
    CounterWithCallback.builder().name(PREFIX + "client_ejects")
        .help("Clients the client agent dropped with a boot code (ejects, refusals at the "
            + "front door, clients that stopped reading), by code").labelNames("code")
        .callback(cb -> agents.forEach(a -> a.traffic().forEachEject(
            (code, n) -> cb.call(n, Integer.toString(code))))).register(registry);
    GaugeWithCallback.builder().name(PREFIX + "stateserver_objects")
        .help("Objects live in the state server and active in the DB-state server, by role")
        .labelNames("role")
        .callback(cb -> {
          cb.call(roles.stream().filter(StateServer.class::isInstance)
              .mapToInt(r -> ((StateServer) r).host().objectCount()).sum(), "stateserver");
          cb.call(roles.stream().filter(Dbss.class::isInstance)
              .mapToInt(r -> ((Dbss) r).objectCount()).sum(), "dbss");
        }).register(registry);
    Histogram db = Histogram.builder().name(PREFIX + "database_operation_seconds")
        .help("Database requests by DBSERVER_* type, and commits (op=\"commit\"), and how long "
            + "each took").labelNames("op").classicOnly().classicUpperBounds(DB_SECONDS)
        .register(registry);
    roles.stream().filter(DatabaseServer.class::isInstance).map(DatabaseServer.class::cast)
        .forEach(d -> d.observer(new DbTimes(db)));
  }

  /** {@return every metric in Prometheus' text format 0.0.4} */
  public String text() {
    return text(registry);
  }

  static String text(PrometheusRegistry registry) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array does not fail
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The counters one plugin adds; {@link PluginCounters#close} removes them.
   *
   * @param pluginId the plugin
   * @return its metrics
   */
  public PluginCounters forPlugin(String pluginId) {
    return new PluginCounters(pluginId, registry, pluginFamilies);
  }

  /** Database times into the histogram; data points cached per type (writer thread only). */
  private static final class DbTimes implements DbObserver {
    private final Histogram histogram;
    private final Map<Integer, DistributionDataPoint> byType = new java.util.HashMap<>();
    private final DistributionDataPoint commit;

    DbTimes(Histogram histogram) {
      this.histogram = histogram;
      this.commit = histogram.labelValues("commit");
    }

    @Override
    public void request(int msgType, long nanos) {
      byType.computeIfAbsent(msgType, t -> {
        String name = AstronMsg.nameOf(t); // participants are trusted, but keep labels bounded
        return histogram.labelValues(name.startsWith("DBSERVER_")
            ? name.substring("DBSERVER_".length()) : "other");
      }).observe(nanos / 1e9);
    }

    @Override
    public void commit(int requests, long nanos) {
      commit.observe(nanos / 1e9);
    }
  }
}
