package org.openttserver.runtime.clientagent;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ObjLongConsumer;
import org.openttserver.api.msg.ClientMsg;

/**
 * What a client agent counts for metrics: 2003 messages in and out by type and ejects by boot
 * code. Counting is one {@link LongAdder} increment found by array index, with nothing
 * allocated per message; the metrics endpoint reads the adders when scraped.
 */
public final class ClientTraffic {
  /** Types at or above this (none in the 2003 protocol) count as "other". */
  private static final int TYPES = 128;
  private final LongAdder[] in = adders();
  private final LongAdder[] out = adders();
  private final LongAdder otherIn = new LongAdder();
  private final LongAdder otherOut = new LongAdder();
  private final Map<Integer, LongAdder> ejects = new ConcurrentHashMap<>();

  private static LongAdder[] adders() {
    LongAdder[] a = new LongAdder[TYPES];
    for (int i = 0; i < TYPES; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  void in(int type) {
    (type >= 0 && type < TYPES ? in[type] : otherIn).increment();
  }

  void out(int type) {
    (type >= 0 && type < TYPES ? out[type] : otherOut).increment();
  }

  void eject(int code) {
    ejects.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  /** Reports messages from clients by type name (those seen at least once). @param to sink */
  public void forEachIn(ObjLongConsumer<String> to) {
    report(in, otherIn, to);
  }

  /** Reports messages to clients by type name (those sent at least once). @param to sink */
  public void forEachOut(ObjLongConsumer<String> to) {
    report(out, otherOut, to);
  }

  /** Reports ejects by boot code. @param to sink (code, count) */
  public void forEachEject(ObjLongConsumer<Integer> to) {
    new TreeMap<>(ejects).forEach((code, n) -> to.accept(code, n.sum()));
  }

  private static void report(LongAdder[] counts, LongAdder other, ObjLongConsumer<String> to) {
    long others = other.sum();
    for (int t = 0; t < TYPES; t++) {
      long n = counts[t].sum();
      String name = ClientMsg.nameOf(t);
      if (name.startsWith("UNKNOWN")) {
        others += n;
      } else if (n > 0) {
        to.accept(name, n);
      }
    }
    if (others > 0) {
      to.accept("other", others);
    }
  }
}
