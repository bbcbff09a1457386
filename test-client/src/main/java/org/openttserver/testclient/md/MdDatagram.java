package org.openttserver.testclient.md;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.msg.AstronMsg;
import org.openttserver.api.msg.Channels;
import org.openttserver.testclient.Hex;

/**
 * An immutable view of one message-director datagram body (without the u16 frame length): u8
 * recipient count, the u64 recipients, the u64 sender, the u16 message type, then the payload.
 * A <em>control</em> datagram, addressed to channel 1 alone, has no sender.
 *
 * <p>Any bytes can be wrapped, even malformed ones; the accessors then throw {@link
 * DatagramFormatException}. Equality is by bytes.
 */
public final class MdDatagram {
  private final byte[] bytes;

  private MdDatagram(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps a body as received or to be sent.
   *
   * @param body the datagram body; copied
   * @return the view
   */
  public static MdDatagram of(byte[] body) {
    return new MdDatagram(body.clone());
  }

  /**
   * Starts a routed datagram.
   *
   * @param msgType the message type
   * @return a builder; add recipients with {@link MdDatagramBuilder#to(long...)}
   */
  public static MdDatagramBuilder builder(int msgType) {
    return new MdDatagramBuilder(msgType);
  }

  /**
   * Builds a control datagram: recipient channel 1 alone, no sender.
   *
   * @param msgType the control message type (9000–9014)
   * @param payload writes the payload
   * @return the datagram
   */
  public static MdDatagram control(int msgType, Consumer<DatagramWriter> payload) {
    DatagramWriter w = new DatagramWriter();
    w.u8(1).channel(Channels.CONTROL).u16(msgType);
    payload.accept(w);
    return new MdDatagram(w.toByteArray());
  }

  /** {@return a copy of the body bytes} */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@return the recipients in wire order, duplicates kept} */
  public List<Long> recipients() {
    DatagramReader r = new DatagramReader(bytes);
    int n = r.readU8();
    Long[] out = new Long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.readChannel();
    }
    return List.of(out);
  }

  /** {@return the distinct recipients} */
  public Set<Long> recipientSet() {
    return new LinkedHashSet<>(recipients());
  }

  /** {@return true if this is addressed to channel 1 alone, so it carries no sender} */
  public boolean isControl() {
    return bytes.length >= 9
        && bytes[0] == 1
        && new DatagramReader(bytes, 1, 8).readChannel() == Channels.CONTROL;
  }

  /**
   * Returns the sender.
   *
   * @return the sender channel
   * @throws IllegalStateException for a control datagram, which has none
   */
  public long sender() {
    if (isControl()) {
      throw new IllegalStateException("a control datagram has no sender");
    }
    return afterRecipients().readChannel();
  }

  /** {@return the message type} */
  public int msgType() {
    return headerEnd().readU16();
  }

  /** {@return a reader over the payload (everything after the message type)} */
  public DatagramReader payload() {
    DatagramReader r = headerEnd();
    r.readU16();
    return r;
  }

  /**
   * Compares everything except the order and multiplicity of recipients.
   *
   * @param other the datagram to compare with
   * @return true if both have the same recipient set and identical bytes after the recipients
   */
  public boolean sameIgnoringRecipientOrder(MdDatagram other) {
    try {
      return recipientSet().equals(other.recipientSet())
          && Arrays.equals(afterRecipientBytes(), other.afterRecipientBytes());
    } catch (DatagramFormatException e) {
      return equals(other);
    }
  }

  private DatagramReader afterRecipients() {
    DatagramReader r = new DatagramReader(bytes);
    r.skip(r.readU8() * 8);
    return r;
  }

  private byte[] afterRecipientBytes() {
    return afterRecipients().readRemaining();
  }

  private DatagramReader headerEnd() {
    DatagramReader r = afterRecipients();
    if (!isControl()) {
      r.readChannel();
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MdDatagram d && Arrays.equals(bytes, d.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@return e.g. {@code to=[1234] from=4321 CONTROL_ADD_CHANNEL(9000) payload=[..]}} */
  @Override
  public String toString() {
    try {
      DatagramReader p = payload();
      String from = isControl() ? "" : " from=" + Long.toUnsignedString(sender());
      return "MdDatagram[to=" + unsigned(recipients()) + from + " "
          + typeName(msgType()) + " payload=["
          + Hex.of(p.array(), p.position(), p.remaining()) + "]]";
    } catch (DatagramFormatException e) {
      return "MdDatagram[malformed: " + Hex.of(bytes) + "]";
    }
  }

  private static String typeName(int type) {
    String name = AstronMsg.nameOf(type);
    return name.startsWith("UNKNOWN") ? name : name + "(" + type + ")";
  }

  private static String unsigned(List<Long> channels) {
    return channels.stream().map(Long::toUnsignedString).toList().toString();
  }
}
