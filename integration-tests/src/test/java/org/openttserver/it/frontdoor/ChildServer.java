package org.openttserver.it.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.it.ChildServerMain;
import org.openttserver.it.EmbeddedServers;

/**
 * The embedded server in a child JVM ({@link ChildServerMain}), optionally started under {@code
 * ulimit -n N}.
 *
 * @param process the child
 * @param accountServer the account server's base URL
 * @param game the game port
 * @param dcHash the hash clients send
 * @param openFileLimit the child's open-file limit, as its shell reported it
 */
record ChildServer(Process process, URI accountServer, InetSocketAddress game, long dcHash,
    String openFileLimit) implements AutoCloseable {

  /**
   * Starts the server.
   *
   * @param cfg its configuration file
   * @param ulimit the open-file limit to start it under, or null for this process's
   * @return the running server
   * @throws Exception if it does not start within a minute
   */
  static ChildServer start(Path cfg, Integer ulimit) throws Exception {
    String javaCmd = ProcessHandle.current().info().command().orElse("java");
    String main = ChildServerMain.class.getName();
    ProcessBuilder pb = ulimit == null
        ? new ProcessBuilder("bash", "-c", "ulimit -n; exec \"$0\" \"$@\"", javaCmd, main,
            cfg.toString())
        : new ProcessBuilder("bash", "-c", "ulimit -n " + ulimit + " && ulimit -n && exec"
            + " \"$0\" \"$@\"", javaCmd, main, cfg.toString());
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    Path errors = Files.createTempFile("child-server", ".err");
    Process child = pb.redirectError(errors.toFile()).start();
    try {
      // Lines arrive on a thread of their own, so a child that hangs silently cannot block us.
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(
            child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = out.readLine()) != null; ) {
            lines.add(l);
          }
        } catch (IOException e) {
          // gone
        }
        lines.add(EOF);
      }, "child-server-out");
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String limit = next(lines, deadline, errors);
      String httpPort = null;
      String[] game = null;
      while (game == null) {
        String l = next(lines, deadline, errors);
        if (l.startsWith("HTTP_PORT=")) {
          httpPort = l.substring("HTTP_PORT=".length());
        } else if (l.startsWith("GAME_PORT=")) {
          game = l.split(" ");
        }
      }
      Thread drain = new Thread(() -> {
        try {
          while (!EOF.equals(lines.take())) {
            // keep the queue short
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      drain.setDaemon(true);
      drain.start();
      return new ChildServer(child, URI.create("http://127.0.0.1:" + httpPort),
          new InetSocketAddress("127.0.0.1", Integer.parseInt(game[0].substring(
              "GAME_PORT=".length()))), Long.parseLong(game[1].substring("DC_HASH=".length())),
          limit);
    } catch (Exception | AssertionError e) {
      child.destroyForcibly();
      throw e;
    }
  }

  private static final String EOF = "\u0000EOF";

  /** The child's next line; fails, with the tail of its error output, at the deadline or EOF. */
  private static String next(BlockingQueue<String> lines, long deadline, Path errors)
      throws Exception {
    String l = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (l == null || EOF.equals(l)) {
      List<String> err = Files.readAllLines(errors);
      throw new AssertionError((l == null ? "the child server did not start in 60 s"
          : "the child server exited") + "; its last error lines: "
          + err.subList(Math.max(0, err.size() - 20), err.size()));
    }
    return l;
  }

  /** {@return the demo DC files, as the child server and its clients load them} */
  static DcFile demoDc() throws Exception {
    return DcParser.parse(List.of(
        DcSource.read(EmbeddedServers.REPO.resolve(EmbeddedServers.DEMO_DC), DcDialect.EXTENDED),
        DcSource.read(EmbeddedServers.REPO.resolve("config/dc/openttserver.dc"),
            DcDialect.EXTENDED)));
  }

  /** Kills the child. */
  @Override
  public void close() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
