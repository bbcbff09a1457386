package org.openttserver.plugins.login;

import java.nio.file.Path;

/**
 * Child process of {@link NameIndexKillTest}: inserts names, printing "ACK n" after each insert
 * returned, then waits to be killed.
 */
final class NameIndexChild {
  private NameIndexChild() {}

  public static void main(String[] args) throws Exception {
    NameIndex index = new NameIndex(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    for (int i = 0; i < count; i++) {
      index.reserve("Name" + i);
      index.complete("Name" + i, 100_000_000L + i);
      System.out.println("ACK " + i);
      System.out.flush();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
