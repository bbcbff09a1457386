package org.openttserver.runtime.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.openttserver.api.plugin.PluginMetrics;

/** The counter families of one plugin, named {@code openttserver_<name>_total}. */
public final class PluginCounters implements PluginMetrics, AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /** A family and the plugin that owns it. */
  record Family(String pluginId, io.prometheus.metrics.core.metrics.Counter counter, List<String> labelNames) {}

  private final String pluginId;
  private final PrometheusRegistry registry;
  private final Map<String, Family> families;
  private final List<String> mine = new ArrayList<>();

  PluginCounters(String pluginId, PrometheusRegistry registry, Map<String, Family> families) {
    this.pluginId = pluginId;
    this.registry = registry;
    this.families = families;
  }

  @Override
  public synchronized PluginMetrics.Counter counter(String name, String help, String... labelNames) {
    if (name == null || !NAME.matcher(name).matches() || name.endsWith("_total")) {
      throw new IllegalArgumentException("metric name '" + name + "': expected lower-case "
          + "letters, digits and underscores, starting with a letter, without _total");
    }
    List<String> labels = List.of(labelNames);
    Family f = families.computeIfAbsent(name, n -> {
      io.prometheus.metrics.core.metrics.Counter c = io.prometheus.metrics.core.metrics.Counter
          .builder().name(ServerMetrics.PREFIX + n).help(help).labelNames(labelNames)
          .withoutExemplars().register(registry);
      mine.add(n);
      return new Family(pluginId, c, labels);
    });
    if (!f.pluginId().equals(pluginId) || !f.labelNames().equals(labels)) {
      throw new IllegalArgumentException("metric '" + name + "' is already defined by plugin '"
          + f.pluginId() + "' with labels " + f.labelNames());
    }
    int n = labels.size();
    io.prometheus.metrics.core.metrics.Counter c = f.counter();
    return values -> {
      if (values.length != n) {
        throw new IllegalArgumentException("metric '" + name + "': " + values.length
            + " label values for labels " + labels + ": " + Arrays.toString(values));
      }
      if (n == 0) {
        c.inc();
      } else {
        c.labelValues(values).inc();
      }
    };
  }

  @Override
  public String prometheusText() {
    return ServerMetrics.text(registry);
  }

  /** Removes this plugin's families from the registry. */
  @Override
  public synchronized void close() {
    for (String n : mine) {
      Family f = families.remove(n);
      if (f != null) {
        registry.unregister(f.counter());
      }
    }
    mine.clear();
  }
}
