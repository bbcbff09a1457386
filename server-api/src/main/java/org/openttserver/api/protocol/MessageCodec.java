package org.openttserver.api.protocol;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

/**
 * Reads and writes the payload of one 2003 message type: the one place where a layout of
 * protocol-2003.md §2 is spelled out.
 *
 * <p>{@link #read} reads exactly the layout and throws {@link DatagramFormatException} when the
 * payload is too short; it does not check for bytes left after the layout (call {@link
 * #readAll} or check {@link DatagramReader#remaining()}). {@link #write} writes the payload
 * without the u16 type; {@link #encode} writes both. Codecs are immutable and thread-safe.
 *
 * <pre>{@code
 * MessageCodec<SetZone> codec = SetZone.CODEC;
 * byte[] body = codec.encode(new SetZone(2000));          // 1D 00 D0 07
 * SetZone back = codec.readAll(new DatagramReader(body, 2, body.length - 2));
 * }</pre>
 *
 * @param <M> the message record
 * @since 0.2
 */
public interface MessageCodec<M> {
  /** {@return the u16 message type (a {@link org.openttserver.api.msg.ClientMsg} number)} */
  int type();

  /** {@return the record class this codec reads and writes} */
  Class<M> messageClass();

  /**
   * Reads a payload (the bytes after the u16 type).
   *
   * @param payload positioned at the first payload byte; left after the layout's last byte
   * @return the message
   * @throws DatagramFormatException if the payload ends too early or breaks the layout
   */
  M read(DatagramReader payload);

  /**
   * Writes a payload (without the u16 type).
   *
   * @param message the message
   * @param out where to write
   * @throws IllegalArgumentException if a string or blob is too long for its u16 count
   */
  void write(M message, DatagramWriter out);

  /**
   * Reads a payload that must hold exactly one message.
   *
   * @param payload positioned at the first payload byte
   * @return the message
   * @throws DatagramFormatException if the payload is too short or has bytes left over
   */
  default M readAll(DatagramReader payload) {
    M m = read(payload);
    payload.expectEnd();
    return m;
  }

  /**
   * Encodes a whole message body: the u16 type, then the payload.
   *
   * @param message the message
   * @return the body (what a frame carries after its u16 length)
   */
  default byte[] encode(M message) {
    DatagramWriter w = new DatagramWriter().u16(type());
    write(message, w);
    return w.toByteArray();
  }

  /**
   * Creates a codec from a reader and a writer function.
   *
   * @param type the u16 message type
   * @param messageClass the record class
   * @param reader reads a payload (see {@link #read})
   * @param writer writes a payload (see {@link #write})
   * @param <M> the record
   * @return the codec
   */
  static <M> MessageCodec<M> of(int type, Class<M> messageClass,
      Function<DatagramReader, M> reader, BiConsumer<M, DatagramWriter> writer) {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("message type " + type + " is not a u16");
    }
    Objects.requireNonNull(messageClass, "messageClass");
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(writer, "writer");
    return new MessageCodec<>() {
      @Override
      public int type() {
        return type;
      }

      @Override
      public Class<M> messageClass() {
        return messageClass;
      }

      @Override
      public M read(DatagramReader payload) {
        return reader.apply(payload);
      }

      @Override
      public void write(M message, DatagramWriter out) {
        writer.accept(Objects.requireNonNull(message, "message"), out);
      }

      @Override
      public String toString() {
        return messageClass.getSimpleName() + "(" + type + ")";
      }
    };
  }
}
