package org.openttserver.runtime.clientagent;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Whether the heap is nearly full: the old generation (its collection-usage threshold, set here
 * to {@link #FULL} of the pool's maximum) is still that full after the latest collection. Usage
 * before a collection says nothing (garbage counts), so only what survives one is looked at; the
 * young pools (eden, survivor) are never watched, because a survivor space is routinely full
 * right after a young collection however empty the heap is. Asking costs no allocation.
 */
final class MemoryHeadroom {
  /** Share of a pool's maximum that, still in use after a collection, means no headroom. */
  static final double FULL = 0.9;

  private static final List<MemoryPoolMXBean> POOLS = install();

  private MemoryHeadroom() {}

  private static List<MemoryPoolMXBean> install() {
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
            && p.getUsage().getMax() > 0 && !young(p.getName()))
        .toList();
    for (MemoryPoolMXBean p : pools) {
      long threshold = (long) (p.getUsage().getMax() * FULL);
      if (p.getCollectionUsageThreshold() == 0 || p.getCollectionUsageThreshold() > threshold) {
        p.setCollectionUsageThreshold(threshold);
      }
    }
    return pools;
  }

  /** {@return true for a young-generation pool (G1, Parallel and Serial name them so)} */
  static boolean young(String poolName) {
    String n = poolName.toLowerCase(java.util.Locale.ROOT);
    return n.contains("eden") || n.contains("survivor");
  }

  /** {@return the heap pools watched (bounded, reported, not young)} */
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
