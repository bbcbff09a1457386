package org.openttserver.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.runtime.md.MessageDirector;

class HealthLogTest {
  @Test
  void line_whenIdle_thenNone_whenTraffic_thenOneHumanLine() {
    MessageDirector md = new MessageDirector();
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try (HealthLog h = new HealthLog(md, List.of(), timers)) {
      assertThat(h.line()).isNull();
      for (int i = 0; i < 1500; i++) {
        md.route(Datagram.of(Datagram.header(1234, 5, 6)), null);
      }
      assertThat(h.line()).startsWith("health: 0 clients connected, 1,500 datagrams routed in "
          + "the last minute, heap ");
      assertThat(h.line()).as("idle again").isNull();
    } finally {
      timers.shutdownNow();
    }
  }
}
