package org.openttserver.api.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcBlocks;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcNumbering;
import org.openttserver.api.dc.DcRequiredSet;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_CREATE_OBJECT_REQUIRED_OTHER (35), S→C: a generate with extra fields the new viewer must
 * know, typically {@code ram} fields such as position or animation state (protocol-2003.md §2.10,
 * §4.2).
 *
 * <p>Layout: u16 classNumber, u32 doId, the required-and-broadcast fields as in {@link
 * CreateObjectRequired}, then u16 otherCount and otherCount × (u16 field number, packed
 * arguments). The record keeps everything after the doId as {@link #fieldBytes()}. {@link #of}
 * puts each value in its place: required-broadcast fields in the required block (DC defaults
 * for the missing ones), every other field in the OTHER block in the order given.
 *
 * <pre>{@code
 * DcClass toon = dc.dclass("DistributedToon");
 * session.send(CreateObjectRequiredOther.of(avatarId, toon, List.of(
 *     new DcFieldValue(toon.field("setName"), List.of("Flippy")),
 *     new DcFieldValue(toon.field("setAnimState"), List.of("neutral", 1.0, 0)))));
 * }</pre>
 *
 * @param classNumber the class's number in the DC file
 * @param doId the object
 * @param fieldBytes the required block and the OTHER block
 * @since 0.2
 */
public record CreateObjectRequiredOther(int classNumber, long doId, byte[] fieldBytes)
    implements ClientBound {
  /**
   * The codec: CREATE_OBJECT_REQUIRED_OTHER ({@value ClientMsg#CREATE_OBJECT_REQUIRED_OTHER}).
   * Every byte after the doId is field bytes.
   */
  public static final MessageCodec<CreateObjectRequiredOther> CODEC = MessageCodec.of(
      ClientMsg.CREATE_OBJECT_REQUIRED_OTHER, CreateObjectRequiredOther.class,
      r -> new CreateObjectRequiredOther(r.readU16(), r.readU32(), r.readRemaining()),
      (m, w) -> w.u16(m.classNumber).u32(m.doId).bytes(m.fieldBytes));

  /** Checks the ranges and copies the bytes. */
  public CreateObjectRequiredOther {
    Fields.u16("classNumber", classNumber);
    Fields.u32("doId", doId);
    fieldBytes = Fields.copy("fieldBytes", fieldBytes);
  }

  /**
   * Packs a generate with other fields.
   *
   * @param doId the object
   * @param dclass its class
   * @param values values for any fields of the class's 2003 table
   * @return the message
   * @throws IllegalArgumentException if a field is not in the class's table, is given twice, or
   *     a value does not fit its types
   */
  public static CreateObjectRequiredOther of(long doId, DcClass dclass,
      List<DcFieldValue> values) {
    Objects.requireNonNull(dclass, "dclass");
    DcBodies.index(values); // refuses duplicates
    Set<DcField> requiredSet = Set.copyOf(dclass.requiredBroadcastFields());
    List<DcFieldValue> required = new ArrayList<>();
    List<DcFieldValue> other = new ArrayList<>();
    for (DcFieldValue v : values) {
      (requiredSet.contains(v.field()) ? required : other).add(v);
    }
    DatagramWriter w = new DatagramWriter(128);
    DcBodies.writeRequired(dclass, DcRequiredSet.BROADCAST, required, w);
    DcBlocks.writeOther(dclass, DcNumbering.CLIENT_2003, w, other);
    return new CreateObjectRequiredOther(dclass.number(), doId, w.toByteArray());
  }

  /**
   * Reads every field back.
   *
   * @param dclass the class with the message's class number
   * @return the required-broadcast fields in wire order, then the other fields in wire order
   * @throws IllegalArgumentException if the class's number is not the message's
   * @throws org.openttserver.api.datagram.DatagramFormatException if the bytes do not hold
   *     exactly a required block and an OTHER block of the class
   */
  public List<DcFieldValue> fields(DcClass dclass) {
    DcBodies.checkClass(dclass, classNumber);
    List<List<DcFieldValue>> parts = DcBodies.readRequiredOther(dclass, fieldBytes);
    return DcBodies.concat(parts.get(0), parts.get(1));
  }

  /**
   * Reads only the OTHER block's fields.
   *
   * @param dclass the class with the message's class number
   * @return the other fields in wire order
   * @throws IllegalArgumentException if the class's number is not the message's
   * @throws org.openttserver.api.datagram.DatagramFormatException as {@link #fields(DcClass)}
   */
  public List<DcFieldValue> otherFields(DcClass dclass) {
    DcBodies.checkClass(dclass, classNumber);
    return DcBodies.readRequiredOther(dclass, fieldBytes).get(1);
  }

  /** {@return a copy of the field bytes} */
  @Override
  public byte[] fieldBytes() {
    return fieldBytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CreateObjectRequiredOther o && classNumber == o.classNumber
        && doId == o.doId && Fields.same(fieldBytes, o.fieldBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classNumber, doId, Fields.hash(fieldBytes));
  }

  @Override
  public String toString() {
    return "CreateObjectRequiredOther[classNumber=" + classNumber + ", doId=" + doId
        + ", fieldBytes=" + Fields.hex(fieldBytes) + "]";
  }
}
