package org.openttserver.plugins.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToonDnaTest {
  /** 't' and 14 bytes: head torso legs gender top topCol sleeve sleeveCol bot botCol arm glove leg head. */
  static byte[] dna(int... b) {
    byte[] out = new byte[15];
    out[0] = 't';
    for (int i = 0; i < 14; i++) {
      out[i + 1] = (byte) b[i];
    }
    return out;
  }

  static final byte[] BOY = dna(0, 0, 0, 1, 0, 3, 0, 3, 0, 0, 3, 0, 3, 14);
  static final byte[] GIRL_DRESS = dna(4, 3, 1, 0, 0, 1, 0, 1, 0, 21, 1, 0, 6, 24);
  static final byte[] GIRL_SHORTS = dna(21, 1, 2, 0, 22, 26, 0, 26, 9, 27, 24, 0, 21, 1);

  @Test
  void makeAToonChoices_areAccepted_inBothModes() {
    for (byte[] d : new byte[][] {BOY, GIRL_DRESS, GIRL_SHORTS}) {
      assertThat(ToonDna.problem(d, true)).isEmpty();
      assertThat(ToonDna.problem(d, false)).isEmpty();
    }
  }

  @Test
  void everyBoyBodyColourAndEveryBoyShirtColour_accepted_othersRefused() {
    BitSet boyColours = ToonDna.bits("2-10,12-22");
    for (int c = 0; c < 256; c++) {
      byte[] d = BOY.clone();
      d[ToonDna.HEAD_COLOR] = (byte) c;
      assertThat(ToonDna.problem(d, true).isEmpty()).as("colour %d", c)
          .isEqualTo(boyColours.get(c));
      assertThat(ToonDna.problem(d, false).isEmpty()).as("lenient colour %d", c)
          .isEqualTo(c < 25); // NumToColor has 25 names (0-24)
    }
  }

  @Test
  void lenient_armAndLegColour25_accepted_headColour25_refused() {
    byte[] d = BOY.clone();
    d[ToonDna.ARM_COLOR] = 25;
    d[ToonDna.LEG_COLOR] = 25;
    assertThat(ToonDna.problem(d, false)).isEmpty();
    d[ToonDna.HEAD_COLOR] = 25;
    assertThat(ToonDna.problem(d, false)).hasValueSatisfying(p -> assertThat(p)
        .contains("head colour"));
  }

  @ParameterizedTest
  @CsvSource({
      "0, 116, true", "0, 115, false", // type byte
      "1, 21, true", "1, 22, false", // head
      "3, 2, true", "3, 3, false", // legs
      "4, 2, false", // gender
      "2, 2, true", "2, 3, false", // boy torso: shorts only
      "12, 1, false", // gloves are white in Make-A-Toon
      "8, 4, false", // sleeve colour must match the shirt colour
      "9, 4, false", "9, 5, true", "9, 7, true", // boy bottoms bbs1-4,6,8 = 0-3,5,7
      "10, 3, false", "10, 27, false", // bbs1 colours
  })
  void boyBytes_strict(int index, int value, boolean ok) {
    byte[] d = BOY.clone();
    d[index] = (byte) value;
    assertThat(ToonDna.problem(d, true).isEmpty()).isEqualTo(ok);
  }

  @Test
  void girlTorsoMustMatchBottom_skirtWithDress_shortsWithShorts() {
    byte[] d = GIRL_DRESS.clone();
    d[ToonDna.TORSO] = 0; // shorts torso with a skirt
    assertThat(ToonDna.problem(d, true)).get().asString().contains("does not go with");
    byte[] s = GIRL_SHORTS.clone();
    s[ToonDna.TORSO] = 4; // dress torso with shorts
    assertThat(ToonDna.problem(s, true)).isPresent();
    assertThat(ToonDna.problem(s, false)).isEmpty();
    byte[] tooBig = GIRL_DRESS.clone();
    tooBig[ToonDna.TORSO] = 6; // the "naked" Make-A-Toon torsos are never stored
    assertThat(ToonDna.problem(tooBig, false)).isPresent();
  }

  @Test
  void wrongLength_refused() {
    assertThat(ToonDna.problem(new byte[14], false)).isPresent();
    assertThat(ToonDna.problem(new byte[16], false)).isPresent();
    assertThat(ToonDna.problem(new byte[0], true)).isPresent();
  }

  @Test
  void temporaryName_isColourAndAnimal() {
    assertThat(ToonDna.temporaryName(BOY)).isEqualTo("Sea Green Dog");
    assertThat(ToonDna.temporaryName(GIRL_DRESS)).isEqualTo("Pink Cat");
    assertThat(ToonDna.temporaryName(GIRL_SHORTS)).isEqualTo("Peach Duck");
    byte[] d = BOY.clone();
    for (int[] headAnimal : new int[][] {{3, 0}, {7, 1}, {11, 2}, {13, 3}, {17, 4}, {18, 5}}) {
      d[ToonDna.HEAD] = (byte) headAnimal[0];
      assertThat(ToonDna.temporaryName(d)).endsWith(
          new String[] {"Dog", "Cat", "Horse", "Mouse", "Rabbit", "Duck"}[headAnimal[1]]);
    }
    d[ToonDna.HEAD_COLOR] = 25; // a lenient colour without a name
    assertThat(ToonDna.temporaryName(d)).isEqualTo("Duck");
  }
}
