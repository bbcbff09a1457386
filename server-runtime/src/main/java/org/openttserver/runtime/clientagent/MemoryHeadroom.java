package org.openttserver.runtime.clientagent;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Whether the heap is nearly full: a heap pool that the garbage collector reports (its
 * collection-usage threshold, set here to {@link #FULL} of the pool's maximum) is still that
 * full after the latest collection. Usage before a collection says nothing (garbage counts), so
 * only what survives one is looked at; asking costs no allocation.
 */
final class MemoryHeadroom {
  /** Share of a pool's maximum that, still in use after a collection, means no headroom. */
  static final double FULL = 0.9;

  private static final List<MemoryPoolMXBean> POOLS = install();

  private MemoryHeadroom() {}

  private static List<MemoryPoolMXBean> install() {
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
            && p.getUsage().getMax() > 0)
        .toList();
    for (MemoryPoolMXBean p : pools) {
      long threshold = (long) (p.getUsage().getMax() * FULL);
      if (p.getCollectionUsageThreshold() == 0 || p.getCollectionUsageThreshold() > threshold) {
        p.setCollectionUsageThreshold(threshold);
      }
    }
    return pools;
  }

  /** {@return the heap pools watched (those whose size is bounded and reported)} */
  static int watched() {
    return POOLS.size();
  }

  /** {@return true if a watched pool was over {@link #FULL} after its latest collection} */
  static boolean low() {
    for (MemoryPoolMXBean p : POOLS) {
      if (p.isCollectionUsageThresholdExceeded()) {
        return true;
      }
    }
    return false;
  }
}
