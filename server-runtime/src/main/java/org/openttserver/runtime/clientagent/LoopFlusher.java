package org.openttserver.runtime.clientagent;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flushes the client connections of one event loop that were written to outside a drain of
 * cluster messages (a drain flushes what it wrote itself). The first connection to write queues
 * it behind the tasks already waiting on the loop, so whatever those tasks send a client goes out
 * in one socket write, no later than the backlog that was there when the first message was
 * written; an idle loop runs it right away. Event-loop confined.
 *
 * <p>Measured against flushing only here (2 cores, 400 clients, relay): deferring the drains'
 * flushes too saved about a fifth of the TCP segments but raised p99 from 25-31 ms to 48-76 ms,
 * since each connection then waits for every other connection's drain queued before it.
 */
final class LoopFlusher implements Runnable {
  private final EventLoop loop;
  private ArrayList<ClientConnection> pending = new ArrayList<>();
  private ArrayList<ClientConnection> running = new ArrayList<>();
  private boolean scheduled;

  LoopFlusher(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Flushes a connection when the loop has run what is queued now.
   *
   * @param c a connection of this loop with a flush due (added once until flushed)
   */
  void add(ClientConnection c) {
    pending.add(c);
    if (!scheduled) {
      scheduled = true;
      try {
        loop.execute(this);
      } catch (RejectedExecutionException shuttingDown) {
        run();
      }
    }
  }

  @Override
  public void run() {
    scheduled = false;
    ArrayList<ClientConnection> now = pending;
    pending = running;
    running = now;
    for (int i = 0; i < now.size(); i++) {
      now.get(i).flushIfPending(); // a drain may have flushed it already
    }
    now.clear();
  }
}
