package org.openttserver.api.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_OBJECT_UPDATE_FIELD (24, C→S) and CLIENT_OBJECT_UPDATE_FIELD_RESP (24, S→C): one field
 * update on a distributed object, the same layout both ways (protocol-2003.md §2.10, chapter 4).
 *
 * <p>Layout: u32 doId, u16 fieldNumber (the 2003 per-class number, of the <em>sender's</em> class
 * for a {@code sendToId} update), then the field's packed arguments ({@link #args()}). Build it
 * from values with {@link #of} and read the value back with {@link #value(DcClass)}.
 *
 * <pre>{@code
 * DcClass tm = dc.dclass("TimeManager");
 * session.send(ObjectUpdateField.of(timeManagerId, tm, "serverTime", context, now16, unixTime));
 * DcFieldValue v = update.value(tm);
 * }</pre>
 *
 * @param doId the object
 * @param fieldNumber the 2003 field number in the object's class
 * @param args the packed arguments
 * @since 0.2
 */
public record ObjectUpdateField(long doId, int fieldNumber, byte[] args)
    implements ServerBound, ClientBound {
  /**
   * The codec: OBJECT_UPDATE_FIELD = OBJECT_UPDATE_FIELD_RESP ({@value
   * ClientMsg#OBJECT_UPDATE_FIELD}). Every byte after the field number is argument bytes.
   */
  public static final MessageCodec<ObjectUpdateField> CODEC = MessageCodec.of(
      ClientMsg.OBJECT_UPDATE_FIELD, ObjectUpdateField.class,
      r -> new ObjectUpdateField(r.readU32(), r.readU16(), r.readRemaining()),
      (m, w) -> w.u32(m.doId).u16(m.fieldNumber).bytes(m.args));

  /** Checks the ranges and copies the bytes. */
  public ObjectUpdateField {
    Fields.u32("doId", doId);
    Fields.u16("fieldNumber", fieldNumber);
    args = Fields.copy("args", args);
  }

  /**
   * Packs an update.
   *
   * @param doId the object
   * @param dclass the class whose 2003 numbering the field number follows
   * @param value the field (in the class's 2003 table) and its value
   * @return the message
   * @throws IllegalArgumentException if the field is not in the class's table or the value does
   *     not fit its types
   */
  public static ObjectUpdateField of(long doId, DcClass dclass, DcFieldValue value) {
    DcField f = value.field();
    if (!dclass.has2003(f)) {
      throw new IllegalArgumentException(f + " is not a field of " + dclass.name());
    }
    DatagramWriter w = new DatagramWriter();
    f.pack(w, value.values());
    return new ObjectUpdateField(doId, f.number2003(), w.toByteArray());
  }

  /**
   * Packs an update by field name.
   *
   * @param doId the object
   * @param dclass the object's class
   * @param fieldName the field
   * @param values one value per parameter
   * @return the message
   * @throws IllegalArgumentException if the class has no such field or a value does not fit
   */
  public static ObjectUpdateField of(long doId, DcClass dclass, String fieldName,
      Object... values) {
    return of(doId, dclass, new DcFieldValue(dclass.field(fieldName), Arrays.asList(values)));
  }

  /**
   * Reads the update's field and value.
   *
   * @param dclass the class whose numbering the field number follows
   * @return the field and its value
   * @throws org.openttserver.api.datagram.DatagramFormatException if the class has no such field
   *     or the bytes are not exactly one value of it
   */
  public DcFieldValue value(DcClass dclass) {
    return DcBodies.readArgs(dclass, fieldNumber, args);
  }

  /**
   * Reads the update as a list, like the other DC-dependent messages.
   *
   * @param dclass the class whose numbering the field number follows
   * @return a list with the one {@link #value(DcClass)}
   */
  public List<DcFieldValue> fields(DcClass dclass) {
    return List.of(value(dclass));
  }

  /** {@return a copy of the packed arguments} */
  @Override
  public byte[] args() {
    return args.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectUpdateField o && doId == o.doId
        && fieldNumber == o.fieldNumber && Fields.same(args, o.args);
  }

  @Override
  public int hashCode() {
    return Objects.hash(doId, fieldNumber, Fields.hash(args));
  }

  @Override
  public String toString() {
    return "ObjectUpdateField[doId=" + doId + ", fieldNumber=" + fieldNumber + ", args="
        + Fields.hex(args) + "]";
  }
}
