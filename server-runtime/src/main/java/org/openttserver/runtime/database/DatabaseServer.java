package org.openttserver.runtime.database;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.md.MdParticipant;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.roles.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database role: DBSERVER_* requests on its control channel (and 13), served by one writer
 * thread in arrival order, which keeps per-object order trivially. Requests queued together
 * share one transaction (group commit); their replies and broadcasts are routed only after the
 * commit returns, so every acknowledged write is on disk. If a shared commit fails, each request
 * of the batch is retried in a transaction of its own.
 */
public final class DatabaseServer extends MdParticipant implements Role {
  private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);
  private static final Datagram STOP = Datagram.of(Datagram.header(0, 0, 0));

  private final MessageDirector md;
  private final SqliteStore store;
  private final DbRequests requests;
  private final int maxBatch;
  private final BlockingQueue<Datagram> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;
  private volatile DbObserver observer = DbObserver.NONE;

  DatabaseServer(MessageDirector md, DatabaseConfig cfg, SqliteStore store, ClusterDc dc) {
    super("database(" + cfg.control() + ")");
    this.md = md;
    this.store = store;
    this.maxBatch = cfg.backend().maxBatch();
    try {
      DoidAllocator doids = new DoidAllocator(store, cfg.generate().min(), cfg.generate().max());
      this.requests = new DbRequests(store, dc, cfg.control(), cfg.broadcast(), doids);
    } catch (SQLException e) {
      store.close();
      throw new StoreException("cannot read the doid range (" + e.getMessage() + ")", e);
    }
    // Netty's kind of thread: the routing lock keeps its hold count in a FastThreadLocal.
    writer = new io.netty.util.concurrent.FastThreadLocalThread(this::run, name() + "-writer");
    writer.setDaemon(true);
    md.add(this);
    md.subscribe(this, cfg.control());
    md.subscribe(this, Channels.ALL_DATABASES);
    writer.start();
  }

  @Override
  protected void deliver(Datagram datagram) {
    if (!closed) {
      queue.add(datagram);
    }
  }

  private void run() {
    List<Datagram> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.remove(STOP);
      process(batch);
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  private void process(List<Datagram> batch) {
    List<Datagram> out = new ArrayList<>();
    try {
      for (Datagram d : batch) {
        handleOne(d, out);
      }
      long t0 = System.nanoTime();
      store.commit();
      observer.commit(batch.size(), System.nanoTime() - t0);
    } catch (SQLException e) {
      store.rollback();
      log.warn("database: a batch of {} failed ({}); retrying one by one", batch.size(),
          e.getMessage());
      retryEach(batch);
      return;
    }
    out.forEach(d -> md.route(d, this));
  }

  private void retryEach(List<Datagram> batch) {
    for (Datagram d : batch) {
      List<Datagram> out = new ArrayList<>();
      try {
        handleOne(d, out);
        store.commit();
        out.forEach(x -> md.route(x, this));
      } catch (SQLException e) {
        store.rollback();
        log.error("database: {} from {} failed: {}", AstronMsg.nameOf(d.msgType()), d.sender(),
            e.getMessage());
      }
    }
  }

  /** Handles a request; bad input is logged in one line and produces nothing more. */
  private void handleOne(Datagram d, List<Datagram> out) throws SQLException {
    int mark = out.size();
    long t0 = System.nanoTime();
    try {
      requests.handle(d, out);
      observer.request(d.msgType(), System.nanoTime() - t0);
    } catch (RuntimeException e) {
      out.subList(mark, out.size()).clear();
      log.warn("database: malformed {}: {}", d.hasHeader() ? AstronMsg.nameOf(d.msgType()) : "datagram",
          e.toString());
    }
  }

  /**
   * Sets who is told how long requests and commits take.
   *
   * @param o the observer
   */
  public void observer(DbObserver o) {
    observer = o;
  }

  /** {@return the store (for an online backup)} */
  public SqliteStore store() {
    return store;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    md.remove(this);
    queue.add(STOP);
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
