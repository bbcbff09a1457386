package org.openttserver.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  /** A pool that runs nothing until asked, so a test sees what was handed to it. */
  private static final class ManualPool implements Executor {
    final Queue<Runnable> submitted = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
      submitted.add(r);
    }

    void runAll() {
      Runnable r;
      while ((r = submitted.poll()) != null) {
        r.run();
      }
    }
  }

  private final ManualPool pool = new ManualPool();
  private final List<String> ran = new ArrayList<>();

  @Test
  void execute_whenNotHeld_thenHandedToThePoolAtOnce() {
    SerialExecutor e = new SerialExecutor(pool, "e");
    e.execute(() -> ran.add("a"));
    assertThat(pool.submitted).hasSize(1);
    pool.runAll();
    assertThat(ran).containsExactly("a");
  }

  @Test
  void hold_whenReleased_thenConsecutiveTasksGoAsOneUnit() {
    SerialExecutor x = new SerialExecutor(pool, "x");
    SerialExecutor.hold();
    try {
      x.execute(() -> ran.add("x1"));
      x.execute(() -> ran.add("x2"));
      x.execute(() -> ran.add("x3"));
      assertThat(pool.submitted).as("nothing handed over while held").isEmpty();
    } finally {
      SerialExecutor.release();
    }
    assertThat(pool.submitted).as("one drain").hasSize(1);
    pool.runAll();
    assertThat(ran).containsExactly("x1", "x2", "x3");
  }

  @Test
  void hold_whenNested_thenOnlyTheOutermostReleaseHandsOver() {
    SerialExecutor x = new SerialExecutor(pool, "x");
    SerialExecutor.hold();
    try {
      SerialExecutor.hold();
      try {
        x.execute(() -> ran.add("a"));
      } finally {
        SerialExecutor.release();
      }
      assertThat(pool.submitted).isEmpty();
    } finally {
      SerialExecutor.release();
    }
    pool.runAll();
    assertThat(ran).containsExactly("a");
  }

  /**
   * Runs are handed over in submission order: a task for x after one for y is not handed to x
   * before y has its task, so no receiver can act on a later datagram before an earlier one
   * reached its own receiver.
   */
  @Test
  void hold_whenExecutorsAlternate_thenRunsHandedOverInSubmissionOrder() {
    Executor direct = Runnable::run; // runs a task as it is handed over
    SerialExecutor x = new SerialExecutor(direct, "x");
    SerialExecutor y = new SerialExecutor(direct, "y");
    SerialExecutor.hold();
    try {
      x.execute(() -> ran.add("x1"));
      x.execute(() -> ran.add("x2"));
      y.execute(() -> ran.add("y1"));
      x.execute(() -> ran.add("x3"));
      assertThat(ran).as("each run goes when another executor's task comes; x3 is held")
          .containsExactly("x1", "x2", "y1");
    } finally {
      SerialExecutor.release();
    }
    assertThat(ran).containsExactly("x1", "x2", "y1", "x3");
  }

  @Test
  void handOverHeld_whenHolding_thenTheRunGoesAtOnceAndHoldingGoesOn() {
    SerialExecutor x = new SerialExecutor(pool, "x");
    SerialExecutor.hold();
    try {
      x.execute(() -> ran.add("a"));
      SerialExecutor.handOverHeld();
      assertThat(pool.submitted).hasSize(1);
      pool.runAll();
      x.execute(() -> ran.add("b"));
      assertThat(pool.submitted).as("still holding").isEmpty();
    } finally {
      SerialExecutor.release();
    }
    pool.runAll();
    assertThat(ran).containsExactly("a", "b");
  }

  @Test
  void drain_whenUnitsAreQueued_thenTheirTasksCountTowardsOneTurn() {
    SerialExecutor x = new SerialExecutor(pool, "x");
    SerialExecutor.hold();
    try {
      for (int i = 0; i < 256 * 4; i++) { // four units of 256
        x.execute(() -> ran.add("t"));
      }
    } finally {
      SerialExecutor.release();
    }
    Runnable turn = pool.submitted.poll();
    turn.run();
    assertThat(ran).as("one turn of the pool thread").hasSize(256);
    assertThat(pool.submitted).as("the rest in a later turn").hasSize(1);
    pool.runAll();
    assertThat(ran).hasSize(1024);
  }

  @Test
  void hold_whenManyTasksForOneExecutor_thenHandedOverInUnitsWithoutReordering() {
    SerialExecutor x = new SerialExecutor(pool, "x");
    List<Integer> order = new ArrayList<>();
    SerialExecutor.hold();
    try {
      for (int i = 0; i < 1000; i++) {
        int n = i;
        x.execute(() -> order.add(n));
      }
      assertThat(pool.submitted).as("full runs went before the release").hasSize(1);
    } finally {
      SerialExecutor.release();
    }
    pool.runAll();
    assertThat(order).hasSize(1000).isSorted();
  }

  @Test
  void hold_whenManyExecutors_thenEveryTaskRunsOnce() {
    List<SerialExecutor> executors = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      executors.add(new SerialExecutor(pool, "e" + i));
    }
    SerialExecutor.hold();
    try {
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < executors.size(); i++) {
          String tag = i + ":" + round;
          executors.get(i).execute(() -> ran.add(tag));
        }
      }
    } finally {
      SerialExecutor.release();
    }
    pool.runAll();
    assertThat(ran).hasSize(300).doesNotHaveDuplicates();
    for (int i = 0; i < executors.size(); i++) {
      String prefix = i + ":";
      assertThat(ran.stream().filter(s -> s.startsWith(prefix)).toList())
          .containsExactly(prefix + 0, prefix + 1, prefix + 2);
    }
  }

  @Test
  void unit_whenATaskThrows_thenTheRestStillRun() {
    SerialExecutor x = new SerialExecutor(pool, "x");
    SerialExecutor.hold();
    try {
      x.execute(() -> ran.add("before"));
      x.execute(() -> {
        throw new IllegalStateException("boom");
      });
      x.execute(() -> ran.add("after"));
    } finally {
      SerialExecutor.release();
    }
    pool.runAll();
    assertThat(ran).containsExactly("before", "after");
  }

  @Test
  void hold_whenAnotherThreadSubmits_thenItsTaskIsNotHeld() throws InterruptedException {
    SerialExecutor x = new SerialExecutor(pool, "x");
    SerialExecutor.hold();
    try {
      Thread t = new Thread(() -> x.execute(() -> ran.add("other")));
      t.start();
      t.join();
      assertThat(pool.submitted).hasSize(1);
    } finally {
      SerialExecutor.release();
    }
  }

  @Test
  void release_whenNotHeld_thenRefused() {
    assertThatThrownBy(SerialExecutor::release).isInstanceOf(IllegalStateException.class);
  }
}
