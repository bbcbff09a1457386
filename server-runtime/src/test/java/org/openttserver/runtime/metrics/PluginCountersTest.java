package org.openttserver.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openttserver.api.plugin.PluginMetrics;

class PluginCountersTest {
  private final ServerMetrics metrics = new ServerMetrics();

  @Test
  void counter_whenIncremented_thenInTheTextWithItsLabels() {
    PluginMetrics.Counter logins = metrics.forPlugin("login")
        .counter("logins", "Logins", "result", "code");
    logins.inc("ok", "0");
    logins.inc("ok", "0");
    logins.inc("failed", "122");
    assertThat(metrics.text()).contains("# HELP openttserver_logins_total Logins",
        "openttserver_logins_total{code=\"0\",result=\"ok\"} 2.0",
        "openttserver_logins_total{code=\"122\",result=\"failed\"} 1.0",
        "jvm_memory_used_bytes");
  }

  @Test
  void counter_whenBadNameOrWrongLabelCount_thenRefused() {
    PluginCounters p = metrics.forPlugin("p");
    assertThatThrownBy(() -> p.counter("Bad-Name", "x")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> p.counter("done_total", "x")).isInstanceOf(
        IllegalArgumentException.class);
    PluginMetrics.Counter c = p.counter("things", "x", "kind");
    assertThatThrownBy(() -> c.inc("a", "b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.inc()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void counter_whenAnotherPluginOwnsTheName_thenRefused_andFreeOnceItsOwnerStops() {
    PluginCounters a = metrics.forPlugin("a");
    a.counter("shared", "x").inc();
    PluginCounters b = metrics.forPlugin("b");
    assertThatThrownBy(() -> b.counter("shared", "x")).hasMessageContaining("plugin 'a'");
    a.close();
    assertThat(metrics.text()).doesNotContain("openttserver_shared_total");
    b.counter("shared", "x").inc();
    assertThat(metrics.text()).contains("openttserver_shared_total 1.0");
  }

  @Test
  void counter_whenAskedTwiceBySamePlugin_thenSameFamily() {
    PluginCounters a = metrics.forPlugin("a");
    a.counter("twice", "x").inc();
    a.counter("twice", "x").inc();
    assertThat(a.prometheusText()).contains("openttserver_twice_total 2.0");
  }
}
