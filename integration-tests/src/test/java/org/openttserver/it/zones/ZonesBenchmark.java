package org.openttserver.it.zones;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.msg.ClientMsg;
import org.openttserver.api.protocol.SetZone;
import org.openttserver.it.zones.ZonesCluster.Player;

/**
 * Time from SET_ZONE to DONE_SET_ZONE_RESP (48) on the demo street with 100 clients walking at
 * once, on the embedded default (every role in one process). The AI puts 50 objects in each of
 * 2100 (the branch), 2101, 2102, 2103, 2106, 2107 and 2108, so the visible set of 2101 ({2100,
 * 2101, 2102, 2103}) and of 2108 ({2100, 2106, 2107, 2108}) each holds 200 objects; every client
 * alternates between 2101 and 2108, so each step disables 150 objects and generates 150, besides
 * the other clients' toons coming and going. Prints p50/p99 of the first entry (quiet zone →
 * 2101: all 200 generated) and of the walking steps; asserts only that every change ended in
 * its 48 and that the first entry brought every object. Run with {@code -Dzones.bench=true},
 * e.g. {@code mvn -B verify -pl integration-tests -am -Dtest=ZonesBenchmark -Dzones.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "zones.bench", matches = "true")
class ZonesBenchmark {
  static final int CLIENTS = Integer.getInteger("zones.bench.clients", 100);
  static final int STEPS = Integer.getInteger("zones.bench.steps", 20);
  static final int PER_ZONE = 50;
  static final int[] FILLED = {2100, 2101, 2102, 2103, 2106, 2107, 2108};

  @TempDir Path dir;

  @Test
  void hundredClientsWalking_printPercentiles() throws Exception {
    // The test JVM runs Netty's paranoid leak detection (the pom's argLine), which records a
    // stack for every buffer; the figures are about the server, so it is off meanwhile.
    ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    StringBuilder report = new StringBuilder();
    try (ZonesCluster cluster = ZonesCluster.start(dir,
        Files.createDirectories(dir.resolve("no-dna")))) {
      long district = cluster.district(60_000_001L, "Bench Town");
      Set<Long> seenFrom2101 = new HashSet<>();
      long next = 60_100_000L;
      for (int zone : FILLED) {
        for (int i = 0; i < PER_ZONE; i++) {
          long id = cluster.ai.object(next++, district, zone, "DistributedNode");
          if (zone <= 2103) {
            seenFrom2101.add(id);
          }
        }
      }
      assertThat(seenFrom2101).hasSize(200);
      List<Player> players = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        Player p = cluster.player("Walker" + i);
        ZonesCluster.setShard(p, district);
        players.add(p);
      }
      List<Long> entry = Collections.synchronizedList(new ArrayList<>());
      List<Long> walk = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      for (Player p : players) {
        runs.add(pool.submit(() -> {
          go.await();
          timed(p, 1, new HashSet<>());
          Set<Long> generated = new HashSet<>();
          entry.add(timed(p, 2101, generated));
          assertThat(generated).containsAll(seenFrom2101);
          for (int s = 0; s < STEPS; s++) {
            walk.add(timed(p, s % 2 == 0 ? 2108 : 2101, new HashSet<>()));
          }
          return null;
        }));
      }
      long start = System.nanoTime();
      go.countDown();
      for (Future<?> f : runs) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      players.forEach(Player::close);
      report.append(String.format("zones benchmark: %d clients at once on the demo street, 200"
          + " objects visible from 2101 and from 2108 (150 swapped per step), %d steps each,"
          + " %.1f s%n", CLIENTS, STEPS, seconds));
      report.append(line("quiet zone -> 2101 (200 generates)", entry));
      report.append(line("2101 <-> 2108 walking", walk));
    } finally {
      ResourceLeakDetector.setLevel(before);
    }
    System.out.print(report); // after the server's shutdown logging
    System.out.flush();
  }

  /**
   * Sends SET_ZONE and reads until its 48 (live traffic of the other walkers is interleaved, so
   * unlike {@link ZonesCluster#await} nothing is checked about what comes before the 47).
   *
   * @return nanoseconds from the send to the 48
   */
  private static long timed(Player p, int zone, Set<Long> generated) {
    long t0 = System.nanoTime();
    p.client().send(new SetZone(zone));
    while (true) {
      Optional<byte[]> got = p.client().receive(ZonesCluster.SLOW);
      byte[] body = got.orElseThrow(() -> new AssertionError(p.name() + ": no 48(" + zone
          + ") within " + ZonesCluster.SLOW));
      DatagramReader r = new DatagramReader(body);
      int type = r.readU16();
      if (type == ClientMsg.DONE_SET_ZONE_RESP && r.readU16() == zone) {
        return System.nanoTime() - t0;
      }
      if (type == ClientMsg.CREATE_OBJECT_REQUIRED
          || type == ClientMsg.CREATE_OBJECT_REQUIRED_OTHER) {
        r.readU16();
        generated.add(r.readU32());
      }
      if (type == ClientMsg.GO_GET_LOST) {
        throw new AssertionError(p.name() + ": ejected during SET_ZONE(" + zone + ")");
      }
    }
  }

  private static String line(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return String.format("  %-36s n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", what,
        sorted.size(), at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
  }

  private static double at(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1e6;
  }
}
