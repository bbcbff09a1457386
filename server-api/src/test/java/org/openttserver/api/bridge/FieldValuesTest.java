package org.openttserver.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;

class FieldValuesTest {
  private static final DcFile DC = parse("""
      dclass Base {
        setName(string name) required db;
        setPos(int16/10 x, int16/10 y, int16/10 z) broadcast ram;
      };
      dclass Mixin {
        setColor(uint8 c) ram;
      };
      dclass Toon : Base, Mixin {
        setData(blob data) db;
        setList(uint32array ids) db;
        setCount(uint16 n) required;
        setName(string name) required db broadcast;
      };
      dclass Other {
        setName(string name) required;
      };
      """);
  private static final DcClass TOON = DC.dclass("Toon");

  private static DcFile parse(String text) {
    try {
      return DcParser.parse(new DcSource("test.dc", text, DcDialect.EXTENDED));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void builder_whenValuesFit_thenReadBackNormalizedInDcOrder() {
    FieldValues v = FieldValues.builder(TOON).set("setCount", 7).set("setName", "Flippy")
        .set("setPos", 1.234, -2, 3.0).set("setColor", 5).set("setList", List.of(1, 2))
        .set("setData", new byte[] {1, 2}).build();

    assertThat(v.names()).containsExactly("setPos", "setColor", "setData", "setList",
        "setCount", "setName");
    assertThat(v.string("setName")).isEqualTo("Flippy");
    assertThat(v.integer("setCount")).isEqualTo(7L);
    assertThat(v.get("setCount")).containsExactly(7L);
    assertThat(v.get("setPos")).containsExactly(1.2, -2.0, 3.0);
    assertThat(v.get("setList")).containsExactly(List.of(1L, 2L));
    assertThat(v.bytes("setData")).containsExactly(1, 2);
    assertThat(v.number("setCount")).isEqualTo(7.0);
    assertThat(v.size()).isEqualTo(6);
    assertThat(v.asList()).extracting(DcFieldValue::field).extracting(f -> f.name())
        .containsExactlyElementsOf(v.names());
  }

  @Test
  void builder_whenFieldOfSecondParentOrRedeclared_thenTheClusterViewIsUsed() {
    FieldValues v = FieldValues.builder(TOON).set("setColor", 1).set("setName", "x").build();

    assertThat(v.fields()).extracting(f -> f.owner().name()).containsExactly("Mixin", "Toon");
  }

  @Test
  void builder_whenValueWrong_thenIllegalArgumentAtTheCall() {
    FieldValues.Builder b = FieldValues.builder(TOON);

    assertThatThrownBy(() -> b.set("setCount", 70_000)).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("setCount");
    assertThatThrownBy(() -> b.set("setCount", "seven")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> b.set("setCount", 1, 2)).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("1 value");
    assertThatThrownBy(() -> b.set("setPos", 1.0, 2.0)).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> b.set("setCount", (Object) null)).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> b.set("setNope", 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setNope");
    assertThatThrownBy(() -> b.set(DC.dclass("Other").field("setName"), List.of("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a field of Toon");
    assertThat(b.build().isEmpty()).as("failed sets leave nothing behind").isTrue();
  }

  @Test
  void accessors_whenWrongKindOrUnset_thenTheyRefuse() {
    FieldValues v = FieldValues.builder(TOON).set("setName", "x").set("setPos", 1, 2, 3).build();

    assertThatThrownBy(() -> v.integer("setName")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.string("setPos")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> v.get("setCount")).isInstanceOf(NoSuchElementException.class);
    assertThat(v.find("setCount")).isEmpty();
    assertThat(v.find("setName")).contains(List.of("x"));
    assertThat(v.contains("setCount")).isFalse();
  }

  @Test
  void values_whenBlobReadOrListChanged_thenTheStoredValueStays() {
    byte[] data = {9};
    FieldValues v = FieldValues.builder(TOON).set("setData", data).build();

    data[0] = 1;
    v.bytes("setData")[0] = 2;
    ((byte[]) v.get("setData").get(0))[0] = 3;

    assertThat(v.bytes("setData")).containsExactly(9);
    assertThatThrownBy(() -> v.get("setData").add(1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void with_whenSameClass_thenOtherWinsAndOtherClassRefused() {
    FieldValues a = FieldValues.builder(TOON).set("setName", "a").set("setCount", 1).build();
    FieldValues b = FieldValues.builder(TOON).set("setName", "b").build();

    FieldValues c = a.with(b);

    assertThat(c.string("setName")).isEqualTo("b");
    assertThat(c.integer("setCount")).isEqualTo(1);
    assertThat(a.string("setName")).isEqualTo("a");
    assertThat(c.without("setCount")).isEqualTo(b);
    assertThatThrownBy(() -> a.with(FieldValues.empty(DC.dclass("Other"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equals_whenSameValuesBuiltDifferently_thenEqual() {
    FieldValues a = FieldValues.builder(TOON).set("setCount", 1).set("setName", "n").build();
    FieldValues b = FieldValues.of(TOON, new DcFieldValue(TOON.field("setName"), List.of("n")),
        new DcFieldValue(TOON.field("setCount"), List.of(1L)));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.with(FieldValues.builder(TOON).set("setCount", 2).build()));
    assertThat(a.toString()).isEqualTo("Toon{setCount=1, setName=\"n\"}");
  }
}
