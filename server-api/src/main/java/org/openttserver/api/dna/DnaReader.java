package org.openttserver.api.dna;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openttserver.api.dna.DnaFile.BattleCell;
import org.openttserver.api.dna.DnaFile.Landmark;
import org.openttserver.api.dna.DnaFile.Position;
import org.openttserver.api.dna.DnaFile.SuitEdge;
import org.openttserver.api.dna.DnaFile.SuitPoint;
import org.openttserver.api.dna.DnaFile.SuitPointType;
import org.openttserver.api.dna.DnaFile.VisGroup;

/**
 * Reads the text DNA format of the 2003 client's scene files, keeping what a server and an AI
 * need ({@link DnaFile}) and skipping geometry.
 *
 * <p>The format: {@code //} and {@code /* *}{@code /} comments; quoted strings without escapes;
 * numbers; {@code [ ] ,}; other runs of characters are words. Every element is {@code keyword
 * ["name"] [ children and values ]}. Unknown keywords (later clients' {@code anim_prop} and the
 * like) are read the same way and ignored, so any well-bracketed file is read. A file that is not
 * well-bracketed, or whose visgroups, suit points or landmarks cannot be understood, fails with
 * one {@link DnaParseException} naming the file and line.
 *
 * <pre>{@code
 * DnaFile street = DnaReader.read(Path.of("etc/toontown_central_2100.dna"));
 * }</pre>
 *
 * @since 0.2
 */
public final class DnaReader {
  private final String source;
  private final String text;
  private int pos;
  private int line = 1;
  private Token peeked;
  private Token peeked2;
  private int depth;
  /** The real files nest about ten deep; far deeper is a broken or hostile file. */
  static final int MAX_DEPTH = 500;

