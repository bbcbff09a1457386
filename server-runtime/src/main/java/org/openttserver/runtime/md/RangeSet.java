package org.openttserver.runtime.md;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of disjoint, inclusive channel ranges, ordered and compared as unsigned 64-bit values.
 * Adjacent and overlapping ranges are merged. Not thread-safe.
 */
final class RangeSet {
  /** Low bound → high bound; keys ordered unsigned. */
  private final TreeMap<Long, Long> ranges = new TreeMap<>(Long::compareUnsigned);
  /** The same ranges as lo0, hi0, lo1, hi1, ... for {@link #contains}, rebuilt on change. */
  private long[] flat = new long[0];

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** Asked for every datagram routed: a binary search over a flat array, no boxing. */
  boolean contains(long channel) {
    long[] f = flat;
    int lo = 0;
    int hi = f.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(channel, f[2 * mid]) < 0) {
        hi = mid - 1;
      } else if (Long.compareUnsigned(channel, f[2 * mid + 1]) > 0) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private void rebuild() {
    long[] f = new long[ranges.size() * 2];
    int i = 0;
    for (Map.Entry<Long, Long> e : ranges.entrySet()) {
      f[i++] = e.getKey();
      f[i++] = e.getValue();
    }
    flat = f;
  }

  void add(long lo, long hi) {
    if (Long.compareUnsigned(lo, hi) > 0) {
      return;
    }
    long newLo = lo;
    long newHi = hi;
    Map.Entry<Long, Long> before = ranges.floorEntry(lo);
    if (before != null && (Long.compareUnsigned(before.getValue(), lo) >= 0
        || before.getValue() + 1 == lo)) {
      newLo = before.getKey();
      newHi = max(newHi, before.getValue());
      ranges.remove(before.getKey());
    }
    while (true) {
      Map.Entry<Long, Long> next = ranges.ceilingEntry(newLo);
      if (next == null || !(Long.compareUnsigned(next.getKey(), newHi) <= 0
          || (newHi != -1L && next.getKey() == newHi + 1))) {
        break;
      }
      newHi = max(newHi, next.getValue());
      ranges.remove(next.getKey());
    }
    ranges.put(newLo, newHi);
    rebuild();
  }

  void remove(long lo, long hi) {
    removeRanges(lo, hi);
    rebuild();
  }

  private void removeRanges(long lo, long hi) {
    if (Long.compareUnsigned(lo, hi) > 0) {
      return;
    }
    Map.Entry<Long, Long> before = ranges.lowerEntry(lo);
    if (before != null && Long.compareUnsigned(before.getValue(), lo) >= 0) {
      ranges.put(before.getKey(), lo - 1);
      if (Long.compareUnsigned(before.getValue(), hi) > 0) {
        ranges.put(hi + 1, before.getValue());
        return;
      }
    }
    while (true) {
      Map.Entry<Long, Long> e = ranges.ceilingEntry(lo);
      if (e == null || Long.compareUnsigned(e.getKey(), hi) > 0) {
        return;
      }
      ranges.remove(e.getKey());
      if (Long.compareUnsigned(e.getValue(), hi) > 0) {
        ranges.put(hi + 1, e.getValue());
        return;
      }
    }
  }

  /** {@return the ranges as [lo, hi] pairs, in order} */
  long[][] toArray() {
    long[][] out = new long[ranges.size()][];
    int i = 0;
    for (Map.Entry<Long, Long> e : ranges.entrySet()) {
      out[i++] = new long[] {e.getKey(), e.getValue()};
    }
    return out;
  }

  private static long max(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }
}
