package org.openttserver.loadtest;

import java.util.concurrent.atomic.AtomicLongArray;

/** Latencies in 10 µs buckets up to 2 s (one overflow bucket above); thread-safe. */
final class Histogram {
  private static final long BUCKET_NS = 10_000;
  private final AtomicLongArray counts = new AtomicLongArray(200_001);

  void record(long nanos) {
    int b = (int) Math.min(counts.length() - 1, Math.max(0, nanos / BUCKET_NS));
    counts.incrementAndGet(b);
  }

  long total() {
    long n = 0;
    for (int i = 0; i < counts.length(); i++) {
      n += counts.get(i);
    }
    return n;
  }

  /** {@return the latency in ms at a quantile (0..1), upper bucket edge} */
  double quantileMs(double q) {
    long total = total();
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return (i + 1) * BUCKET_NS / 1e6;
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