  private DnaReader(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /**
   * Reads a file (one character per byte, ISO-8859-1; the 2003 files are ASCII).
   *
   * @param file the file
   * @return what it holds
   * @throws IOException if it cannot be read
   * @throws DnaParseException if it is malformed
   */
  public static DnaFile read(Path file) throws IOException, DnaParseException {
    return parse(file.getFileName().toString(),
        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
  }

  /**
   * Reads a file's text.
   *
   * @param source a name for messages
   * @param text the text
   * @return what it holds
   * @throws DnaParseException if it is malformed
   */
  public static DnaFile parse(String source, String text) throws DnaParseException {
    DnaReader r = new DnaReader(source, text);
    Element root = new Element("", null, 1);
    r.block(root, true);
    Extractor x = new Extractor(source);
    x.walk(root, -1);
    return new DnaFile(source, x.visGroups, x.points, x.landmarks);
  }

  // ---- tokens ---------------------------------------------------------------------------

  private enum Kind { OPEN, CLOSE, COMMA, STRING, WORD, END }

  private record Token(Kind kind, String text, int line) {}

  private Token next() throws DnaParseException {
    if (peeked != null) {
      Token t = peeked;
      peeked = peeked2;
      peeked2 = null;
      return t;
    }
    return lex();
  }

  private Token peek() throws DnaParseException {
    if (peeked == null) {
      peeked = lex();
    }
    return peeked;
  }

  private Token peek2() throws DnaParseException {
    peek();
    if (peeked2 == null) {
      peeked2 = lex();
    }
    return peeked2;
  }

  private Token lex() throws DnaParseException {
    skipSpaceAndComments();
    if (pos >= text.length()) {
      return new Token(Kind.END, "", line);
    }
    char c = text.charAt(pos);
    int at = line;
    switch (c) {
      case '[':
        pos++;
        return new Token(Kind.OPEN, "[", at);
      case ']':
        pos++;
        return new Token(Kind.CLOSE, "]", at);
      case ',':
        pos++;
        return new Token(Kind.COMMA, ",", at);
      case '"': {
        int end = text.indexOf('"', pos + 1);
        if (end < 0) {
          throw new DnaParseException(source, at, "unterminated string");
        }
        String s = text.substring(pos + 1, end);
        line += count(s, '\n');
        pos = end + 1;
        return new Token(Kind.STRING, s, at);
      }
      default: {
        int start = pos;
        while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
          pos++;
        }
        return new Token(Kind.WORD, text.substring(start, pos), at);
      }
    }
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == '[' || c == ']' || c == ',' || c == '"';
  }

  private void skipSpaceAndComments() throws DnaParseException {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (text.startsWith("//", pos)) {
        int end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length() : end;
      } else if (text.startsWith("/*", pos)) {
        int end = text.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new DnaParseException(source, line, "unterminated /* comment");
        }
        line += count(text.substring(pos, end), '\n');
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  // ---- elements -------------------------------------------------------------------------

  /** One {@code keyword ["name"] [ ... ]}: its plain values and its child elements. */
  private static final class Element {
    final String keyword;
    final String name;
    final int line;
    final List<Token> values = new ArrayList<>();
    final List<Element> children = new ArrayList<>();

    Element(String keyword, String name, int line) {
      this.keyword = keyword;
      this.name = name;
      this.line = line;
    }
  }

  /** Reads the inside of a block up to its ']' (or the end of the file, at the top). */
  private void block(Element into, boolean top) throws DnaParseException {
    if (++depth > MAX_DEPTH) {
      throw new DnaParseException(source, into.line, "elements nested more than " + MAX_DEPTH
          + " deep");
    }
    while (true) {
      Token t = next();
      switch (t.kind()) {
        case END:
          if (!top) {
            throw new DnaParseException(source, into.line, "'" + into.keyword
                + "' opened here has no closing ']'");
          }
          depth--;
          return;
        case CLOSE:
          if (top) {
            throw new DnaParseException(source, t.line(), "unbalanced ']'");
          }
          depth--;
          return;
        case COMMA:
          break;
        case OPEN:
          throw new DnaParseException(source, t.line(), "'[' without a keyword before it");
        case WORD:
          if (peek().kind() == Kind.OPEN) {
            next();
            Element child = new Element(t.text(), null, t.line());
            block(child, false);
            into.children.add(child);
          } else if (peek().kind() == Kind.STRING && peek2().kind() == Kind.OPEN) {
            String name = next().text();
            next();
            Element child = new Element(t.text(), name, t.line());
            block(child, false);
            into.children.add(child);
          } else {
            into.values.add(t);
          }
          break;
        default:
          into.values.add(t);
      }
    }
  }

  // ---- what a server keeps --------------------------------------------------------------

  /** Walks the element tree, keeping visgroups, suit points and landmarks. */
  private static final class Extractor {
    final String source;
    final List<VisGroup> visGroups = new ArrayList<>();
    final Map<Integer, SuitPoint> points = new LinkedHashMap<>();
    final List<Landmark> landmarks = new ArrayList<>();
    private final Set<Integer> zonesSeen = new LinkedHashSet<>();

    Extractor(String source) {
      this.source = source;
    }

    void walk(Element e, int zone) throws DnaParseException {
      for (Element c : e.children) {
        switch (c.keyword) {
          case "store_suit_point" -> suitPoint(c);
          case "visgroup" -> visGroup(c);
          case "landmark_building" -> landmark(c, zone);
          default -> walk(c, zone);
        }
      }
    }

    private void visGroup(Element e) throws DnaParseException {
      int zone = zoneOf(e.name, e.line, "visgroup name");
      if (!zonesSeen.add(zone)) {
        throw new DnaParseException(source, e.line, "a second visgroup for zone " + zone);
      }
      Set<Integer> vis = new LinkedHashSet<>();
      List<SuitEdge> edges = new ArrayList<>();
      List<BattleCell> cells = new ArrayList<>();
      for (Element c : e.children) {
        switch (c.keyword) {
          case "vis" -> {
            for (Token t : c.values) {
              vis.add(zoneOf(t.text(), t.line(), "vis entry"));
            }
          }
          case "suit_edge" -> {
            double[] n = numbers(c, 2, 2);
            edges.add(new SuitEdge(whole(n[0], c.line), whole(n[1], c.line), zone));
          }
          case "battle_cell" -> {
            double[] n = numbers(c, 5, 5);
            cells.add(new BattleCell(n[0], n[1], new Position(n[2], n[3], n[4])));
          }
          default -> { }
        }
      }
      visGroups.add(new VisGroup(zone, e.name, vis, edges, cells));
      walk(e, zone);
    }

    private void suitPoint(Element e) throws DnaParseException {
      if (e.values.size() < 5 || e.values.get(1).kind() != Kind.WORD) {
        throw new DnaParseException(source, e.line,
            "store_suit_point needs [ index, TYPE, x y z ] or [ index, TYPE, x y z, block ]");
      }
      SuitPointType type;
      try {
        type = SuitPointType.valueOf(e.values.get(1).text());
      } catch (IllegalArgumentException ex) {
        throw new DnaParseException(source, e.line, "unknown suit point type '"
            + e.values.get(1).text() + "'");
      }
      List<Token> nums = new ArrayList<>(e.values);
      nums.remove(1);
      double[] n = numbers(e.line, nums, 4, 5);
      int index = whole(n[0], e.line);
      if (points.put(index, new SuitPoint(index, type, new Position(n[1], n[2], n[3]),
          n.length > 4 ? whole(n[4], e.line) : -1)) != null) {
        throw new DnaParseException(source, e.line, "suit point " + index + " stored twice");
      }
    }

    private void landmark(Element e, int zone) throws DnaParseException {
      String name = e.name == null ? "" : e.name;
      int colon = name.indexOf(':');
      String head = colon < 0 ? name : name.substring(0, colon);
      int block;
      try {
        // Street buildings are "tbN:…", playground ones "szN:…": two letters, then the block.
        block = head.length() > 2 && Character.isLetter(head.charAt(0))
            && Character.isLetter(head.charAt(1)) ? Integer.parseInt(head.substring(2)) : -1;
      } catch (NumberFormatException ex) {
        block = -1;
      }
      if (block < 0) {
        throw new DnaParseException(source, e.line, "landmark_building '" + name
            + "' has no block number (expected \"tbN:...\" or \"szN:...\")");
      }
      if (block > 99) {
        // Interiors are at branch + 500 + block: a larger block would fall into the next street.
        throw new DnaParseException(source, e.line, "landmark_building '" + name
            + "' has block " + block + "; blocks are 0 to 99");
      }
      String title = "";
      String type = "";
      Position position = Position.ORIGIN;
      double heading = 0;
      for (Element c : e.children) {
        switch (c.keyword) {
          case "title" -> title = firstString(c);
          case "building_type" -> type = firstString(c);
          case "pos" -> {
            double[] n = numbers(c, 3, 3);
            position = new Position(n[0], n[1], n[2]);
          }
          case "hpr", "nhpr" -> heading = numbers(c, 3, 3)[0];
          default -> { }
        }
      }
      landmarks.add(new Landmark(block, zone, title, type, position, heading));
    }

    private String firstString(Element e) {
      return e.values.isEmpty() ? "" : e.values.get(0).text();
    }

    private int zoneOf(String name, int line, String what) throws DnaParseException {
      String s = name == null ? "" : name;
      int colon = s.indexOf(':');
      String digits = colon < 0 ? s : s.substring(0, colon);
      try {
        int zone = Integer.parseInt(digits.strip());
        if (zone < 0 || zone > 0xFFFF) {
          throw new NumberFormatException();
        }
        return zone;
      } catch (NumberFormatException ex) {
        throw new DnaParseException(source, line, what + " '" + s
            + "' does not start with a zone number (0-65535)");
      }
    }

    /** An index, edge end or block: a whole number from 0 to 2^31 - 1. */
    private int whole(double v, int line) throws DnaParseException {
      if (v < 0 || v > Integer.MAX_VALUE || v != Math.rint(v)) {
        throw new DnaParseException(source, line, "expected a whole number from 0, got " + v);
      }
      return (int) v;
    }

    private double[] numbers(Element e, int min, int max) throws DnaParseException {
      return numbers(e.line, e.values, min, max);
    }

    private double[] numbers(int line, List<Token> tokens, int min, int max)
        throws DnaParseException {
      if (tokens.size() < min || tokens.size() > max) {
        throw new DnaParseException(source, line, "expected " + (min == max ? min
            : min + " to " + max) + " numbers, got " + tokens.size());
      }
      double[] out = new double[tokens.size()];
      for (int i = 0; i < out.length; i++) {
        Token t = tokens.get(i);
        try {
          out[i] = Double.parseDouble(t.text());
          // Java also reads NaN, Infinity, hex floats and 1d/1f suffixes: the format has none.
          if (!Double.isFinite(out[i]) || !t.text().matches("[-+]?[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?")) {
            throw new NumberFormatException();
          }
        } catch (NumberFormatException ex) {
          throw new DnaParseException(source, t.line(), "expected a number, got '" + t.text()
              + "'");
        }
      }
      return out;
    }
  }
}
