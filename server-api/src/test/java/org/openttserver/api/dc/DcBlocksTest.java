package org.openttserver.api.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramReader;
import org.openttserver.api.datagram.DatagramWriter;

class DcBlocksTest {
  private static final String FILE = "dclass Obj { };\n"
      + "dclass Av : Obj { setName(string = \"Toon\") required broadcast ram db;"
      + " setHp(int16) required ram db; setPos(int16 / 10, int16 / 10) broadcast ram; };\n";

  private static DcClass av() throws Exception {
    return DcTestFiles.parse2003(FILE).dclass("Av");
  }

  @Test
  void requiredBlock_usesDefaultsForMissingFields_andReadsBack() throws Exception {
    DcClass av = av();
    DatagramWriter w = new DatagramWriter();
    DcBlocks.writeRequired(av, DcRequiredSet.ALL, w, Map.of("setHp", List.of(15L)));
    byte[] bytes = w.toByteArray();
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("0400546f6f6e" + "0f00");
    List<DcFieldValue> read = DcBlocks.readRequired(av, DcRequiredSet.ALL, new DatagramReader(bytes));
    assertThat(read).extracting(v -> v.field().name()).containsExactly("setName", "setHp");
    assertThat(read.get(1).values()).containsExactly(15L);
    List<DcFieldValue> bcast =
        DcBlocks.readRequired(av, DcRequiredSet.BROADCAST, new DatagramReader(bytes));
    assertThat(bcast).hasSize(1);
  }

  @Test
  void otherBlock_roundTripsInBothNumberings() throws Exception {
    DcClass av = av();
    List<DcFieldValue> values = List.of(new DcFieldValue(av.field("setPos"), List.of(1.5, -2.0)));
    for (DcNumbering n : DcNumbering.values()) {
      DatagramWriter w = new DatagramWriter();
      DcBlocks.writeOther(av, n, w, values);
      DatagramReader r = new DatagramReader(w.toByteArray());
      assertThat(DcBlocks.readOther(av, n, r)).usingRecursiveComparison().isEqualTo(values);
      DcBlocks.requireEnd(r);
    }
  }

  @Test
  void update_usesThe2003NumberOrTheGlobalId() throws Exception {
    DcClass av = av();
    DatagramWriter w = new DatagramWriter();
    DcBlocks.writeUpdate(av, DcNumbering.CLIENT_2003, w, av.field("setHp"), List.of(-1L));
    assertThat(HexFormat.of().formatHex(w.toByteArray())).isEqualTo("0100ffff");
    DcFieldValue v = DcBlocks.readUpdate(av, DcNumbering.CLIENT_2003, new DatagramReader(w.toByteArray()));
    assertThat(v.field().name()).isEqualTo("setHp");
  }

  @Test
  void unknownFieldId_isAConstraint() throws Exception {
    DcClass av = av();
    assertThatThrownBy(() -> DcBlocks.readUpdate(av, DcNumbering.CLIENT_2003,
            new DatagramReader(HexFormat.of().parseHex("0300"))))
        .isInstanceOfSatisfying(DcValueException.class,
            e -> assertThat(e.kind()).isEqualTo(DcValueException.Kind.CONSTRAINT));
  }
}
