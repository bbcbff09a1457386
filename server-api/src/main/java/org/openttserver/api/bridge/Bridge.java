package org.openttserver.api.bridge;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.openttserver.api.cluster.ClusterParticipant;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.cluster.Registration;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcValueException;
import org.openttserver.api.msg.AstronMsg;

/**
 * The bridge over one participant: shared plumbing of its three parts. A bridge made with {@link
 * #withSettings} is a view of its root: its own settings (requests, zone-query timeout) and
 * parts, the root's event hub and known classes.
 */
final class Bridge implements AstronBridge {
  private static final int KNOWN_CLASSES = 65_536;

  final ClusterParticipant cluster;
  final long sender;
  final DcFile dc;
  final BridgeSettings settings;
  /** The bridge {@link AstronBridge#create} made: this one, or the one withSettings started from. */
  private final Bridge root;
  /** The root's hub, made on first use. */
  private EventHub hub;
  private boolean closed;
  /** What a view must end when it closes: its watches and pending zone queries. */
  private final Set<Runnable> owned = new HashSet<>();
  /** Classes of objects the bridge has seen (creates, snapshots), most recent last; root only. */
  private final Map<Long, DcClass> known;
  private final Database database;
  private final Live objects;
  private final Clients clients;

  Bridge(ClusterParticipant cluster, long sender, DcFile dc, BridgeSettings settings) {
    this.cluster = Objects.requireNonNull(cluster, "participant");
    this.dc = Objects.requireNonNull(dc, "dcFile");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (sender == 0) {
      throw new IllegalArgumentException("sender channel 0 is not a channel");
    }
    this.sender = sender;
    this.root = this;
    this.known = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, DcClass> eldest) {
        return size() > KNOWN_CLASSES;
      }
    });
    cluster.subscribe(sender);
    this.database = new Database(this);
    this.objects = new Live(this);
    this.clients = new Clients(this);
  }

  /** A view of {@code root} with other settings. */
  private Bridge(Bridge root, BridgeSettings settings) {
    this.cluster = root.cluster;
    this.dc = root.dc;
    this.sender = root.sender;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.root = root;
    this.known = root.known;
    this.database = new Database(this);
    this.objects = new Live(this);
    this.clients = new Clients(this);
  }

  @Override
  public DatabaseObjects database() {
    return database;
  }

  @Override
  public LiveObjects objects() {
    return objects;
  }

  @Override
  public ClientControl clients() {
    return clients;
  }

  @Override
  public BridgeSettings settings() {
    return settings;
  }

  @Override
  public long senderChannel() {
    return sender;
  }

  @Override
  public AstronBridge withSettings(BridgeSettings newSettings) {
    return new Bridge(root, newSettings);
  }

  /** The root's event side, its handlers registered on first use. */
  private EventHub hub() {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the bridge is closed");
      }
    }
    synchronized (root) {
      if (root.closed) {
        throw new IllegalStateException("the bridge is closed");
      }
      if (root.hub == null) {
        root.hub = new EventHub(root);
      }
      return root.hub;
    }
  }

  /** Watches a channel on the root's hub; a view ends the watch when it closes. */
  Registration watch(long channel, ObjectEvents listener) {
    Registration r = hub().watch(channel, listener);
    if (root == this) {
      return r;
    }
    Runnable end = r::close;
    synchronized (this) {
      if (closed) {
        r.close();
        throw new IllegalStateException("the bridge is closed");
      }
      owned.add(end);
    }
    return () -> {
      synchronized (this) {
        owned.remove(end);
      }
      r.close();
    };
  }

  /** Starts a zone query on the root's hub with this bridge's timeout. */
  CompletableFuture<List<LiveObject>> zoneQuery(long parent, long[] zones) {
    CompletableFuture<List<LiveObject>> f = hub().zoneQuery(parent, zones, timeout());
    if (root == this) {
      return f;
    }
    Runnable fail = () -> f.completeExceptionally(EventHub.closedQuery(parent));
    synchronized (this) {
      if (closed) {
        executor().execute(fail);
        return f;
      }
      owned.add(fail);
    }
    f.whenComplete((v, e) -> {
      synchronized (this) {
        owned.remove(fail);
      }
    });
    return f;
  }

  @Override
  public void close() {
    List<Runnable> ends;
    EventHub h = null;
    synchronized (this) {
      closed = true;
      ends = List.copyOf(owned);
      owned.clear();
      if (root == this) {
        h = hub;
        hub = null;
      }
    }
    for (Runnable end : ends) {
      executor().execute(end);
    }
    if (h != null) {
      h.close();
    }
  }

  Executor executor() {
    return cluster.executor();
  }

  Duration timeout() {
    return settings.timeout();
  }

  void remember(long doId, DcClass dclass) {
    known.put(doId, dclass);
  }

  DcClass knownClass(long doId) {
    return known.get(doId);
  }

  DatagramWriter header(long to, int type) {
    return Datagram.header(to, sender, type);
  }

  /** Sends; the future completes on the executor once the datagram is handed to the link. */
  CompletableFuture<Void> send(DatagramWriter w) {
    cluster.send(Datagram.of(w));
    CompletableFuture<Void> f = new CompletableFuture<>();
    cluster.executor().execute(() -> f.complete(null));
    return f;
  }

  /**
   * Sends a request and turns its reply into a value on the executor; a timeout becomes {@link
   * NoReplyException}, a reply {@code decode} cannot read (cut short, unknown class or field)
   * {@link MalformedReplyException}, and the {@link BridgeException}s it throws fail the future
   * as they are.
   */
  <T> CompletableFuture<T> request(DatagramWriter w, int replyType, long context, String what,
      Function<Datagram, T> decode) {
    CompletableFuture<T> out = new CompletableFuture<>();
    cluster.request(Datagram.of(w), replyType, context, timeout()).whenComplete((d, err) -> {
      if (err != null) {
        out.completeExceptionally(NoReplyException.of(err, what, AstronMsg.nameOf(replyType),
            timeout()));
        return;
      }
      try {
        out.complete(decode.apply(d));
      } catch (DatagramFormatException | DcValueException e) {
        out.completeExceptionally(new MalformedReplyException(what + ": malformed "
            + AstronMsg.nameOf(replyType) + ": " + e.getMessage(), e));
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
      }
    });
    return out;
  }

  /** Checks values belong to a class, for a parameter named {@code what}. */
  static void requireClass(FieldValues values, DcClass dclass, String what) {
    Objects.requireNonNull(values, what);
    if (values.dclass() != dclass) {
      throw new IllegalArgumentException(what + " are values of " + values.dclass().name()
          + ", not of " + dclass.name());
    }
  }

  static String id(long doId) {
    return Long.toUnsignedString(doId);
  }
}
