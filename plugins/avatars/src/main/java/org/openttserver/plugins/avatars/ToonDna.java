package org.openttserver.plugins.avatars;

import java.util.BitSet;
import java.util.Map;
import java.util.Optional;

/**
 * The 15-byte toon DNA net string of CLIENT_CREATE_AVATAR (protocol-2003.md §6.2), checked byte
 * by byte. The 2003 client indexes its tables with these bytes without any check, so a bad value
 * crashes every client that builds the toon: nothing unchecked is ever stored.
 *
 * <p>Strict mode accepts exactly what Make-A-Toon can produce (the gender's body, colour and
 * clothing choices, the shirt and bottom styles of the Make-A-Toon collection, white gloves).
 * Lenient mode accepts any index inside the client's tables.
 */
final class ToonDna {
  /** The DNA length. */
  static final int LENGTH = 15;

  static final int TYPE = 0;
  static final int HEAD = 1;
  static final int TORSO = 2;
  static final int LEGS = 3;
  static final int GENDER = 4;
  static final int TOP_TEX = 5;
  static final int TOP_COLOR = 6;
  static final int SLEEVE_TEX = 7;
  static final int SLEEVE_COLOR = 8;
  static final int BOT_TEX = 9;
  static final int BOT_COLOR = 10;
  static final int ARM_COLOR = 11;
  static final int GLOVE_COLOR = 12;
  static final int LEG_COLOR = 13;
  static final int HEAD_COLOR = 14;

  // Table sizes of the 2003 client (head types, torso types, shirts, sleeves, bottoms, colours).
  private static final int HEADS = 22;
  private static final int SHIRTS = 23;
  private static final int SLEEVES = 14;
  private static final int BOY_BOTTOMS = 8;
  private static final int GIRL_BOTTOMS = 10;
  private static final int CLOTHES_COLORS = 28;
  private static final int BODY_COLORS = 26;

  private static final BitSet BOY_BODY_COLORS = bits("2-10,12-22");
  private static final BitSet GIRL_BODY_COLORS = bits("1-4,6-19,21-24");
  private static final BitSet GIRL_SKIRTS = bits("0-4,7,8");

  /** Make-A-Toon shirts: (topTex, sleeveTex) → allowed colour (top and sleeve colour agree). */
  private static final Map<Integer, BitSet> BOY_SHIRTS = Map.ofEntries(
      shirt(0, 0, "0-12,27"), shirt(1, 1, "0-12"), shirt(2, 2, "0-12"), shirt(3, 3, "0-12"),
      shirt(4, 4, "0-6,9-12"), shirt(5, 5, "0-12"), shirt(8, 8, "0-6,8,9,11,12,27"),
      shirt(9, 9, "0-12"), shirt(10, 0, "0-12,27"), shirt(14, 10, "0-12"),
      shirt(19, 13, "0-12,27"));
  private static final Map<Integer, BitSet> GIRL_SHIRTS = Map.ofEntries(
      shirt(0, 0, "0-9,11,12,21-27"), shirt(1, 1, "0-9,11,12,21-26"),
      shirt(2, 2, "0-9,11,12,21-26"), shirt(3, 3, "0-9,11,12,21-26"),
      shirt(5, 5, "0-9,11,12,21-26"), shirt(6, 6, "0-9,11,12,21-26"),
      shirt(9, 9, "0-9,11,12,21-26"), shirt(13, 11, "0-12,21-26"),
      shirt(15, 11, "0-12,21-26"), shirt(20, 0, "0-12,21-26"), shirt(22, 0, "0-12,21-26"));
  /** Make-A-Toon bottoms: botTex → allowed colour. */
  private static final Map<Integer, BitSet> BOY_BOTTOM_STYLES = Map.of(
      0, bits("0-2,4,6,9-20"), 1, bits("0-2,4,6,9-20"), 2, bits("0-2,4,6,9-20"),
      3, bits("0-2,4,6,8,9,11-13,15-20,27"), 5, bits("0-2,4,6,9-12,14-20,27"),
      7, bits("0-2,4,6,9-20,27"));
  private static final Map<Integer, BitSet> GIRL_BOTTOM_STYLES = Map.of(
      0, bits("0-9,11,12,21-27"), 2, bits("0-9,11,12,21-26"), 3, bits("0-9,11,12,21-26"),
      4, bits("0-9,11,12,21-26"), 8, bits("0-9,11,12,21-27"), 5, bits("0-9,11,12,21-27"),
      6, bits("0-9,11,12,21-27"), 9, bits("0-9,11,12,21-27"));

  /** The client's colour names by headColor index (the temporary name, §7.4). */
  private static final String[] COLOR_NAMES = {"White", "Peach", "Bright Red", "Red", "Maroon",
      "Sienna", "Brown", "Tan", "Coral", "Orange", "Yellow", "Cream", "Citrine", "Lime",
      "Sea Green", "Green", "Light Blue", "Aqua", "Blue", "Periwinkle", "Royal Blue",
      "Slate Blue", "Purple", "Lavender", "Pink"};

  private ToonDna() {}

