package org.openttserver.api.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a Panda3D multifile ({@code phase_N.mf}), the archive the 2003 client keeps its files in,
 * so the server can take {@code toon.dc}, {@code NameMasterEnglish.txt} and the DNA files
 * straight from a user's client.
 *
 * <p>The format (all numbers little-endian): optional lines starting with {@code #}; the magic
 * {@code "pmf\0\n\r"}; i16 major version (1), i16 minor version (0 in 2003, 1 from 2006, which
 * adds timestamps), u32 scale factor, [u32 timestamp]. Then a chain of index entries, each: u32
 * address of the next entry (0 ends the chain), u32 data address, u32 data length, u16 flags,
 * [u32 uncompressed length, if compressed or encrypted], [u32 timestamp, from 1.1], u16 name
 * length, the name with every byte inverted. Addresses are multiplied by the scale factor.
 * Flags: 0x01 deleted, 0x08 zlib-compressed, 0x10 encrypted, 0x20 signature. Encrypted entries
 * cannot be read here (the 2003 phase files are not encrypted); signatures are skipped.
 *
 * <pre>{@code
 * try (Multifile mf = Multifile.open(Path.of("phase_3.mf"))) {
 *   Optional<byte[]> dc = mf.read("phase_3/etc/toon.dc");
 * }
 * }</pre>
 *
 * @since 0.2
 */
public final class Multifile implements AutoCloseable {
  private static final byte[] MAGIC = {'p', 'm', 'f', 0, '\n', '\r'};
  private static final int DELETED = 0x01;
  private static final int COMPRESSED = 0x08;
  private static final int ENCRYPTED = 0x10;
  private static final int SIGNATURE = 0x20;
  /**
   * Larger entries are refused rather than read into memory: the files the server reads (the DC
   * file, the name list, DNA scenes) are well under a megabyte.
   */
  static final long MAX_ENTRY = 32L * 1024 * 1024;

  private final Path path;
  private final FileChannel file;
  private final Map<String, Entry> entries;

  private record Entry(String name, long start, long length, int flags, long uncompressed) {}

  private Multifile(Path path, FileChannel file, Map<String, Entry> entries) {
    this.path = path;
    this.file = file;
    this.entries = entries;
  }

  /**
   * Opens a multifile and reads its index.
   *
   * @param path the file
   * @return the open multifile; close it
   * @throws IOException if it cannot be read or is not a valid multifile (the message says why)
   */
  public static Multifile open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new Multifile(path, ch, readIndex(path, ch));
    } catch (IOException e) {
      ch.close();
      throw e;
    } catch (RuntimeException e) { // a damaged index the checks below did not foresee
      ch.close();
      throw bad(path, "damaged index: " + e);
    }
  }

  private static Map<String, Entry> readIndex(Path path, FileChannel ch) throws IOException {
    long size = ch.size();
    long pos = 0;
    // Optional '#' lines (a runnable archive's prefix).
    while (pos < size && read(ch, pos, 1).get() == '#') {
      while (pos < size && read(ch, pos, 1).get() != '\n') {
        pos++;
      }
      while (pos < size && Character.isWhitespace(read(ch, pos, 1).get())) {
        pos++;
      }
    }
    ByteBuffer head = read(ch, pos, 14);
    if (head.remaining() < 14) {
      throw bad(path, "too short for a multifile header");
    }
    byte[] magic = new byte[6];
    head.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw bad(path, "not a Panda3D multifile (no 'pmf' header)");
    }
    int major = head.getShort();
    int minor = head.getShort();
    long scale = Integer.toUnsignedLong(head.getInt());
    if (major != 1 || minor > 1) {
      throw bad(path, "multifile version " + major + "." + minor + " (this reader knows 1.0 and 1.1)");
    }
    if (scale == 0) {
      throw bad(path, "scale factor 0");
    }
    long index = pos + 14 + (minor >= 1 ? 4 : 0);
    index = (index + scale - 1) / scale * scale;
    Map<String, Entry> out = new LinkedHashMap<>();
    int guard = 0;
    while (true) {
      ByteBuffer b = read(ch, index, 4);
      if (b.remaining() < 4) {
        throw bad(path, "index entry at " + index + " is cut off");
      }
      long next = Math.multiplyExact(Integer.toUnsignedLong(b.getInt()), scale);
      if (next == 0) {
        return Collections.unmodifiableMap(out);
      }
      ByteBuffer e = read(ch, index + 4, 4 + 4 + 2 + 4 + 4 + 2);
      if (e.remaining() < 10) {
        throw bad(path, "index entry at " + index + " is cut off");
      }
      long start = Math.multiplyExact(Integer.toUnsignedLong(e.getInt()), scale);
      long length = Integer.toUnsignedLong(e.getInt());
      int flags = e.getShort() & 0xFFFF;
      int needed = 10 + ((flags & (COMPRESSED | ENCRYPTED)) != 0 ? 4 : 0) + (minor >= 1 ? 4 : 0);
      if (e.remaining() + 10 < needed) {
        throw bad(path, "index entry at " + index + " is cut off");
      }
      int at = 10;
      long uncompressed = length;
      if ((flags & (COMPRESSED | ENCRYPTED)) != 0) {
        uncompressed = Integer.toUnsignedLong(e.getInt(at));
        at += 4;
      }
      if (minor >= 1) {
        at += 4;
      }
      ByteBuffer n = read(ch, index + 4 + at, 2);
      if (n.remaining() < 2) {
        throw bad(path, "index entry at " + index + " is cut off");
      }
      int nameLength = n.getShort() & 0xFFFF;
      ByteBuffer nb = read(ch, index + 4 + at + 2, nameLength);
      if (nb.remaining() < nameLength) {
        throw bad(path, "index entry at " + index + " is cut off");
      }
      byte[] name = new byte[nameLength];
      nb.get(name);
      for (int i = 0; i < name.length; i++) {
        name[i] = (byte) ~name[i];
      }
      boolean readable = (flags & (DELETED | SIGNATURE)) == 0;
      if (readable && Math.addExact(start, length) > size) {
        throw bad(path, "entry '" + new String(name, StandardCharsets.ISO_8859_1)
            + "' runs past the end of the file");
      }
      if (readable) {
        String s = new String(name, StandardCharsets.ISO_8859_1);
        out.put(s, new Entry(s, start, length, flags, uncompressed));
      }
      if (next <= index || ++guard > 1_000_000) {
        throw bad(path, "index chain does not move forward at " + index);
      }
      index = next;
    }
  }

  private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      int r = ch.read(b, pos + b.position());
      if (r < 0) {
        break;
      }
    }
    return b.flip();
  }

  private static IOException bad(Path path, String why) {
    return new IOException(path + ": " + why);
  }

  /** {@return the names of the readable entries, in index order} */
  public List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /**
   * Reads one entry, decompressing it if needed.
   *
   * @param name the entry's name as stored (e.g. {@code phase_3/etc/toon.dc})
   * @return its bytes, or empty if there is no such entry
   * @throws IOException if it cannot be read (truncated, encrypted, bad compressed data)
   */
  public Optional<byte[]> read(String name) throws IOException {
    Entry e = entries.get(name);
    if (e == null) {
      return Optional.empty();
    }
    if ((e.flags() & ENCRYPTED) != 0) {
      throw bad(path, "entry '" + name + "' is encrypted; extract it with the client's tools");
    }
    if (e.length() > MAX_ENTRY || e.uncompressed() > MAX_ENTRY) {
      throw bad(path, "entry '" + name + "' is larger than " + MAX_ENTRY + " bytes");
    }
    ByteBuffer raw = read(file, e.start(), (int) e.length());
    byte[] data = new byte[raw.remaining()];
    raw.get(data);
    if ((e.flags() & COMPRESSED) == 0) {
      return Optional.of(data);
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      // Grown as the data inflates: the header's length is only a claim until the data agrees.
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(
          (int) Math.min(e.uncompressed(), 64 * 1024));
      byte[] chunk = new byte[64 * 1024];
      while (!inflater.finished()) {
        int r = inflater.inflate(chunk);
        if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(chunk, 0, r);
        if (out.size() > e.uncompressed()) {
          throw bad(path, "entry '" + name + "' inflates past the " + e.uncompressed()
              + " bytes its index gives");
        }
      }
      if (!inflater.finished() || out.size() != e.uncompressed()) {
        throw bad(path, "entry '" + name + "' decompressed to " + out.size() + " of "
            + e.uncompressed() + " bytes");
      }
      return Optional.of(out.toByteArray());
    } catch (DataFormatException ex) {
      throw bad(path, "entry '" + name + "' has bad compressed data: " + ex.getMessage());
    } finally {
      inflater.end();
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
