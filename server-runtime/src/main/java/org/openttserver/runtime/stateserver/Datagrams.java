package org.openttserver.runtime.stateserver;

import java.util.Collection;
import org.openttserver.api.datagram.DatagramWriter;

/** Datagram headers with several recipients (Astron builds these from a channel set). */
public final class Datagrams {
  private Datagrams() {}

  /**
   * Starts a datagram to a set of channels.
   *
   * @param targets the recipients, without duplicates
   * @param sender the sender
   * @param type the message type
   * @return a writer positioned at the payload
   */
  public static DatagramWriter header(Collection<Long> targets, long sender, int type) {
    DatagramWriter w = new DatagramWriter().u8(targets.size());
    targets.forEach(w::channel);
    return w.channel(sender).u16(type);
  }

  /**
   * Starts a datagram to the first {@code n} channels of an array.
   *
   * @param targets the recipients, without duplicates among the first {@code n}
   * @param n how many
   * @param sender the sender
   * @param type the message type
   * @return a writer positioned at the payload
   */
  public static DatagramWriter header(long[] targets, int n, long sender, int type) {
    DatagramWriter w = new DatagramWriter().u8(n);
    for (int i = 0; i < n; i++) {
      w.channel(targets[i]);
    }
    return w.channel(sender).u16(type);
  }
}
