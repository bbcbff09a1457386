package org.openttserver.runtime.clientagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcBlocks;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcRequiredSet;
import org.openttserver.api.msg.ClientMsg;

/** 34/35 built from state-server entries: required block as is, OTHER ids to 2003 numbers. */
class GeneratesTest {
  private final DcFile dc = EmbeddedAgent.dc();

  /** {@return the required-broadcast block of a class's default values} */
  static byte[] required(DcClass c) {
    DatagramWriter w = new DatagramWriter();
    DcBlocks.writeRequired(c, DcRequiredSet.BROADCAST, w, Map.of());
    return w.toByteArray();
  }

  @Test
  void generate_whenNoOther_thenRequired34WithClassNumberAndBlockUnchanged() {
    DcClass toon = dc.dclass("DistributedToon");
    byte[] req = required(toon);
    byte[] trailing = {9, 9};
    DatagramReader in = new DatagramReader(new DatagramWriter().bytes(req).bytes(trailing)
        .toByteArray());
    byte[] out = Generates.generate(dc, toon, 100_000_001L, in, false);
    byte[] expected = new DatagramWriter().u16(ClientMsg.CREATE_OBJECT_REQUIRED)
        .u16(toon.number()).doId(100_000_001L).bytes(req).toByteArray();
    assertThat(out).isEqualTo(expected);
    assertThat(in.remaining()).isEqualTo(2);
  }

  @Test
  void generate_whenOther_thenGlobalIdsRewrittenTo2003Numbers() {
    DcClass toon = dc.dclass("DistributedToon");
    DcField anim = toon.field("setAnimState");
    DcField x = toon.field("setX");
    assertThat(anim.globalId()).isNotEqualTo(anim.number2003());
    byte[] req = required(toon);
    DatagramWriter animValue = new DatagramWriter();
    anim.pack(animValue, List.of("Happy".getBytes(), 1.0, 7));
    DatagramReader in = new DatagramReader(new DatagramWriter().bytes(req).u16(2)
        .u16(anim.globalId()).bytes(animValue.toByteArray()).u16(x.globalId()).i16(55)
        .toByteArray());
    byte[] out = Generates.generate(dc, toon, 5, in, true);
    byte[] expected = new DatagramWriter().u16(ClientMsg.CREATE_OBJECT_REQUIRED_OTHER)
        .u16(toon.number()).doId(5).bytes(req).u16(2).u16(anim.number2003())
        .bytes(animValue.toByteArray()).u16(x.number2003()).i16(55).toByteArray();
    assertThat(out).isEqualTo(expected);
  }

  @Test
  void generate_whenOtherFieldNotInClass_thenLeftOutAndCountAdjusted() {
    DcClass news = dc.dclass("NewsManager");
    assertThat(news.requiredBroadcastFields()).isEmpty();
    DcField population = news.field("setPopulation");
    DcField foreign = dc.dclass("DistributedToon").field("setHp");
    DatagramReader in = new DatagramReader(new DatagramWriter().u16(2)
        .u16(foreign.globalId()).i16(15).u16(population.globalId()).u32(42).toByteArray());
    byte[] out = Generates.generate(dc, news, 77, in, true);
    byte[] expected = new DatagramWriter().u16(ClientMsg.CREATE_OBJECT_REQUIRED_OTHER)
        .u16(news.number()).doId(77).u16(1).u16(population.number2003()).u32(42).toByteArray();
    assertThat(out).isEqualTo(expected);
  }
}
