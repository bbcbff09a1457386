package org.openttserver.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.Login2;
import org.openttserver.api.protocol.Login2Resp;
import org.openttserver.it.EmbeddedServers;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * The release archive that {@code mvn package} builds: unzipped into an empty folder, its start
 * script runs the server in a child JVM (only the ports moved to free ones, since this machine
 * runs other servers), a scripted client logs in, {@code /metrics} answers, {@code backup} run
 * from another process is written by the running server, and the server stops on SIGTERM.
 */
class ReleaseArchiveTest {
  @TempDir Path dir;
  private Process child;

  @AfterEach
  void stopChild() {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
    }
  }

  @Test
  void archive_whenUnzippedAndStarted_thenLoginAndMetricsAnswerAndItStops() throws Exception {
    Path root = unzip(archive(), dir.resolve("unzipped"));
    assertThat(root.resolve("openttserver.jar")).exists();
    assertThat(root.resolve("openttserver.bat")).exists();
    assertThat(root.resolve("README.md")).exists();
    assertThat(root.resolve("plugins/login-plugin.jar")).exists();
    try (Stream<Path> etc = Files.list(root.resolve("etc"))) {
      assertThat(etc.map(p -> p.getFileName().toString())).containsExactly("README.md");
    }
    Path cfg = root.resolve("config/openttserver.yml");
    Files.writeString(cfg, Files.readString(cfg).replace("0.0.0.0:5150", "127.0.0.1:0")
        .replace("127.0.0.1:7199", "127.0.0.1:0").replace("127.0.0.1:9101", "127.0.0.1:0")
        .replace("0.0.0.0:8080", "127.0.0.1:0"));

    ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("openttserver.sh").toString())
        .directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
        + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    child = pb.start();
    List<String> lines = echo(child.getInputStream());

    int game = Integer.parseInt(await(lines, "client agent \\(toontown2003\\) listening on "
        + "/127\\.0\\.0\\.1:(\\d+)"));
    long hash = Long.parseLong(await(lines, "client DC hash (\\d+)"));
    int metrics = Integer.parseInt(await(lines, "metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics"));
    await(lines, "(OpenTTServer) started");
    assertThat(root.resolve("data")).isDirectory();

    try (ScriptedClient c = ScriptedClient.connect(new InetSocketAddress("127.0.0.1", game))) {
      c.send(new Login2("ZipToon", "sv1.0.6.9", hash, ClientMsg.TokenType.PLAY_TOKEN));
      Login2Resp r = c.expect(Login2Resp.class);
      assertThat(r.returnCode()).isZero();
      assertThat(r.userName()).isEqualTo("ZipToon");
    }
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + metrics + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("openttserver_logins_total{code=\"0\",result=\"ok\"} 1.0");

    // backup from another process: the running server writes it (data/.lock is held)
    Path zip = dir.resolve("running.zip");
    Process backup = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", "openttserver.jar", "backup", zip.toString())
        .directory(root.toFile()).redirectErrorStream(true).start();
    String said = new String(backup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(backup.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(backup.exitValue()).as(said).isZero();
    assertThat(said).contains("the running server wrote");
    assertThat(zip).exists();

    child.destroy(); // SIGTERM: the shutdown hook stops the server
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
  }

  private static Path archive() throws IOException {
    Path target = EmbeddedServers.REPO.resolve("distribution/target");
    try (Stream<Path> files = Files.list(target)) {
      List<Path> zips = files.filter(p -> p.getFileName().toString().matches(
          "openttserver-.+\\.zip")).toList();
      assertThat(zips).as("run 'mvn verify': distribution packages the archive").hasSize(1);
      return zips.get(0);
    }
  }

  /** Unzips; returns the archive's one top folder. */
  private static Path unzip(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path p = into.resolve(e.getName()).normalize();
        assertThat(p.startsWith(into)).as(e.getName()).isTrue();
        if (e.isDirectory()) {
          Files.createDirectories(p);
        } else {
          Files.createDirectories(p.getParent());
          Files.copy(in, p);
        }
      }
    }
    try (Stream<Path> top = Files.list(into)) {
      List<Path> roots = top.toList();
      assertThat(roots).hasSize(1);
      return roots.get(0);
    }
  }

  /** Copies the child's output to ours and to a list of lines. */
  private static List<String> echo(InputStream out) {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(out,
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          System.out.println("[release] " + line);
          lines.add(line);
        }
      } catch (IOException e) {
        // the child ended
      }
    }, "release-output");
    t.setDaemon(true);
    t.start();
    return lines;
  }

  /**
   * Waits (at most 60 s) for a line of the child's output so far matching the pattern; returns
   * its first group.
   */
  private String await(List<String> lines, String regex) throws InterruptedException {
    Pattern p = Pattern.compile(regex);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      for (String line : lines) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      assertThat(System.nanoTime()).as("a line matching " + regex + " (child alive: "
          + child.isAlive() + ")").isLessThan(end);
      Thread.sleep(50);
    }
  }
}
