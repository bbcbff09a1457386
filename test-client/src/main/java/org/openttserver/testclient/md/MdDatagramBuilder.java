package org.openttserver.testclient.md;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openttserver.api.datagram.DatagramWriter;

/**
 * Builds a routed message-director datagram: {@code MdDatagram.builder(type).to(a, b).from(s)
 * .payload(w -> w.u32(7)).build()}. The sender defaults to 0 and the payload to nothing.
 */
public final class MdDatagramBuilder {
  private final int msgType;
  private final List<Long> recipients = new ArrayList<>();
  private long sender;
  private final DatagramWriter payload = new DatagramWriter();

  MdDatagramBuilder(int msgType) {
    this.msgType = msgType;
  }

  /**
   * Adds recipients, duplicates allowed.
   *
   * @param channels the channels, in wire order
   * @return this
   */
  public MdDatagramBuilder to(long... channels) {
    for (long c : channels) {
      recipients.add(c);
    }
    return this;
  }

  /**
   * Sets the sender channel.
   *
   * @param channel the sender
   * @return this
   */
  public MdDatagramBuilder from(long channel) {
    this.sender = channel;
    return this;
  }

  /**
   * Appends payload bytes.
   *
   * @param writer writes the payload
   * @return this
   */
  public MdDatagramBuilder payload(Consumer<DatagramWriter> writer) {
    writer.accept(payload);
    return this;
  }

  /**
   * Appends raw payload bytes.
   *
   * @param bytes the bytes
   * @return this
   */
  public MdDatagramBuilder payload(byte[] bytes) {
    payload.bytes(bytes);
    return this;
  }

  /**
   * Builds the datagram.
   *
   * @return the datagram
   * @throws IllegalStateException with no recipient or more than 255
   */
  public MdDatagram build() {
    if (recipients.isEmpty() || recipients.size() > 255) {
      throw new IllegalStateException(recipients.size() + " recipients; 1 to 255 allowed");
    }
    DatagramWriter w = new DatagramWriter();
    w.u8(recipients.size());
    recipients.forEach(w::channel);
    w.channel(sender).u16(msgType).bytes(payload.toByteArray());
    return MdDatagram.of(w.toByteArray());
  }
}
