package org.openttserver.runtime.clientagent;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flushes the client connections of one event loop that were written to since it last ran. The
 * first connection to write queues it behind the tasks already waiting on the loop, so
 * everything those tasks send a client goes out in one socket write (as Astron sends a
 * connection's queue while its previous write is in flight), and no later than the backlog that
 * was there when the first message was written. An idle loop runs it right away. Event-loop
 * confined.
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
      now.get(i).flushNow();
    }
    now.clear();
  }
}
