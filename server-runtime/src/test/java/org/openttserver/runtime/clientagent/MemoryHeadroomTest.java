package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.junit.jupiter.api.Test;

class MemoryHeadroomTest {
  @Test
  void low_whenHeapMostlyFree_thenFalseAndThresholdsSetOnTheWatchedPools() {
    assertThat(MemoryHeadroom.watched()).as("this JVM reports a bounded heap pool").isPositive();
    assertThat(MemoryHeadroom.low()).isFalse();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
          && p.getUsage().getMax() > 0) {
        assertThat(p.getCollectionUsageThreshold()).as(p.getName())
            .isPositive().isLessThanOrEqualTo((long) (p.getUsage().getMax() * 0.9));
      }
    }
  }
}
