package org.openttserver.api.protocol;

import java.util.List;
import java.util.Objects;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcRequiredSet;
import org.openttserver.api.msg.ClientMsg;

/**
 * CLIENT_CREATE_OBJECT_REQUIRED (34), S→C: generates a distributed object in the client's view
 * (protocol-2003.md §2.10, §4.2). No parent or zone is sent.
 *
 * <p>Layout: u16 classNumber, u32 doId, then every atomic field of the class that is both
 * required and broadcast, inherited first in 2003 field-number order, packed back to back ({@link
 * #requiredBytes()}). Build it with {@link #of} and read it with {@link #fields(DcClass)}.
 *
 * <pre>{@code
 * DcClass tm = dc.dclass("TimeManager");
 * session.send(CreateObjectRequired.of(timeManagerId, tm, List.of()));   // DC defaults
 * }</pre>
 *
 * @param classNumber the class's number in the DC file
 * @param doId the object
 * @param requiredBytes the packed required-broadcast fields
 * @since 0.2
 */
public record CreateObjectRequired(int classNumber, long doId, byte[] requiredBytes)
    implements ClientBound {
  /**
   * The codec: CREATE_OBJECT_REQUIRED ({@value ClientMsg#CREATE_OBJECT_REQUIRED}). Every byte
   * after the doId is field bytes.
   */
  public static final MessageCodec<CreateObjectRequired> CODEC = MessageCodec.of(
      ClientMsg.CREATE_OBJECT_REQUIRED, CreateObjectRequired.class,
      r -> new CreateObjectRequired(r.readU16(), r.readU32(), r.readRemaining()),
      (m, w) -> w.u16(m.classNumber).u32(m.doId).bytes(m.requiredBytes));

  /** Checks the ranges and copies the bytes. */
  public CreateObjectRequired {
    Fields.u16("classNumber", classNumber);
    Fields.u32("doId", doId);
    requiredBytes = Fields.copy("requiredBytes", requiredBytes);
  }

  /**
   * Packs a generate.
   *
   * @param doId the object
   * @param dclass its class
   * @param values values for required-broadcast fields, in any order; a field missing from the
   *     list is sent with its DC default
   * @return the message
   * @throws IllegalArgumentException if a value is for a field that is not required and
   *     broadcast in the class, is given twice, or does not fit its types
   */
  public static CreateObjectRequired of(long doId, DcClass dclass, List<DcFieldValue> values) {
    Objects.requireNonNull(dclass, "dclass");
    DatagramWriter w = new DatagramWriter(128);
    DcBodies.writeRequired(dclass, DcRequiredSet.BROADCAST, values, w);
    return new CreateObjectRequired(dclass.number(), doId, w.toByteArray());
  }

  /**
   * Reads the fields back.
   *
   * @param dclass the class with the message's class number
   * @return one value per required-broadcast field, in wire order
   * @throws IllegalArgumentException if the class's number is not the message's
   * @throws org.openttserver.api.datagram.DatagramFormatException if the bytes do not hold
   *     exactly those fields
   */
  public List<DcFieldValue> fields(DcClass dclass) {
    DcBodies.checkClass(dclass, classNumber);
    return DcBodies.readRequired(dclass, DcRequiredSet.BROADCAST, requiredBytes);
  }

  /** {@return a copy of the packed fields} */
  @Override
  public byte[] requiredBytes() {
    return requiredBytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CreateObjectRequired o && classNumber == o.classNumber
        && doId == o.doId && Fields.same(requiredBytes, o.requiredBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classNumber, doId, Fields.hash(requiredBytes));
  }

  @Override
  public String toString() {
    return "CreateObjectRequired[classNumber=" + classNumber + ", doId=" + doId
        + ", requiredBytes=" + Fields.hex(requiredBytes) + "]";
  }
}
