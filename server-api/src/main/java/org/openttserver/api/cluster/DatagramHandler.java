package org.openttserver.api.cluster;

/**
 * Receives datagrams delivered to a participant.
 *
 * <p>Handlers of one participant run one at a time, in delivery order, off the network threads.
 * They must not block: wait for replies with the futures of {@link
 * ClusterParticipant#request}, not by sleeping.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DatagramHandler {
  /**
   * Handles one datagram.
   *
   * @param datagram the datagram
   */
  void handle(Datagram datagram);
}
