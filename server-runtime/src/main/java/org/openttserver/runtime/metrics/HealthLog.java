package org.openttserver.runtime.metrics;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openttserver.runtime.clientagent.ClientAgent;
import org.openttserver.runtime.md.MessageDirector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One human line a minute while anything happens ("health: 12 clients, 3,410 datagrams in the
 * last minute, heap 180 of 1,024 MB"); nothing while the server sits idle with no clients.
 */
public final class HealthLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("health");
  private final MessageDirector md;
  private final List<ClientAgent> agents;
  private final ScheduledFuture<?> task;
  private long lastRouted;
  private int lastClients;

  /**
   * Starts logging.
   *
   * @param md the message director
   * @param agents the client agents
   * @param timers where the minute timer runs
   */
  public HealthLog(MessageDirector md, List<ClientAgent> agents, ScheduledExecutorService timers) {
    this.md = md;
    this.agents = agents;
    this.lastRouted = md.routedCount();
    this.task = timers.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.MINUTES);
  }

  private void tick() {
    String line = line();
    if (line != null) {
      log.info(line);
    }
  }

  /** {@return this minute's line, or null when nothing moved and nobody is connected} */
  String line() {
    long routed = md.routedCount();
    int clients = agents.stream().mapToInt(ClientAgent::connectionCount).sum();
    long moved = routed - lastRouted;
    if (clients == 0 && lastClients == 0 && moved == 0) {
      return null;
    }
    lastRouted = routed;
    lastClients = clients;
    Runtime rt = Runtime.getRuntime();
    long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
    return String.format(java.util.Locale.ROOT, "health: %d clients connected, %,d datagrams routed in the last minute,"
        + " heap %d of %d MB", clients, moved, usedMb, rt.maxMemory() >> 20);
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
