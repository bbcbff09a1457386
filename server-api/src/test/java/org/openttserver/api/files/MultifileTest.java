package org.openttserver.api.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dna.DnaWorld;

/** Multifiles written by the test in Panda's layout (versions 1.0 and 1.1, stored and zlib). */
class MultifileTest {
  @TempDir Path dir;

  /** One entry to write. */
  record In(String name, byte[] data, int flags) {
    static In stored(String name, String text) {
      return new In(name, text.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    static In compressed(String name, String text) {
      return new In(name, text.getBytes(StandardCharsets.ISO_8859_1), 0x08);
    }
  }

  /** Writes a multifile: header, a chain of index entries, then the data. */
  static byte[] multifile(int minor, String prefix, List<In> entries) {
    List<byte[]> payloads = new ArrayList<>();
    for (In e : entries) {
      if ((e.flags() & 0x08) != 0) {
        Deflater d = new Deflater();
        d.setInput(e.data());
        d.finish();
        byte[] buf = new byte[e.data().length + 64];
        int n = d.deflate(buf);
        d.end();
        payloads.add(java.util.Arrays.copyOf(buf, n));
      } else {
        payloads.add(e.data());
      }
    }
    int header = prefix.length() + 6 + 2 + 2 + 4 + (minor >= 1 ? 4 : 0);
    List<Integer> indexSizes = new ArrayList<>();
    int indexTotal = 0;
    for (In e : entries) {
      int size = 4 + 4 + 4 + 2 + ((e.flags() & 0x18) != 0 ? 4 : 0) + (minor >= 1 ? 4 : 0) + 2
          + e.name().length();
      indexSizes.add(size);
      indexTotal += size;
    }
    indexTotal += 4; // the terminating 0
    ByteBuffer b = ByteBuffer.allocate(header + indexTotal
        + payloads.stream().mapToInt(p -> p.length).sum()).order(ByteOrder.LITTLE_ENDIAN);
    b.put(prefix.getBytes(StandardCharsets.US_ASCII));
    b.put(new byte[] {'p', 'm', 'f', 0, '\n', '\r'}).putShort((short) 1).putShort((short) minor)
        .putInt(1);
    if (minor >= 1) {
      b.putInt(1_000_000);
    }
    int index = header;
    int data = header + indexTotal;
    for (int i = 0; i < entries.size(); i++) {
      In e = entries.get(i);
      int next = index + indexSizes.get(i);
      b.putInt(next).putInt(data).putInt(payloads.get(i).length).putShort((short) e.flags());
      if ((e.flags() & 0x18) != 0) {
        b.putInt(e.data().length);
      }
      if (minor >= 1) {
        b.putInt(1_000_000);
      }
      b.putShort((short) e.name().length());
      for (byte c : e.name().getBytes(StandardCharsets.ISO_8859_1)) {
        b.put((byte) ~c);
      }
      index = next;
      data += payloads.get(i).length;
    }
    b.putInt(0);
    payloads.forEach(b::put);
    return b.array();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  @Test
  void read_whenVersion10StoredAndCompressed_thenBothEntriesBack() throws Exception {
    String big = "dclass DistributedToon {\n".repeat(500);
    Path mf = write("phase_3.mf", multifile(0, "", List.of(
        In.stored("phase_3/etc/NameMasterEnglish.txt", "1*0*Sir\n"),
        In.compressed("phase_3/etc/toon.dc", big))));

    try (Multifile m = Multifile.open(mf)) {
      assertThat(m.names()).containsExactly("phase_3/etc/NameMasterEnglish.txt",
          "phase_3/etc/toon.dc");
      assertThat(new String(m.read("phase_3/etc/toon.dc").orElseThrow(),
          StandardCharsets.ISO_8859_1)).isEqualTo(big);
      assertThat(m.read("phase_3/etc/NameMasterEnglish.txt").orElseThrow())
          .asString(StandardCharsets.ISO_8859_1).isEqualTo("1*0*Sir\n");
      assertThat(m.read("phase_3/etc/missing.txt")).isEmpty();
    }
  }

  @Test
  void read_whenVersion11WithHashPrefixAndDeletedEntry_thenDeletedOneHidden() throws Exception {
    Path mf = write("phase_5.mf", multifile(1, "#!/usr/bin/env panda\n\n", List.of(
        new In("phase_5/dna/old.dna", new byte[] {1, 2}, 0x01),
        In.compressed("phase_5/dna/toontown_central_2100.dna", "group \"g\" [ ]\n"))));

    try (Multifile m = Multifile.open(mf)) {
      assertThat(m.names()).containsExactly("phase_5/dna/toontown_central_2100.dna");
      assertThat(m.read("phase_5/dna/old.dna")).isEmpty();
    }
  }

  @Test
  void open_whenNotAMultifileOrCutOff_thenIoExceptionSayingWhy() throws Exception {
    Path junk = write("junk.mf", "hello, this is text".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Multifile.open(junk)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a Panda3D multifile");

    byte[] whole = multifile(0, "", List.of(In.stored("phase_3/a.txt", "abc")));
    Path cut = write("cut.mf", java.util.Arrays.copyOf(whole, 24));
    assertThatThrownBy(() -> Multifile.open(cut)).isInstanceOf(IOException.class)
        .hasMessageContaining("cut off");

    Path v2 = write("v2.mf", whole.clone());
    byte[] b = Files.readAllBytes(v2);
    b[6] = 2;
    Files.write(v2, b);
    assertThatThrownBy(() -> Multifile.open(v2)).hasMessageContaining("version 2.0");
  }

  @Test
  void open_whenACompressedEntryIsCutOffInItsIndex_thenIoExceptionNotACrash() throws Exception {
    byte[] whole = multifile(0, "", List.of(In.compressed("phase_3/a.txt", "abc")));
    // Header 14 bytes; the entry needs 4 + 14 + 4 + 2 + 13 bytes: keep 4 + 10 + 2 of them.
    for (int keep = 14 + 4 + 10; keep < 14 + 4 + 14; keep++) {
      Path cut = write("cut" + keep + ".mf", java.util.Arrays.copyOf(whole, keep));
      assertThatThrownBy(() -> Multifile.open(cut)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void read_whenTheIndexClaimsAHugeEntry_thenIoExceptionWithoutAllocatingIt() throws Exception {
    Path mf = write("phase_7.mf", multifile(0, "", List.of(
        In.compressed("phase_7/big.txt", "small"))));
    byte[] b = Files.readAllBytes(mf);
    // The uncompressed length sits after next, start, length and flags of the first entry.
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(14 + 4 + 4 + 4 + 2, 30 << 20);
    Files.write(mf, b);
    try (Multifile m = Multifile.open(mf)) {
      assertThatThrownBy(() -> m.read("phase_7/big.txt")).isInstanceOf(IOException.class)
          .hasMessageContaining("decompressed to 5 of 31457280 bytes");
    }
  }

  @Test
  void read_whenEncryptedOrCorrupt_thenIoExceptionNamingTheEntry() throws Exception {
    Path mf = write("phase_4.mf", multifile(0, "", List.of(
        new In("phase_4/secret.txt", "xxxx".getBytes(StandardCharsets.US_ASCII), 0x10))));
    try (Multifile m = Multifile.open(mf)) {
      assertThatThrownBy(() -> m.read("phase_4/secret.txt")).isInstanceOf(IOException.class)
          .hasMessageContaining("'phase_4/secret.txt' is encrypted");
    }
    // A compressed entry whose bytes are overwritten with garbage.
    Path bad = write("phase_6.mf", multifile(0, "", List.of(
        new In("phase_6/broken.txt", "not zlib".getBytes(StandardCharsets.US_ASCII), 0x08))));
    byte[] raw = Files.readAllBytes(bad);
    int dataAt = raw.length - 16;
    for (int i = dataAt; i < raw.length; i++) {
      raw[i] = (byte) 0x55;
    }
    Files.write(bad, raw);
    try (Multifile m = Multifile.open(bad)) {
      assertThatThrownBy(() -> m.read("phase_6/broken.txt")).isInstanceOf(IOException.class)
          .hasMessageContaining("'phase_6/broken.txt'");
    }
  }

  @Test
  void clientFiles_whenFlatPhaseTreeOrMultifile_thenFoundInThatOrder() throws Exception {
    Path etc = dir.resolve("etc");
    write("etc/phase_3.mf", multifile(0, "", List.of(
        In.compressed("phase_3/etc/toon.dc", "from the multifile"),
        In.stored("etc/NameMasterEnglish.txt", "stored without the phase"))));

    ClientFiles.Found dc = ClientFiles.find(List.of(etc), "phase_3/etc/toon.dc").orElseThrow();
    assertThat(dc.origin()).endsWith("phase_3.mf:phase_3/etc/toon.dc");
    assertThat(new String(dc.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("from the multifile");
    assertThat(ClientFiles.find(List.of(etc), "phase_3/etc/NameMasterEnglish.txt").orElseThrow()
        .origin()).endsWith("phase_3.mf:etc/NameMasterEnglish.txt");

    write("etc/phase_3/etc/toon.dc", "from the phase tree".getBytes(StandardCharsets.US_ASCII));
    assertThat(ClientFiles.find(List.of(etc), "phase_3/etc/toon.dc").orElseThrow().bytes())
        .asString(StandardCharsets.US_ASCII).isEqualTo("from the phase tree");
    write("etc/toon.dc", "flat".getBytes(StandardCharsets.US_ASCII));
    assertThat(ClientFiles.find(List.of(etc), "phase_3/etc/toon.dc").orElseThrow().bytes())
        .asString(StandardCharsets.US_ASCII).isEqualTo("flat");
    assertThat(ClientFiles.find(List.of(etc), "phase_9/etc/none.txt")).isEmpty();
  }

  @Test
  void dnaWorld_whenStreetOnlyInsideItsMultifile_thenLoaded() throws Exception {
    String street;
    try (InputStream in = DnaWorld.class.getResourceAsStream(
        "/org/openttserver/api/dna/street_2100.dna")) {
      street = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    Path etc = dir.resolve("etc");
    write("etc/phase_5.mf", multifile(0, "", List.of(
        In.compressed("phase_5/dna/toontown_central_2100.dna", street))));

    DnaWorld world = DnaWorld.load(List.of(etc), s -> { });

    assertThat(world.streets()).containsOnlyKeys(2100);
    assertThat(world.visibleZones(2101)).containsExactly(2101, 2102, 2100);
  }
}
