package org.openttserver.runtime.stateserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.openttserver.api.cluster.Datagram;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.runtime.dc.ClusterDc;
import org.openttserver.runtime.md.MdParticipant;
import org.openttserver.runtime.md.MessageDirector;
import org.openttserver.runtime.md.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts a state server's objects (and a DBSS's loaders) on one message-director participant and
 * one serial executor, so everything inside runs in one total order as in Astron's daemon.
 *
 * <p>In Astron each object is its own participant, so objects hear each other through the
 * director. Here they share one participant, which the director never echoes to; {@link #send}
 * therefore also delivers locally to every inbox (other than the sender) subscribed to one of
 * the recipients. Subscriptions of several inboxes to one channel are counted, so the director
 * subscription lasts while any inbox wants it. Everything but {@link #deliver} runs on the
 * executor.
 *
 * <p>Ordering: Astron handles a create before it routes the next datagram, so a SET_AI sent right
 * after a create reaches the new object. Here routing runs on the sender's thread ahead of the
 * executor, so when a create is delivered ({@link RoleFilter#claim}) the host subscribes the new
 * doid before the sender's route returns ({@link MessageDirector#subscribeAfterRoute}) and keeps
 * what arrives on it for the executor, which handles the create first. The claim lasts until the
 * create has been handled ({@link #release}), so an object deleted meanwhile does not take the
 * channel with it. Otherwise the host listens only on its role's channels and on the channels
 * its objects subscribe, as Astron's roles do.
 */
public final class ObjectHost extends MdParticipant {
  private static final Logger log = LoggerFactory.getLogger(ObjectHost.class);

  private final MessageDirector md;
  private final SerialExecutor executor;
  private final ClusterDc dc;
  private final Map<Long, List<Inbox>> local = new HashMap<>();
  private final Map<Long, StateObject> objects = new HashMap<>();
  /** Channels local inboxes listen on (changed on the executor, read by deliver). */
  private final Set<Long> wanted = ConcurrentHashMap.newKeySet();
  /** Doids of creates delivered but not yet handled, with how many (see RoleFilter#claim). */
  private final Map<Long, Integer> claims = new ConcurrentHashMap<>();
  private RoleFilter role;
  private volatile boolean closed;

  /** Which channels the role itself (not an object) listens on. */
  public interface RoleFilter extends Inbox {
    /**
     * {@return whether the role listens on a channel}
     *
     * @param channel the channel
     */
    boolean accepts(long channel);

    /**
     * Called on the delivering thread for a datagram to the role: the doid a create will
     * subscribe, so datagrams routed to it from now on are kept.
     *
     * @param d a datagram the role accepts
     * @return the doid, or 0
     */
    default long claim(Datagram d) {
      return 0;
    }
  }

  /**
   * Attaches a host to the director.
   *
   * @param md the director
   * @param name for logs
   * @param pool lends the executor its threads
   * @param dc the DC files
   */
  public ObjectHost(MessageDirector md, String name, Executor pool, ClusterDc dc) {
    super(name);
    this.md = md;
    this.executor = new SerialExecutor(pool, name);
    this.dc = dc;
    md.add(this);
  }

  /**
   * Sets the role's inbox; call once, before subscribing.
   *
   * @param role the role
   */
  public void setRole(RoleFilter role) {
    this.role = role;
  }

  /** {@return the DC files} */
  public ClusterDc dc() {
    return dc;
  }

  /** {@return the executor everything runs on} */
  public Executor executor() {
    return executor;
  }

  /**
   * {@return how many objects are live; read from any thread for metrics, so it may be a moment
   * old}
   */
  public int objectCount() {
    return objects.size();
  }

  /** {@return the live objects by doid (executor only)} */
  public Map<Long, StateObject> objects() {
    return objects;
  }

  /**
   * Subscribes the role to a channel at the director.
   *
   * @param channel the channel
   */
  public void subscribeRole(long channel) {
    md.subscribe(this, channel);
  }

  /**
   * Subscribes the role to a range at the director.
   *
   * @param lo first channel
   * @param hi last channel
   */
  public void subscribeRoleRange(long lo, long hi) {
    md.subscribeRange(this, lo, hi);
  }

  /**
   * Subscribes an inbox to a channel.
   *
   * @param who the inbox
   * @param channel the channel
   */
  public void subscribe(Inbox who, long channel) {
    List<Inbox> list = local.computeIfAbsent(channel, c -> new ArrayList<>(2));
    if (list.isEmpty()) {
      wanted.add(channel);
      md.subscribe(this, channel);
    }
    if (!list.contains(who)) {
      list.add(who);
    }
  }

  /**
   * Unsubscribes an inbox from a channel.
   *
   * @param who the inbox
   * @param channel the channel
   */
  public void unsubscribe(Inbox who, long channel) {
    List<Inbox> list = local.get(channel);
    if (list == null || !list.remove(who) || !list.isEmpty()) {
      return;
    }
    local.remove(channel);
    wanted.remove(channel);
    md.unsubscribeUnlessWanted(this, channel);
  }

  /**
   * Ends the claim of a create once it has been handled, whether or not it created the object
   * (call exactly once for each create the role handles). Creates reach the role only through
   * {@link #deliver}, which claims them; nothing sends the role a create through {@link #send}.
   *
   * @param doid the doid
   */
  public void release(long doid) {
    claims.computeIfPresent(doid, (k, n) -> n > 1 ? n - 1 : null);
    if (!local.containsKey(doid)) {
      md.unsubscribeUnlessWanted(this, doid);
    }
  }

  /**
   * A channel stays subscribed while a local inbox listens on it, a create of that doid is on its
   * way to the executor, or the role listens on it. Asked by the director under its lock.
   */
  @Override
  protected boolean stillWants(long channel) {
    return wanted.contains(channel) || claims.containsKey(channel)
        || (role != null && role.accepts(channel));
  }

  /** Deliveries go to the host's serial executor, after the claim bookkeeping. */
  @Override
  protected boolean deliversToSerialExecutor() {
    return true;
  }

  @Override
  protected void deliver(Datagram d) {
    if (closed) {
      return;
    }
    boolean keep = false;
    boolean toRole = false;
    for (int i = 0; i < d.recipientCount(); i++) {
      long ch = d.recipient(i);
      if (role != null && role.accepts(ch)) {
        toRole = true;
      } else if (wanted.contains(ch) || claims.containsKey(ch)) {
        keep = true;
      }
    }
    if (toRole) {
      // Once per datagram (it may name the role on several channels; the role handles it once).
      long doid = d.hasHeader() ? role.claim(d) : 0;
      if (doid != 0) {
        claims.merge(doid, 1, Integer::sum);
        md.subscribeAfterRoute(this, doid);
      }
      keep = true;
    }
    if (keep) {
      executor.execute(() -> dispatch(d, null));
    }
  }

  /**
   * Routes a datagram: to the director, and later to local inboxes other than the sender.
   *
   * @param d the datagram
   * @param from the sending inbox, or null
   */
  public void send(Datagram d, Inbox from) {
    if (closed) {
      return;
    }
    md.route(d, this);
    for (int i = 0; i < d.recipientCount(); i++) {
      long ch = d.recipient(i);
      List<Inbox> l = local.get(ch);
      if ((l != null && (l.size() > 1 || l.get(0) != from))
          || (role != null && role != from && role.accepts(ch))) {
        executor.execute(() -> dispatch(d, from));
        return;
      }
    }
  }

  private void dispatch(Datagram d, Inbox from) {
    if (!d.hasHeader()) {
      log.debug("{}: dropped a datagram without header", name());
      return;
    }
    if (d.recipientCount() == 1) {
      // The common case, one recipient: no set to build.
      // Who listens is decided before anyone handles it (the role may create a listener).
      long ch = d.recipient(0);
      List<Inbox> l = local.get(ch);
      Inbox only = l != null && l.size() == 1 ? l.get(0) : null;
      Inbox[] several = l != null && l.size() > 1 ? l.toArray(new Inbox[0]) : null;
      if (role != null && role != from && role.accepts(ch)) {
        handle(role, d);
      }
      if (only != null && only != from && only != role) {
        handle(only, d);
      }
      if (several == null) {
        return;
      }
      for (Inbox t : several) {
        if (t != from && t != role) {
          handle(t, d);
        }
      }
      return;
    }
    Set<Inbox> targets = new LinkedHashSet<>();
    for (int i = 0; i < d.recipientCount(); i++) {
      long ch = d.recipient(i);
      if (role != null && role.accepts(ch)) {
        targets.add(role);
      }
      List<Inbox> l = local.get(ch);
      if (l != null) {
        targets.addAll(l);
      }
    }
    targets.remove(from);
    for (Inbox t : targets) {
      handle(t, d);
    }
  }

  private void handle(Inbox t, Datagram d) {
    try {
      t.handle(d);
    } catch (RuntimeException e) {
      log.warn("{}: {} for {} dropped: {}", name(), AstronMsg.nameOf(d.msgType()), t,
          e.toString());
    }
  }

  /** {@return whether the host was closed} */
  boolean closed() {
    return closed;
  }

  /** Detaches from the director; objects are dropped without notifications, as at a crash. */
  public void close() {
    closed = true;
    md.remove(this);
  }
}
