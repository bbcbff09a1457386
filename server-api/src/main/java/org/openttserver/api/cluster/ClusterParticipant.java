package org.openttserver.api.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * A participant of the message director: the same API whether the director is the embedded one
 * in this process or a real Astron reached over TCP.
 *
 * <p>Semantics follow Astron: subscriptions are sets (subscribing twice is a no-op, one
 * unsubscribe removes it), unsubscribing a range also drops the exact channels inside it, a
 * participant never receives its own datagrams, order is FIFO per sender, and post-removes are
 * routed when the participant goes away.
 *
 * <p>Handlers and future completions run on the participant's serial {@link #executor()}, one at
 * a time in delivery order.
 *
 * @since 0.1
 */
public interface ClusterParticipant {
  /**
   * Sends a datagram to its recipients.
   *
   * @param datagram the datagram (its sender field is used as is)
   */
  void send(Datagram datagram);

  /**
   * Subscribes a channel.
   *
   * @param channel the channel
   */
  void subscribe(long channel);

  /**
   * Unsubscribes a channel.
   *
   * @param channel the channel
   */
  void unsubscribe(long channel);

  /**
   * Subscribes an inclusive range of channels (compared unsigned).
   *
   * @param low first channel
   * @param high last channel
   */
  void subscribeRange(long low, long high);

  /**
   * Unsubscribes an inclusive range, and every exact channel inside it.
   *
   * @param low first channel
   * @param high last channel
   */
  void unsubscribeRange(long low, long high);

  /**
   * Stores a datagram to be routed when this participant goes away (its link drops, it closes,
   * the process dies).
   *
   * @param key the bundle the datagram belongs to, for {@link #clearPostRemoves}
   * @param datagram what to route
   */
  void addPostRemove(long key, Datagram datagram);

  /**
   * Forgets every post-remove stored under a key.
   *
   * @param key the bundle
   */
  void clearPostRemoves(long key);

  /**
   * Handles every received datagram of one message type that no pending request consumed.
   *
   * @param msgType the message type
   * @param handler the handler
   * @return removes the handler
   */
  Registration onMessage(int msgType, DatagramHandler handler);

  /**
   * Allocates a request context, unique among this participant's pending requests.
   *
   * @return a u32 context
   */
  long newContext();

  /**
   * Sends a request and waits for the reply whose payload starts with the same u32 context.
   *
   * <p>The reply arrives on the request's sender channel, which this participant must be
   * subscribed to. The future completes on {@link #executor()}; it fails with {@link
   * RequestTimeoutException} if no reply comes within the timeout. Nothing waits forever.
   *
   * @param request the request, carrying {@code context} as its first payload field
   * @param replyType the reply's message type
   * @param context the context (see {@link #newContext()})
   * @param timeout how long to wait
   * @return the reply
   */
  CompletableFuture<Datagram> request(
      Datagram request, int replyType, long context, Duration timeout);

  /**
   * Waits for the next received datagram that matches, consuming it instead of the handlers.
   *
   * @param msgType the message type to wait for
   * @param match further test on the datagram
   * @param timeout how long to wait
   * @return the datagram; fails with {@link RequestTimeoutException} after the timeout
   */
  CompletableFuture<Datagram> expect(int msgType, Predicate<Datagram> match, Duration timeout);

  /** {@return the serial executor that runs this participant's handlers} */
  Executor executor();
}
