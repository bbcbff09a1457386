package org.openttserver.runtime.md;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool. A task that throws is logged
 * and does not stop the ones after it.
 *
 * <p>A thread that hands over many datagrams at once (a message-director link after one socket
 * read) can {@link #hold} its submissions: until {@link #release}, tasks it gives any serial
 * executor are kept, then each executor gets its share as one unit. The receiver therefore sees
 * everything one read carried before anything produced in response to it, as when Astron's
 * routing thread handles a read's datagrams back to back; and one wake-up serves many tasks.
 */
public final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private static final int BATCH = 256;
  /** Tasks held for one executor before they are handed over anyway. */
  private static final int HELD_PER_EXECUTOR = 256;
  /** Executors one thread holds tasks for before it hands everything over. */
  private static final int HELD_EXECUTORS = 32;
  private static final FastThreadLocal<Held> HELD = new FastThreadLocal<>();

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Executor pool;
  private final String name;

  /**
   * Creates a serial view of a pool.
   *
   * @param pool the pool that lends threads
   * @param name for log lines
   */
  public SerialExecutor(Executor pool, String name) {
    this.pool = pool;
    this.name = name;
  }

  /**
   * Starts holding this thread's submissions (see the class comment); calls nest. Every call
   * must be matched by {@link #release}.
   */
  public static void hold() {
    Held h = HELD.get();
    if (h == null) {
      h = new Held();
      HELD.set(h);
    }
    h.depth++;
  }

  /** Ends one {@link #hold}; the outermost hands every held task to its executor. */
  public static void release() {
    Held h = HELD.getIfExists();
    if (h == null || h.depth == 0) {
      throw new IllegalStateException("release() without hold()");
    }
    if (--h.depth == 0) {
      h.flush();
    }
  }

  @Override
  public void execute(Runnable task) {
    Held h = HELD.getIfExists();
    if (h != null && h.depth > 0) {
      h.add(this, task);
      return;
    }
    tasks.add(task);
    schedule();
  }

  private void submit(List<Runnable> held) {
    tasks.add(held.size() == 1 ? held.get(0) : new Unit(held.toArray(new Runnable[0]), name));
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        pool.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // The pool is shutting down: drop the work rather than fail the sender's routing.
        scheduled.set(false);
        tasks.clear();
      }
    }
  }

  private void drain() {
    for (int i = 0; i < BATCH; i++) {
      Runnable task = tasks.poll();
      if (task == null) {
        break;
      }
      run(task, name);
    }
    scheduled.set(false);
    if (!tasks.isEmpty()) {
      schedule();
    }
  }

  private static void run(Runnable task, String name) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      log.error("{}: task failed: {}", name, e.toString(), e);
    }
  }

  /** Tasks held together, run back to back; one failing does not stop the rest. */
  private record Unit(Runnable[] tasks, String name) implements Runnable {
    @Override
    public void run() {
      for (Runnable t : tasks) {
        SerialExecutor.run(t, name);
      }
    }
  }

  /** One thread's held tasks, per executor in first-use order. */
  private static final class Held {
    int depth;
    private final SerialExecutor[] executors = new SerialExecutor[HELD_EXECUTORS];
    private final List<List<Runnable>> lists = new ArrayList<>();
    private int used;

    void add(SerialExecutor e, Runnable task) {
      for (int i = 0; i < used; i++) {
        if (executors[i] == e) {
          List<Runnable> l = lists.get(i);
          l.add(task);
          if (l.size() >= HELD_PER_EXECUTOR) {
            e.submit(l);
            l.clear();
          }
          return;
        }
      }
      if (used == HELD_EXECUTORS) {
        flush(); // every executor's tasks so far, so none is reordered behind the later ones
      }
      executors[used] = e;
      if (lists.size() == used) {
        lists.add(new ArrayList<>());
      }
      lists.get(used++).add(task);
    }

    void flush() {
      for (int i = 0; i < used; i++) {
        List<Runnable> l = lists.get(i);
        if (!l.isEmpty()) {
          executors[i].submit(l);
          l.clear();
        }
        executors[i] = null;
      }
      used = 0;
    }
  }
}
