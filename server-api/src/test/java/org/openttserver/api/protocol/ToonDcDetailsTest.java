package org.openttserver.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcField;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.openttserver.api.msg.ClientMsg;

/**
 * GET_AVATAR_DETAILS_RESP for the real DistributedToon of the user's toon.dc, from its DC
 * defaults; skipped when ../shared/reference/toon.dc is absent (it is never in the repository).
 */
class ToonDcDetailsTest {
  static DcClass toon;

  @BeforeAll
  static void load() throws Exception {
    Path p = TestDc.referenceToonDc();
    assumeTrue(p != null, "shared/reference/toon.dc not present");
    toon = DcParser.parse(DcSource.read(p, DcDialect.DC_2003)).dclass("DistributedToon");
  }

  private static byte[] pack(DcField f, List<?> values) {
    DatagramWriter w = new DatagramWriter();
    f.pack(w, values);
    return w.toByteArray();
  }

  @Test
  void detailsFromDefaults_decodeFieldByField_inDcOrder() {
    GetAvatarDetailsResp sent = GetAvatarDetailsResp.of(100000001L, toon, List.of(
        new DcFieldValue(toon.field("setName"), List.of("Flippy"))));
    byte[] body = Protocol2003.encode(sent);
    DatagramReader in = new DatagramReader(body);
    assertThat(in.readU16()).isEqualTo(ClientMsg.GET_AVATAR_DETAILS_RESP);
    GetAvatarDetailsResp got = (GetAvatarDetailsResp) Protocol2003
        .clientBound(ClientMsg.GET_AVATAR_DETAILS_RESP).orElseThrow().readAll(in);
    assertThat(got).isEqualTo(sent);
    assertThat(got.returnCode()).isZero();

    List<DcField> required = toon.requiredFields();
    assertThat(required).isNotEmpty().extracting(DcField::name).contains("setName", "setDNAString");
    List<DcFieldValue> fields = got.fields(toon);
    assertThat(fields).extracting(DcFieldValue::field).containsExactlyElementsOf(required);

    // Field by field, by hand: each required field's bytes in turn, to the last byte.
    DatagramReader r = new DatagramReader(got.fieldBytes());
    int last = -1;
    for (int i = 0; i < required.size(); i++) {
      DcField f = required.get(i);
      assertThat(f.number2003()).as("DC order").isGreaterThan(last);
      last = f.number2003();
      List<?> expected = f.name().equals("setName") ? List.of("Flippy") : f.defaultValues();
      byte[] expectedBytes = pack(f, expected);
      assertThat(r.readBytes(expectedBytes.length)).as(f.name()).containsExactly(expectedBytes);
      assertThat(pack(f, fields.get(i).values())).as(f.name()).containsExactly(expectedBytes);
    }
    assertThat(r.remaining()).isZero();
    assertThat(fields.get(required.indexOf(toon.field("setName"))).values())
        .containsExactly("Flippy");
  }
}
