package org.openttserver.runtime.clientagent;

import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.msg.ClientMsg;

/**
 * Builds 2003 generates from the state server's entries. The required block passes through
 * unchanged: Astron sends the broadcast required fields in global-id order, which along a
 * first-parent chain is the 2003 client's inherited order. The OTHER block's global field ids are
 * rewritten to the class's 2003 numbers; a field the client's class does not know is left out.
 */
final class Generates {
  private Generates() {}

  /**
   * Builds 34 (or 35 with an OTHER block).
   *
   * @param dc the DC file
   * @param dclass the object's class
   * @param doId the object
   * @param in positioned at the required block
   * @param withOther whether an OTHER block follows the required block
   * @return the raw 2003 message
   */
  static byte[] generate(DcFile dc, DcClass dclass, long doId, DatagramReader in,
      boolean withOther) {
    int reqStart = in.position();
    for (DcField f : dclass.requiredBroadcastFields()) {
      f.skip(in);
    }
    int reqEnd = in.position();
    DatagramWriter w = new DatagramWriter(16 + in.remaining() + (reqEnd - reqStart));
    w.u16(withOther ? ClientMsg.CREATE_OBJECT_REQUIRED_OTHER : ClientMsg.CREATE_OBJECT_REQUIRED)
        .u16(dclass.number()).doId(doId).bytes(in.array(), reqStart, reqEnd - reqStart);
    if (withOther) {
      int countAt = w.size();
      w.u16(0);
      int n = in.readU16();
      int kept = 0;
      for (int i = 0; i < n; i++) {
        DcField f = dc.fieldByGlobalId(in.readU16());
        if (f == null) {
          throw new org.openttserver.api.dc.DcValueException(
              org.openttserver.api.dc.DcValueException.Kind.CONSTRAINT, "unknown field id in OTHER");
        }
        int start = in.position();
        f.skip(in);
        int number = dc.to2003Number(dclass, f.globalId());
        if (number >= 0) {
          w.u16(number).bytes(in.array(), start, in.position() - start);
          kept++;
        }
      }
      w.setU16(countAt, kept);
    }
    return w.toByteArray();
  }
}
