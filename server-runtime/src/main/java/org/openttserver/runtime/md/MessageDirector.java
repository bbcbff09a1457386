package org.openttserver.runtime.md;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.openttserver.api.cluster.Datagram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process message director: routes datagrams between participants by exact channel and
 * by range, with Astron's semantics.
 *
 * <ul>
 *   <li>Each receiver gets a datagram once, however many of the recipients it subscribes; the
 *       sender never gets its own datagram back.
 *   <li>Subscriptions are sets; unsubscribing a range drops the exact channels inside it.
 *   <li>Order is FIFO per sender (routing happens in the sender's call order) and per receiver
 *       (each receiver queues deliveries in arrival order).
 *   <li>When a participant leaves it is unsubscribed first, then its post-removes are routed.
 * </ul>
 *
 * <p>Routing runs on the sending thread under the read side of a {@link RoutingLock};
 * subscription changes take the write side, so a subscription is in force for every datagram
 * sent after the call returns.
 */
public final class MessageDirector {
  /** Datagrams routed, for metrics. */
  private final java.util.concurrent.atomic.LongAdder routed =
      new java.util.concurrent.atomic.LongAdder();

  private static final Logger log = LoggerFactory.getLogger(MessageDirector.class);

  private final RoutingLock lock = new RoutingLock();
  private final Map<Long, List<MdParticipant>> exact = new HashMap<>();
  private final List<MdParticipant> rangeHolders = new CopyOnWriteArrayList<>();
  private final Set<MdParticipant> participants =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  /** Subscriptions asked for during a route, per routing thread (see subscribeAfterRoute). */
  private final ThreadLocal<ArrayDeque<PendingSubscription>> afterRoute =
      ThreadLocal.withInitial(ArrayDeque::new);
  /** How many of those, on all threads, are not done yet: a route checks only this. */
  private final AtomicInteger pendingSubscriptions = new AtomicInteger();
  /** The director this one is downstream of, or null (the default): see {@link UpstreamRelay}. */
  private volatile UpstreamRelay upstream;

  /**
   * Attaches a participant.
   *
   * @param p the participant
   */
  public void add(MdParticipant p) {
    p.director = this;
    participants.add(p);
  }

  /**
   * Makes this a downstream director: subscriptions, post-removes and every datagram not
   * received from upstream are relayed to another director, as {@link UpstreamRelay} says.
   * Datagrams from there come in through {@link #routeFromUpstream}.
   *
   * @param relay the relay to the upstream link
   * @throws IllegalStateException if participants are already attached (their subscriptions
   *     would be missing upstream)
   */
  public void connectUpstream(UpstreamRelay relay) {
    lock.writeLock().lock();
    try {
      if (!participants.isEmpty()) {
        throw new IllegalStateException("connect upstream before participants attach");
      }
      upstream = relay;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** {@return whether this director relays to an upstream director} */
  public boolean isDownstream() {
    return upstream != null;
  }

  void postRemoveAdded(long key, Datagram d) {
    UpstreamRelay up = upstream;
    if (up != null) {
      try {
        up.postRemoveAdded(key, d);
      } catch (IllegalArgumentException e) {
        // Wrapped in a control message it would pass the 65535-byte frame limit.
        log.warn("post-remove of {} bytes (key {}) is too large to hang on the upstream "
            + "director: it fires when its participant leaves, not if this whole server dies",
            d.body().length, key);
      }
    }
  }

  void postRemovesCleared(long key) {
    UpstreamRelay up = upstream;
    if (up != null) {
      up.postRemovesCleared(key);
    }
  }

  /** {@return how many datagrams have been routed (for metrics)} */
  public long routedCount() {
    return routed.sum();
  }

  /** {@return how many participants are attached} */
  public int participantCount() {
    return participants.size();
  }

  /**
   * Subscribes a participant to a channel; a no-op if already subscribed (exactly or by range)
   * or if the participant is not attached.
   *
   * @param p the participant
   * @param channel the channel
   */
  public void subscribe(MdParticipant p, long channel) {
    lock.writeLock().lock();
    try {
      // A participant that has left stays unsubscribed (a late command must not leak a channel).
      if (participants.contains(p) && !p.isSubscribed(channel)) {
        addExact(p, channel);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * {@return whether a participant is subscribed to a channel, exactly or by range}
   *
   * @param p the participant
   * @param channel the channel
   */
  public boolean isSubscribed(MdParticipant p, long channel) {
    lock.readLock().lock();
    try {
      return p.isSubscribed(channel);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Unsubscribes a participant from an exact channel.
   *
   * @param p the participant
   * @param channel the channel
   */
  public void unsubscribe(MdParticipant p, long channel) {
    lock.writeLock().lock();
    try {
      removeExactRelayed(p, channel);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void addExact(MdParticipant p, long channel) {
    UpstreamRelay up = upstream;
    if (up != null && !exact.containsKey(channel)) {
      up.channelAdded(channel);
    }
    p.channels.add(channel);
    exact.computeIfAbsent(channel, c -> new ArrayList<>(2)).add(p);
  }

  /** {@link #removeExact}, telling upstream when the last exact subscriber is gone. */
  private void removeExactRelayed(MdParticipant p, long channel) {
    UpstreamRelay up = upstream;
    if (up != null && p.channels.contains(channel)) {
      removeExact(p, channel);
      if (!exact.containsKey(channel)) {
        up.channelRemoved(channel);
      }
    } else {
      removeExact(p, channel);
    }
  }

  private void removeExact(MdParticipant p, long channel) {
    if (p.channels.remove(channel)) {
      List<MdParticipant> subs = exact.get(channel);
      subs.remove(p);
      if (subs.isEmpty()) {
        exact.remove(channel);
      }
    }
  }

  /**
   * Subscribes a participant to an inclusive range.
   *
   * @param p the participant
   * @param lo first channel
   * @param hi last channel
   */
  public void subscribeRange(MdParticipant p, long lo, long hi) {
    lock.writeLock().lock();
    try {
      boolean had = !p.ranges.isEmpty();
      UpstreamRelay up = upstream;
      if (up != null) {
        up.rangeAdding(p, lo, hi, rangeHolders);
      }
      p.ranges.add(lo, hi);
      if (!had && !p.ranges.isEmpty()) {
        rangeHolders.add(p);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Unsubscribes a range and the participant's exact channels inside it.
   *
   * @param p the participant
   * @param lo first channel
   * @param hi last channel
   */
  public void unsubscribeRange(MdParticipant p, long lo, long hi) {
    lock.writeLock().lock();
    try {
      UpstreamRelay up = upstream;
      long[][] silent = up == null ? null : up.rangeRemoving(p, lo, hi, rangeHolders);
      p.ranges.remove(lo, hi);
      if (p.ranges.isEmpty()) {
        rangeHolders.remove(p);
      }
      for (Long c : new ArrayList<>(p.channels)) {
        if (Long.compareUnsigned(c, lo) >= 0 && Long.compareUnsigned(c, hi) <= 0) {
          removeExact(p, c);
        }
      }
      if (up != null) {
        up.rangeRemoved(silent, exact.keySet());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Routes a datagram to every subscriber of any of its recipients except the sender.
   *
   * @param d the datagram
   * @param from the participant that sent it, or null for the director itself
   */
  public void route(Datagram d, MdParticipant from) {
    routeUnderLock(d, from, true);
  }

  /**
   * Routes a datagram that came from the upstream director to local subscribers only.
   *
   * @param d the datagram
   */
  public void routeFromUpstream(Datagram d) {
    routeUnderLock(d, null, false);
  }

  private void routeUnderLock(Datagram d, MdParticipant from, boolean relay) {
    routed.increment();
    lock.readLock().lock();
    try {
      routeLocked(d, from);
      if (relay) {
        relayUp(d);
      }
    } finally {
      lock.readLock().unlock();
      subscribePendingOutsideRoutes();
    }
  }

  /** Sends a datagram a local participant sent on to the upstream director, if any. */
  private void relayUp(Datagram d) {
    UpstreamRelay up = upstream;
    if (up != null) {
      SerialExecutor.handOverHeld();
      up.forward(d);
    }
  }

  /**
   * Makes the subscriptions asked for during routes, unless this thread is still inside an outer
   * route (the write lock cannot be taken under a read).
   */
  private void subscribePendingOutsideRoutes() {
    if (pendingSubscriptions.get() != 0 && lock.getReadHoldCount() == 0) {
      subscribePending();
    }
  }

  /** Datagrams routed under one hold of the routing lock, so subscription changes wait little. */
  private static final int ROUTE_BATCH = 64;

  /**
   * Routes datagrams in order, as {@link #route} would one by one, taking the routing lock once
   * per {@value #ROUTE_BATCH} instead of once each. A subscription asked for while one of them is
   * delivered ({@link #subscribeAfterRoute}) is in force for the next.
   *
   * @param ds the datagrams, routed in list order
   * @param from the participant that sent them
   */
  public void routeAll(List<Datagram> ds, MdParticipant from) {
    routed.add(ds.size());
    int i = 0;
    while (i < ds.size()) {
      int end = Math.min(ds.size(), i + ROUTE_BATCH);
      lock.readLock().lock();
      try {
        while (i < end) {
          Datagram d = ds.get(i++);
          routeLocked(d, from);
          relayUp(d);
          if (pendingSubscriptions.get() != 0) {
            break;
          }
        }
      } finally {
        lock.readLock().unlock();
        subscribePendingOutsideRoutes();
      }
    }
  }

  private void routeLocked(Datagram d, MdParticipant from) {
    int n = d.recipientCount();
    if (n == 1) {
      routeOne(d, d.recipient(0), from);
      return;
    }
    Set<MdParticipant> receivers = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < n; i++) {
      long channel = d.recipient(i);
      List<MdParticipant> subs = exact.get(channel);
      if (subs != null) {
        receivers.addAll(subs);
      }
      for (MdParticipant p : rangeHolders) {
        if (p.ranges.contains(channel)) {
          receivers.add(p);
        }
      }
    }
    receivers.remove(from);
    for (MdParticipant p : receivers) {
      deliverTo(p, d);
    }
  }

  /**
   * Delivers to one receiver. One that does not queue on a serial executor (a link, the
   * database, a client connection) may act on the datagram at once, so what this thread holds
   * for serial executors ({@link SerialExecutor#hold}) is handed over first: their receivers
   * have the earlier datagrams before anything this one sends in response.
   */
  private static void deliverTo(MdParticipant p, Datagram d) {
    if (!p.deliversToSerialExecutor()) {
      SerialExecutor.handOverHeld();
    }
    p.deliver(d);
  }

  /**
   * For a participant's {@link MdParticipant#deliver}, which runs inside a route and so cannot
   * subscribe itself: subscribes {@code p} to {@code channel} as soon as that route has released
   * its lock, before it returns to the sender. The sender's next datagram to the channel then
   * reaches {@code p}, as when Astron's single routing thread lets a participant subscribe while
   * handling a datagram (a state server handling a create subscribes the new object's channel).
   * The subscription is made only if the participant is still attached and {@link
   * MdParticipant#stillWants} the channel at that moment. Called outside a route, it subscribes
   * at once.
   *
   * @param p the participant
   * @param channel the channel
   */
  public void subscribeAfterRoute(MdParticipant p, long channel) {
    UpstreamRelay up = upstream;
    if (up != null && lock.getReadHoldCount() != 0 && !exact.containsKey(channel)
        && !p.ranges.contains(channel)) {
      // Downstream, asked for upstream now, before anything p sends once it has handled the
      // datagram (an object's enter must not get there before its channel's subscription).
      // The subscription below asks again (harmless); if it is not made, it is given up.
      up.channelAdded(channel);
    }
    afterRoute.get().add(new PendingSubscription(p, channel));
    pendingSubscriptions.incrementAndGet();
    if (lock.getReadHoldCount() == 0) {
      subscribePending();
    }
  }

  /**
   * Unsubscribes an exact channel unless the participant {@link MdParticipant#stillWants} it,
   * asked under the same lock as {@link #subscribeAfterRoute}'s subscriptions: a participant that
   * drops a channel while another thread's route is claiming it again keeps it.
   *
   * @param p the participant
   * @param channel the channel
   */
  public void unsubscribeUnlessWanted(MdParticipant p, long channel) {
    lock.writeLock().lock();
    try {
      if (!p.stillWants(channel)) {
        removeExactRelayed(p, channel);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void subscribePending() {
    ArrayDeque<PendingSubscription> mine = afterRoute.get();
    if (mine.isEmpty()) {
      return;
    }
    lock.writeLock().lock();
    try {
      PendingSubscription s;
      while ((s = mine.poll()) != null) {
        pendingSubscriptions.decrementAndGet();
        MdParticipant p = s.participant();
        // Checked under the lock: remove() forgets the participant first, then clears its
        // subscriptions under this lock, so a participant that left is never subscribed again.
        if (participants.contains(p) && !p.isSubscribed(s.channel())
            && p.stillWants(s.channel())) {
          addExact(p, s.channel());
        } else if (upstream != null && !exact.containsKey(s.channel())) {
          upstream.channelRemoved(s.channel()); // asked for early, not subscribed after all
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private record PendingSubscription(MdParticipant participant, long channel) {}

  private static boolean containsSame(List<MdParticipant> list, MdParticipant p) {
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == p) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The common case, one recipient, without allocating: exact subscribers, then range holders
   * that are not also exact subscribers (each receiver gets the datagram once).
   */
  private void routeOne(Datagram d, long channel, MdParticipant from) {
    List<MdParticipant> subs = exact.get(channel);
    if (subs != null) {
      for (int i = 0; i < subs.size(); i++) {
        MdParticipant p = subs.get(i);
        if (p != from) {
          deliverTo(p, d);
        }
      }
    }
    for (MdParticipant p : rangeHolders) {
      if (p != from && p.ranges.contains(channel) && !containsSame(subs, p)) {
        deliverTo(p, d);
      }
    }
  }

  /**
   * Detaches a participant: unsubscribes everything, then routes its post-removes.
   *
   * @param p the participant leaving
   */
  public void remove(MdParticipant p) {
    if (!participants.remove(p)) {
      return;
    }
    p.director = null; // a post-remove added after leaving is not hung upstream
    lock.writeLock().lock();
    try {
      for (Long c : new ArrayList<>(p.channels)) {
        removeExactRelayed(p, c);
      }
      UpstreamRelay up = upstream;
      for (long[] r : p.ranges.toArray()) {
        long[][] silent = up == null ? null : up.rangeRemoving(p, r[0], r[1], rangeHolders);
        p.ranges.remove(r[0], r[1]);
        if (up != null) {
          up.rangeRemoved(silent, exact.keySet());
        }
      }
      rangeHolders.remove(p);
    } finally {
      lock.writeLock().unlock();
    }
    Map<Long, List<Datagram>> bundles = p.takePostRemoveBundles();
    if (!bundles.isEmpty()) {
      log.debug("{} left; routing {} post-remove bundle(s)", p.name(), bundles.size());
    }
    UpstreamRelay up = upstream;
    // Astron's order: each bundle is routed (and so goes up when downstream), then cleared
    // upstream.
    for (Map.Entry<Long, List<Datagram>> bundle : bundles.entrySet()) {
      for (Datagram d : bundle.getValue()) {
        route(d, p);
      }
      if (up != null) {
        up.postRemovesCleared(bundle.getKey());
      }
    }
  }
}
