package org.openttserver.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openttserver.api.datagram.DatagramFormatException;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;

/** The DC-dependent bodies (15, 24, 34, 35): factories from values, decoders by class. */
class DcBodiesTest {
  private static final DcClass AV = TestDc.AV;
  private static final DcClass OBJ = TestDc.FILE.dclass("Obj");

  private static DcFieldValue v(String field, Object... values) {
    return new DcFieldValue(AV.field(field), Arrays.asList(values));
  }

  private static List<String> names(List<DcFieldValue> values) {
    return values.stream().map(x -> x.field().name()).toList();
  }

  @Test
  void details_packEveryRequiredField_withDefaultsForTheMissing_inDcOrder() {
    GetAvatarDetailsResp r = GetAvatarDetailsResp.of(9, AV, List.of(v("setHp", 15L)));
    // setName = "Toon" (its default), then setHp = 15
    assertThat(HexFormat.of().formatHex(r.fieldBytes())).isEqualTo("0400546f6f6e" + "0f00");
    List<DcFieldValue> back = r.fields(AV);
    assertThat(names(back)).containsExactly("setName", "setHp");
    assertThat(back.get(0).values()).containsExactly("Toon");
    assertThat(back.get(1).values()).containsExactly(15L);
  }

  @Test
  void details_refuseFieldsThatAreNotRequired_orGivenTwice_orOfTheWrongType() {
    assertThatThrownBy(() -> GetAvatarDetailsResp.of(9, AV, List.of(v("setChat", "hi"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setChat");
    assertThatThrownBy(() -> GetAvatarDetailsResp.of(9, AV, List.of(v("setHp", 1L),
        v("setHp", 2L)))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GetAvatarDetailsResp.of(9, AV, List.of(v("setHp", "many"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void details_whenBytesAreShortOrLong_thenFormatException() {
    byte[] ok = GetAvatarDetailsResp.of(9, AV, List.of()).fieldBytes();
    GetAvatarDetailsResp shortOne = new GetAvatarDetailsResp(9, 0,
        Arrays.copyOf(ok, ok.length - 1));
    GetAvatarDetailsResp longOne = new GetAvatarDetailsResp(9, 0,
        Arrays.copyOf(ok, ok.length + 1));
    assertThatThrownBy(() -> shortOne.fields(AV)).isInstanceOf(DatagramFormatException.class);
    assertThatThrownBy(() -> longOne.fields(AV)).isInstanceOf(DatagramFormatException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void generate_packsOnlyRequiredBroadcastFields_andChecksTheClassNumber() {
    CreateObjectRequired g = CreateObjectRequired.of(4000, AV, List.of(v("setName", "Flip")));
    assertThat(g.classNumber()).isEqualTo(AV.number());
    assertThat(HexFormat.of().formatHex(g.requiredBytes())).isEqualTo("0400466c6970");
    assertThat(g.fields(AV)).containsExactly(v("setName", "Flip"));
    assertThatThrownBy(() -> CreateObjectRequired.of(4000, AV, List.of(v("setHp", 1L))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broadcast");
    assertThatThrownBy(() -> g.fields(OBJ)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generateOther_splitsRequiredAndOtherFields_keepingTheOrderOfTheOthers() {
    CreateObjectRequiredOther g = CreateObjectRequiredOther.of(4001, AV, List.of(
        v("setChat", "hi"), v("setName", "Flip"), v("setPos", 1.5, -2.0)));
    int chat = AV.field("setChat").number2003();
    int pos = AV.field("setPos").number2003();
    assertThat(HexFormat.of().formatHex(g.fieldBytes())).isEqualTo("0400466c6970" + "0200"
        + String.format("%02x00", chat) + "02006869"
        + String.format("%02x00", pos) + "0f00" + "ecff");
    List<DcFieldValue> all = g.fields(AV);
    assertThat(names(all)).containsExactly("setName", "setChat", "setPos");
    assertThat(all.get(2).values()).containsExactly(1.5, -2.0);
    assertThat(names(g.otherFields(AV))).containsExactly("setChat", "setPos");
    assertThat(CreateObjectRequiredOther.of(1, AV, List.of()).otherFields(AV)).isEmpty();
  }

  @Test
  void generateOther_whenOtherBlockIsCutOrHasAnUnknownField_thenFormatException() {
    byte[] ok = CreateObjectRequiredOther.of(1, AV, List.of(v("setChat", "hi"))).fieldBytes();
    CreateObjectRequiredOther cut = new CreateObjectRequiredOther(AV.number(), 1,
        Arrays.copyOf(ok, ok.length - 2));
    assertThatThrownBy(() -> cut.fields(AV)).isInstanceOf(DatagramFormatException.class);
    byte[] unknown = HexFormat.of().parseHex("0400546f6f6e" + "0100" + "6300");
    CreateObjectRequiredOther bad = new CreateObjectRequiredOther(AV.number(), 1, unknown);
    assertThatThrownBy(() -> bad.fields(AV)).isInstanceOf(DatagramFormatException.class)
        .hasMessageContaining("99");
  }

  @Test
  void update_byNameOrValue_packsTheArguments_andReadsThemBack() {
    ObjectUpdateField u = ObjectUpdateField.of(1000, AV, "setPos", 0.5, 3);
    assertThat(u.fieldNumber()).isEqualTo(AV.field("setPos").number2003());
    assertThat(HexFormat.of().formatHex(u.args())).isEqualTo("0500" + "1e00");
    assertThat(u.value(AV)).isEqualTo(v("setPos", 0.5, 3.0));
    assertThat(u.fields(AV)).containsExactly(v("setPos", 0.5, 3.0));
    assertThat(ObjectUpdateField.of(1000, AV, v("setPos", 0.5, 3.0))).isEqualTo(u);
  }

  @Test
  void update_whenFieldUnknownOrArgsWrong_thenRefused() {
    assertThatThrownBy(() -> ObjectUpdateField.of(1, AV, "noSuchField"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ObjectUpdateField.of(1, OBJ, v("setPos", 1, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectUpdateField(1, 99, new byte[0]).value(AV))
        .isInstanceOf(DatagramFormatException.class);
    assertThatThrownBy(() -> new ObjectUpdateField(1, AV.field("setPos").number2003(),
        new byte[3]).value(AV)).isInstanceOf(DatagramFormatException.class);
  }
}
