package org.openttserver.runtime.clientagent;

import java.util.ArrayList;
import java.util.List;

/**
 * Child JVM of {@link MemoryHeadroomTest}: keeps a few MiB alive, makes garbage so that young
 * collections run, asks {@link MemoryHeadroom#low()} throughout and prints how often it said yes.
 */
final class MemoryHeadroomChild {
  private MemoryHeadroomChild() {}

  public static void main(String[] args) {
    List<byte[]> live = new ArrayList<>();
    for (int i = 0; i < 5 * 1024; i++) {
      live.add(new byte[1024]);
    }
    int low = 0;
    long sink = 0;
    for (int i = 0; i < 2000; i++) {
      for (int j = 0; j < 200; j++) {
        byte[] garbage = new byte[512 + (j % 7) * 128];
        sink += garbage.length;
      }
      if (MemoryHeadroom.low()) {
        low++;
      }
    }
    System.out.println("watched=" + MemoryHeadroom.watched() + " low=" + low + " live="
        + live.size() + " sink=" + sink);
  }
}
