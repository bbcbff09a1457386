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
 * read) can {@link #hold} its submissions: until {@link #release}, consecutive tasks it gives the
 * same serial executor are kept and handed over as one unit, so a receiver handles a run of
 * datagrams back to back, before anything produced in response to them, as when Astron's
 * routing thread handles a read's datagrams in turn; and one wake-up serves many tasks. A run
 * ends when a task for another executor comes, at {@link #handOverHeld} (called before a
 * datagram leaves the thread any other way) and at {@link #release}. Runs are handed over in
 * order, so no receiver can act on a datagram before every datagram routed ahead of it has been
 * handed to its own receiver.
 */
public final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private static final int BATCH = 256;
  /** Tasks held in one run before it is handed over anyway. */
  private static final int HELD_RUN = 256;
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

  /**
   * Hands the held run, if any, to its executor now. The message director calls this before a
   * datagram leaves a holding thread other than through a serial executor (to a link, a
   * database, a client connection, upstream), so the receivers of earlier datagrams have them
   * first.
   */
  public static void handOverHeld() {
    Held h = HELD.getIfExists();
    if (h != null && h.depth > 0) {
      h.flush();
    }
  }

  /** Ends one {@link #hold}; the outermost hands the held run to its executor. */
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
    for (int i = 0; i < BATCH; ) {
      Runnable task = tasks.poll();
      if (task == null) {
        break;
      }
      run(task, name);
      i += task instanceof Unit u ? u.tasks().length : 1;
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

  /** One thread's held run: consecutive tasks for one executor. */
  private static final class Held {
    int depth;
    private SerialExecutor executor;
    private final List<Runnable> run = new ArrayList<>();

    void add(SerialExecutor e, Runnable task) {
      if (e != executor) {
        flush();
        executor = e;
      }
      run.add(task);
      if (run.size() >= HELD_RUN) {
        flush();
      }
    }

    void flush() {
      if (executor != null) {
        SerialExecutor e = executor;
        executor = null;
        try {
          e.submit(run);
        } finally {
          run.clear();
        }
      }
    }
  }
}
