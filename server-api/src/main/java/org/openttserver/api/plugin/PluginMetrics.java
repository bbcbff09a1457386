package org.openttserver.api.plugin;

/**
 * Counters a plugin adds to the server's metrics ({@code /metrics}, Prometheus text format). A
 * family is named {@code openttserver_<name>_total} and is removed when the plugin stops.
 *
 * <p>Example: {@code Counter logins = ctx.metrics().counter("logins", "Logins answered",
 * "result", "code"); logins.inc("failed", "122");}
 *
 * @since 0.3
 */
public interface PluginMetrics {
  /** Metrics that count nothing: for contexts without metrics (test fakes). */
  PluginMetrics NONE = (name, help, labelNames) -> labelValues -> { };

  /**
   * Adds (or returns the plugin's existing) counter family.
   *
   * @param name lower-case letters, digits and underscores, starting with a letter
   * @param help one line saying what is counted
   * @param labelNames the labels every increment gives values for, in order
   * @return the counter
   * @throws IllegalArgumentException for a bad name, or a name another part of the server uses
   */
  Counter counter(String name, String help, String... labelNames);

  /**
   * Every metric of the server (not only this plugin's) in Prometheus' text format 0.0.4, as
   * the runtime's own {@code /metrics} serves it, for a plugin that serves them on a page of
   * its own (the admin page's {@code /metrics}).
   *
   * @return the text; empty for contexts without metrics
   */
  default String prometheusText() {
    return "";
  }

  /** A monotonic counter with labels. */
  @FunctionalInterface
  interface Counter {
    /**
     * Adds one.
     *
     * @param labelValues one value per label name, in order
     * @throws IllegalArgumentException if the number of values does not match the labels
     */
    void inc(String... labelValues);
  }
}
