package org.openttserver.api.cluster;

import java.util.Arrays;
import java.util.HexFormat;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;

/**
 * One internal (Astron) datagram, immutable: u8 recipient count, u64 recipients, u64 sender, u16
 * message type, payload. A control datagram (exactly one recipient, channel 1) has no sender.
 *
 * <p>The body bytes are held without the u16 length prefix of the wire and are never copied
 * while the datagram is routed, so one instance can be delivered to many participants.
 *
 * <p>Example: {@code Datagram.of(Datagram.header(channel, 5536,
 * AstronMsg.CLIENTAGENT_EJECT).u16(100).string("logged in elsewhere"))}.
 *
 * @since 0.1
 */
public final class Datagram {
  private final byte[] body;
  private final int recipientCount;
  private final int typeOffset;
  private final boolean control;

  private Datagram(byte[] body) {
    if (body.length < 1) {
      throw new DatagramFormatException("empty datagram");
    }
    this.body = body;
    this.recipientCount = body[0] & 0xFF;
    int afterRecipients = 1 + 8 * recipientCount;
    if (body.length < afterRecipients) {
      throw new DatagramFormatException(
          "truncated recipients: " + body.length + " byte(s) for " + recipientCount
              + " recipient(s)");
    }
    this.control = recipientCount == 1 && readLong(1) == Channels.CONTROL;
    this.typeOffset = control ? afterRecipients : afterRecipients + 8;
  }

  /**
   * Parses a datagram body (no length prefix). The array is kept, not copied.
   *
   * <p>Only the recipients must be complete, as for Astron's message director, which routes on
   * them alone; {@link #sender()}, {@link #msgType()} and {@link #payload()} throw {@link
   * DatagramFormatException} when the datagram is too short to have them ({@link #hasHeader()}).
   *
   * @param body the bytes; must not change afterwards
   * @return the datagram
   * @throws DatagramFormatException if it is empty or its recipient list is truncated
   */
  public static Datagram wrap(byte[] body) {
    return new Datagram(body);
  }

  /**
   * Finishes a datagram started with {@link #header}.
   *
   * @param writer the writer holding header and payload
   * @return the datagram
   */
  public static Datagram of(DatagramWriter writer) {
    return new Datagram(writer.toByteArray());
  }

  /**
   * Starts a datagram to one channel.
   *
   * @param recipient the channel
   * @param sender the sender channel
   * @param msgType the message type
   * @return a writer with the header written; append the payload, then call {@link #of}
   */
  public static DatagramWriter header(long recipient, long sender, int msgType) {
    return new DatagramWriter().u8(1).channel(recipient).channel(sender).u16(msgType);
  }

  /**
   * Starts a datagram to several channels.
   *
   * @param recipients 1 to 255 channels
   * @param sender the sender channel
   * @param msgType the message type
   * @return a writer with the header written
   */
  public static DatagramWriter header(long[] recipients, long sender, int msgType) {
    if (recipients.length < 1 || recipients.length > 255) {
      throw new IllegalArgumentException("1 to 255 recipients, got " + recipients.length);
    }
    DatagramWriter w = new DatagramWriter(16 + 8 * recipients.length).u8(recipients.length);
    for (long r : recipients) {
      w.channel(r);
    }
    return w.channel(sender).u16(msgType);
  }

  /**
   * Starts a control datagram (to channel 1, no sender).
   *
   * @param msgType a CONTROL_* type
   * @return a writer with the header written
   */
  public static DatagramWriter controlHeader(int msgType) {
    return new DatagramWriter().u8(1).channel(Channels.CONTROL).u16(msgType);
  }

  private long readLong(int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (body[at + i] & 0xFF);
    }
    return v;
  }

  /** {@return true if this is a control message (one recipient, channel 1, no sender)} */
  public boolean isControl() {
    return control;
  }

  /** {@return the number of recipients} */
  public int recipientCount() {
    return recipientCount;
  }

  /**
   * Returns one recipient.
   *
   * @param i index, 0 to {@link #recipientCount()} - 1
   * @return the channel
   */
  public long recipient(int i) {
    if (i < 0 || i >= recipientCount) {
      throw new IndexOutOfBoundsException(i);
    }
    return readLong(1 + 8 * i);
  }

  /** {@return the recipients, copied} */
  public long[] recipients() {
    long[] out = new long[recipientCount];
    for (int i = 0; i < recipientCount; i++) {
      out[i] = recipient(i);
    }
    return out;
  }

  /** {@return true if the sender (for non-control datagrams) and message type are present} */
  public boolean hasHeader() {
    return body.length >= typeOffset + 2;
  }

  private void requireHeader() {
    if (!hasHeader()) {
      throw new DatagramFormatException("truncated datagram header: " + body.length + " byte(s)");
    }
  }

  /** {@return the sender channel; 0 for a control message} */
  public long sender() {
    requireHeader();
    return control ? 0 : readLong(typeOffset - 8);
  }

  /** {@return the u16 message type} */
  public int msgType() {
    requireHeader();
    return (body[typeOffset] & 0xFF) | (body[typeOffset + 1] & 0xFF) << 8;
  }

  /** {@return a new reader positioned at the first payload byte} */
  public DatagramReader payload() {
    requireHeader();
    int start = typeOffset + 2;
    return new DatagramReader(body, start, body.length - start);
  }

  /** {@return the number of payload bytes} */
  public int payloadSize() {
    requireHeader();
    return body.length - typeOffset - 2;
  }

  /** {@return the whole body; shared, never modify it} */
  public byte[] body() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Datagram d && Arrays.equals(body, d.body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    if (!hasHeader()) {
      return "truncated datagram of " + body.length + " byte(s)";
    }
    StringBuilder sb = new StringBuilder(AstronMsg.nameOf(msgType())).append(" to ");
    for (int i = 0; i < recipientCount; i++) {
      sb.append(i == 0 ? "" : ",").append(Long.toUnsignedString(recipient(i)));
    }
    if (!control) {
      sb.append(" from ").append(Long.toUnsignedString(sender()));
    }
    int n = Math.min(payloadSize(), 64);
    sb.append(" [").append(HexFormat.of().formatHex(body, typeOffset + 2, typeOffset + 2 + n));
    return sb.append(n < payloadSize() ? "…]" : "]").toString();
  }
}
