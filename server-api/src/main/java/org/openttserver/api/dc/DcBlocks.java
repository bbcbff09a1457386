package org.openttserver.api.dc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

/**
 * Reads and writes the field blocks of generates and updates.
 *
 * <ul>
 *   <li><b>required block</b>: the values of {@link DcClass#required(DcRequiredSet)}, back to
 *       back, with no ids;
 *   <li><b>OTHER block</b>: u16 count, then count × (u16 field id, value);
 *   <li><b>field update</b>: u16 field id, then the value.
 * </ul>
 *
 * <p>Field ids are 2003 per-class numbers or Astron global ids, as chosen by {@link
 * DcNumbering}. Readers throw only {@link DcValueException}; an id the class does not have is a
 * {@link DcValueException.Kind#CONSTRAINT}.
 *
 * @since 0.1
 */
public final class DcBlocks {
  private DcBlocks() {}

  /**
   * Reads a required block.
   *
   * @param dclass the object's class
   * @param set which required fields
   * @param reader the bytes
   * @return one entry per required field, in order
   */
  public static List<DcFieldValue> readRequired(DcClass dclass, DcRequiredSet set, DatagramReader reader) {
    List<DcField> fields = dclass.required(set);
    List<DcFieldValue> out = new ArrayList<>(fields.size());
    for (DcField f : fields) {
      out.add(new DcFieldValue(f, f.unpack(reader)));
    }
    return out;
  }

  /**
   * Checks and skips a required block.
   *
   * @param dclass the object's class
   * @param set which required fields
   * @param reader the bytes
   */
  public static void skipRequired(DcClass dclass, DcRequiredSet set, DatagramReader reader) {
    for (DcField f : dclass.required(set)) {
      f.skip(reader);
    }
  }

  /**
   * Writes a required block; a field missing from {@code values} gets its default value.
   *
   * @param dclass the object's class
   * @param set which required fields
   * @param writer where to write
   * @param values values by field name
   */
  public static void writeRequired(
      DcClass dclass, DcRequiredSet set, DatagramWriter writer, Map<String, ? extends List<?>> values) {
    for (DcField f : dclass.required(set)) {
      List<?> v = values.get(f.name());
      f.pack(writer, v != null ? v : f.defaultValues());
    }
  }

  /**
   * Reads an OTHER block.
   *
   * @param dclass the object's class
   * @param numbering how ids are numbered
   * @param reader the bytes
   * @return the fields and values, in wire order
   */
  public static List<DcFieldValue> readOther(DcClass dclass, DcNumbering numbering, DatagramReader reader) {
    DcCodec.need(reader, 2);
    int count = reader.readU16();
    List<DcFieldValue> out = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      out.add(readUpdate(dclass, numbering, reader));
    }
    return out;
  }

  /**
   * Writes an OTHER block.
   *
   * @param dclass the object's class
   * @param numbering how ids are numbered
   * @param writer where to write
   * @param values the fields and values, written in the order given
   */
  public static void writeOther(
      DcClass dclass, DcNumbering numbering, DatagramWriter writer, List<DcFieldValue> values) {
    writer.u16(values.size());
    for (DcFieldValue v : values) {
      writeUpdate(dclass, numbering, writer, v.field(), v.values());
    }
  }

  /**
   * Reads one field update (u16 id, value), leaving any following bytes unread.
   *
   * @param dclass the object's class
   * @param numbering how ids are numbered
   * @param reader the bytes
   * @return the field and value
   */
  public static DcFieldValue readUpdate(DcClass dclass, DcNumbering numbering, DatagramReader reader) {
    DcField f = readFieldId(dclass, numbering, reader);
    return new DcFieldValue(f, f.unpack(reader));
  }

  /**
   * Reads a u16 field id and resolves it in the class.
   *
   * @param dclass the object's class
   * @param numbering how ids are numbered
   * @param reader the bytes
   * @return the field
   */
  public static DcField readFieldId(DcClass dclass, DcNumbering numbering, DatagramReader reader) {
    DcCodec.need(reader, 2);
    int id = reader.readU16();
    DcField f = resolve(dclass, numbering, id);
    if (f == null) {
      throw new DcValueException(DcValueException.Kind.CONSTRAINT, "no field " + id + " in " + dclass.name());
    }
    return f;
  }

  private static DcField resolve(DcClass dclass, DcNumbering numbering, int id) {
    if (numbering == DcNumbering.CLIENT_2003) {
      return dclass.fieldBy2003Number(id);
    }
    for (DcField f : dclass.fieldTable()) {
      if (f.globalId() == id) {
        return f;
      }
    }
    return null;
  }

  /**
   * Writes one field update (u16 id, value).
   *
   * @param dclass the object's class (the field must be in its 2003 table)
   * @param numbering how ids are numbered
   * @param writer where to write
   * @param field the field
   * @param values the value
   */
  public static void writeUpdate(
      DcClass dclass, DcNumbering numbering, DatagramWriter writer, DcField field, List<?> values) {
    if (!dclass.has2003(field)) {
      throw new IllegalArgumentException(field + " is not a field of " + dclass.name());
    }
    writer.u16(numbering == DcNumbering.CLIENT_2003 ? field.number2003() : field.globalId());
    field.pack(writer, values);
  }

  /**
   * Fails unless every byte was read.
   *
   * @param reader the bytes
   * @throws DcValueException of kind {@link DcValueException.Kind#TRAILING_BYTES}
   */
  public static void requireEnd(DatagramReader reader) {
    if (reader.remaining() != 0) {
      throw new DcValueException(
          DcValueException.Kind.TRAILING_BYTES, reader.remaining() + " trailing byte(s)");
    }
  }
}
