package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemoryHeadroomTest {
  @Test
  void low_whenHeapMostlyFree_thenFalseAndThresholdsSetOnTheWatchedPools() {
    assertThat(MemoryHeadroom.watched()).as("this JVM reports a bounded heap pool").isPositive();
    assertThat(MemoryHeadroom.low()).isFalse();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
          && p.getUsage().getMax() > 0 && !MemoryHeadroom.young(p.getName())) {
        assertThat(p.getCollectionUsageThreshold()).as(p.getName())
            .isPositive().isLessThanOrEqualTo((long) (p.getUsage().getMax() * 0.9));
      }
    }
  }

  /**
   * Under the Serial and Parallel collectors (what the JVM picks on a small machine) the survivor
   * space is nearly full after most young collections even with a mostly empty heap; only the
   * old generation says anything about headroom.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-XX:+UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseG1GC"})
  void low_whenYoungCollectionsRunWithAMostlyEmptyHeap_thenNeverLow(String collector)
      throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), collector, "-Xmx128m", "-Xmn8m", "-cp", classPath(),
        MemoryHeadroomChild.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).as(collector).contains(" low=0 ").doesNotContain("watched=0");
  }

  /** The test's classes and the module's, as a class path (surefire may use the module path). */
  private static String classPath() {
    String modules = System.getProperty("jdk.module.path");
    String classes = System.getProperty("java.class.path");
    return modules == null || modules.isEmpty() ? classes
        : classes + java.io.File.pathSeparator + modules;
  }

  @Test
  void young_whenPoolNames_thenEdenAndSurvivorOnly() {
    assertThat(MemoryHeadroom.young("G1 Eden Space")).isTrue();
    assertThat(MemoryHeadroom.young("PS Survivor Space")).isTrue();
    assertThat(MemoryHeadroom.young("Tenured Gen")).isFalse();
    assertThat(MemoryHeadroom.young("G1 Old Gen")).isFalse();
    assertThat(MemoryHeadroom.young("ZHeap")).isFalse();
  }
}
