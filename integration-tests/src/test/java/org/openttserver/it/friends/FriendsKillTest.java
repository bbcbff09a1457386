package org.openttserver.it.friends;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during 200 concurrent pair additions: a child JVM runs the embedded server with the
 * built-in plugins (each pair change pauses after its journal line and between its two sides,
 * so the kill lands inside changes); it is killed forcibly once some additions are acknowledged
 * and restarted on the same data directory. Afterwards every pair is on both lists or on
 * neither, and every acknowledged pair is on both.
 */
class FriendsKillTest {
  static final int TOONS = 120;
  static final int PAIRS = 200;

  @TempDir Path dir;
  private Process child;
  private BufferedReader childOut;
  private PrintStream childIn;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void killedDuringConcurrentAdditions_everyPairIsOnBothSidesOrNeither_afterRestart()
      throws Exception {
    Path cfg = dir.resolve("child.yml");
    Files.writeString(cfg, FriendsCluster.yaml(dir));
    startChild(cfg, "-Dopenttserver.friends.test.pause_between_sides_ms=30");
    childIn.println("make " + TOONS);
    long[] toons = Arrays.stream(readUntil("TOONS ").split(" ")).skip(1)
        .mapToLong(Long::parseLong).toArray();
    assertThat(toons).hasSize(TOONS);
    // 200 different pairs among 120 toons (each toon in about 3 pairs: changes overlap)
    Random random = new Random(13);
    Set<List<Long>> pairs = new LinkedHashSet<>();
    while (pairs.size() < PAIRS) {
      long a = toons[random.nextInt(TOONS)];
      long b = toons[random.nextInt(TOONS)];
      if (a != b && !pairs.contains(List.of(b, a))) {
        pairs.add(List.of(a, b));
      }
    }
    StringBuilder cmd = new StringBuilder("pairs");
    pairs.forEach(p -> cmd.append(' ').append(p.get(0)).append(' ').append(p.get(1)));
    childIn.println(cmd);
    Set<List<Long>> acknowledged = new HashSet<>();
    while (acknowledged.size() < 40) {
      String[] p = readUntil("ADDED ").split(" ");
      acknowledged.add(List.of(Long.parseLong(p[1]), Long.parseLong(p[2])));
    }
    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 (SIGKILL)
    assertThat(acknowledged.size()).isLessThan(PAIRS); // the kill landed during the additions

    startChild(cfg);
    StringBuilder ask = new StringBuilder("lists");
    for (long t : toons) {
      ask.append(' ').append(t);
    }
    childIn.println(ask);
    Map<Long, Set<Long>> lists = new HashMap<>();
    for (String line; !(line = readUntil("")).equals("END"); ) {
      if (line.startsWith("LIST ")) {
        String[] p = line.split(" ");
        Set<Long> ids = new HashSet<>();
        if (p.length > 2) {
          Arrays.stream(p[2].split(",")).map(Long::parseLong).forEach(ids::add);
        }
        lists.put(Long.parseLong(p[1]), ids);
      }
    }
    assertThat(lists).hasSize(TOONS);
    int both = 0;
    List<String> oneSided = new ArrayList<>();
    for (List<Long> p : pairs) {
      boolean ab = lists.get(p.get(0)).contains(p.get(1));
      boolean ba = lists.get(p.get(1)).contains(p.get(0));
      if (ab != ba) {
        oneSided.add(p + (ab ? " only in the first" : " only in the second"));
      }
      both += ab && ba ? 1 : 0;
    }
    assertThat(oneSided).as("pairs on one side only").isEmpty();
    for (List<Long> p : acknowledged) {
      assertThat(lists.get(p.get(0))).as("acknowledged %s", p).contains(p.get(1));
    }
    // nothing but the attempted pairs
    for (Map.Entry<Long, Set<Long>> e : lists.entrySet()) {
      for (long f : e.getValue()) {
        assertThat(pairs.contains(List.of(e.getKey(), f)) || pairs.contains(List.of(f, e.getKey())))
            .as("%d lists %d", e.getKey(), f).isTrue();
      }
    }
    System.out.println("FriendsKillTest: " + acknowledged.size() + " acknowledged before the "
        + "kill, " + both + " of " + PAIRS + " pairs on both sides after the restart, none on "
        + "one side");
  }

  /** {@return the child's next output line starting with a prefix (log lines are skipped)} */
  private String readUntil(String prefix) throws IOException {
    for (String line; (line = childOut.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException("the child server exited");
  }

  private void startChild(Path cfg, String... jvmArgs) throws Exception {
    String javaCmd = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(javaCmd));
    cmd.addAll(List.of(jvmArgs));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        FriendsChildMain.class.getName(), cfg.toString()));
    child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    childOut = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8));
    childIn = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
    CompletableFuture.supplyAsync(() -> {
      try {
        return readUntil("READY");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).get(60, TimeUnit.SECONDS);
  }
}
