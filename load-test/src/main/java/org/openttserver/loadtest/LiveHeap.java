package org.openttserver.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a server JVM, read with the JDK's {@code jcmd}: a full GC, then the heap
 * summary. RSS follows the collector's sizing decisions; this does not, so it is the figure for
 * memory per idle connection.
 */
final class LiveHeap {
  /** "garbage-first heap   total 96256K, used 27041K" (one line per space for other GCs). */
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private LiveHeap() {}

  /**
   * Runs a full GC in the server and reads how much heap is in use after it.
   *
   * @param pid the server JVM
   * @return KiB in use
   * @throws IOException if jcmd cannot be run or its answer has no heap summary
   * @throws InterruptedException if interrupted while waiting for jcmd
   */
  static long afterFullGc(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    long used = 0;
    boolean found = false;
    for (String line : jcmd(pid, "GC.heap_info")) {
      Matcher m = USED.matcher(line);
      if (m.find()) {
        used += Long.parseLong(m.group(1));
        found = true;
      }
    }
    if (!found) {
      throw new IOException("jcmd " + pid + " GC.heap_info printed no 'total ..K, used ..K' line "
          + "(G1, Parallel and Serial print one; run the server with one of those)");
    }
    return used;
  }

  private static List<String> jcmd(long pid, String command)
      throws IOException, InterruptedException {
    Path java = Path.of(ProcessHandle.current().info().command()
        .orElseThrow(() -> new IOException("cannot tell where this JVM's java is")));
    Path jcmd = java.resolveSibling("jcmd");
    Path out = Files.createTempFile("jcmd", ".txt");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(jcmd + " " + pid + " " + command + ": no answer within 60 s");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(jcmd + " " + pid + " " + command + " failed: " + text.strip());
      }
      return text.lines().toList();
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