  /**
   * Checks a DNA string.
   *
   * @param dna the bytes from the client
   * @param strict whether only Make-A-Toon's choices are accepted
   * @return why it is refused, or empty if it is acceptable
   */
  static Optional<String> problem(byte[] dna, boolean strict) {
    if (dna.length != LENGTH) {
      return Optional.of("DNA has " + dna.length + " bytes, not " + LENGTH);
    }
    int[] b = new int[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      b[i] = dna[i] & 0xFF;
    }
    if (b[TYPE] != 't') {
      return Optional.of("DNA type byte " + b[TYPE] + " is not 't'");
    }
    if (b[HEAD] >= HEADS) {
      return bad("head", b[HEAD]);
    }
    if (b[LEGS] > 2) {
      return bad("legs", b[LEGS]);
    }
    if (b[GENDER] > 1) {
      return bad("gender", b[GENDER]);
    }
    boolean boy = b[GENDER] == 1;
    if (b[TORSO] > (boy ? 2 : 5)) {
      return bad("torso", b[TORSO]);
    }
    return strict ? strictProblem(b, boy) : lenientProblem(b, boy);
  }

  private static Optional<String> lenientProblem(int[] b, boolean boy) {
    if (b[TOP_TEX] >= SHIRTS) {
      return bad("shirt texture", b[TOP_TEX]);
    }
    if (b[SLEEVE_TEX] >= SLEEVES) {
      return bad("sleeve texture", b[SLEEVE_TEX]);
    }
    if (b[BOT_TEX] >= (boy ? BOY_BOTTOMS : GIRL_BOTTOMS)) {
      return bad("bottom texture", b[BOT_TEX]);
    }
    for (int i : new int[] {TOP_COLOR, SLEEVE_COLOR, BOT_COLOR}) {
      if (b[i] >= CLOTHES_COLORS) {
        return bad("clothes colour", b[i]);
      }
    }
    for (int i : new int[] {ARM_COLOR, GLOVE_COLOR, LEG_COLOR, HEAD_COLOR}) {
      if (b[i] >= BODY_COLORS) {
        return bad("body colour", b[i]);
      }
    }
    // The client names an unnamed toon with Localizer.NumToColor[headColor] (§7.4), a list of
    // 25 names: colour 25 exists for arms and legs but would crash that look-up.
    if (b[HEAD_COLOR] >= COLOR_NAMES.length) {
      return bad("head colour (the client has no colour name for it)", b[HEAD_COLOR]);
    }
    return Optional.empty();
  }

  private static Optional<String> strictProblem(int[] b, boolean boy) {
    BitSet body = boy ? BOY_BODY_COLORS : GIRL_BODY_COLORS;
    for (int i : new int[] {ARM_COLOR, LEG_COLOR, HEAD_COLOR}) {
      if (!body.get(b[i])) {
        return bad((boy ? "boy" : "girl") + " body colour", b[i]);
      }
    }
    if (b[GLOVE_COLOR] != 0) {
      return bad("glove colour (Make-A-Toon gloves are white)", b[GLOVE_COLOR]);
    }
    BitSet shirtColors = (boy ? BOY_SHIRTS : GIRL_SHIRTS).get(b[TOP_TEX] << 8 | b[SLEEVE_TEX]);
    if (shirtColors == null) {
      return Optional.of("shirt " + b[TOP_TEX] + "/" + b[SLEEVE_TEX]
          + " is not a Make-A-Toon shirt for this gender");
    }
    if (b[TOP_COLOR] != b[SLEEVE_COLOR] || !shirtColors.get(b[TOP_COLOR])) {
      return Optional.of("shirt colours " + b[TOP_COLOR] + "/" + b[SLEEVE_COLOR]
          + " are not offered for that shirt");
    }
    BitSet bottomColors = (boy ? BOY_BOTTOM_STYLES : GIRL_BOTTOM_STYLES).get(b[BOT_TEX]);
    if (bottomColors == null) {
      return bad("Make-A-Toon bottom for this gender", b[BOT_TEX]);
    }
    if (!bottomColors.get(b[BOT_COLOR])) {
      return bad("colour for that bottom", b[BOT_COLOR]);
    }
    if (!boy && (b[TORSO] >= 3) != GIRL_SKIRTS.get(b[BOT_TEX])) {
      return Optional.of("torso " + b[TORSO] + " does not go with bottom " + b[BOT_TEX]
          + " (a dress torso needs a skirt, a shorts torso shorts)");
    }
    return Optional.empty();
  }

  /**
   * The temporary name the 2003 client shows for an unnamed toon: "Color Animal" from the head
   * colour and the species (protocol-2003.md §7.4).
   *
   * @param dna a valid DNA string
   * @return the name
   */
  static String temporaryName(byte[] dna) {
    int head = dna[HEAD] & 0xFF;
    String animal = head < 4 ? "Dog" : head < 8 ? "Cat" : head < 12 ? "Horse"
        : head < 14 ? "Mouse" : head < 18 ? "Rabbit" : "Duck";
    int color = dna[HEAD_COLOR] & 0xFF;
    return color < COLOR_NAMES.length ? COLOR_NAMES[color] + " " + animal : animal;
  }

  private static Optional<String> bad(String what, int value) {
    return Optional.of("invalid " + what + " " + value);
  }

  private static Map.Entry<Integer, BitSet> shirt(int top, int sleeve, String colors) {
    return Map.entry(top << 8 | sleeve, bits(colors));
  }

  /** A set of small numbers from "a-b,c,...". */
  static BitSet bits(String spec) {
    BitSet s = new BitSet();
    for (String part : spec.split(",")) {
      int dash = part.indexOf('-');
      if (dash < 0) {
        s.set(Integer.parseInt(part));
      } else {
        s.set(Integer.parseInt(part.substring(0, dash)),
            Integer.parseInt(part.substring(dash + 1)) + 1);
      }
    }
    return s;
  }
}
