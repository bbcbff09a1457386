package org.openttserver.api.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipArchivesTest {
  @TempDir Path dir;

  @Test
  void extract_whenFilesAndAnEntryOutside_thenFilesUnpackedAndTheOutsiderSkipped()
      throws Exception {
    Path zip = dir.resolve("a.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : new String[] {"names.mv.db", "sub/x.txt", "../escape.txt"}) {
        out.putNextEntry(new ZipEntry(name));
        out.write(name.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    Path into = dir.resolve("out");

    ZipArchives.extract(zip, into);

    assertThat(into.resolve("names.mv.db")).hasContent("names.mv.db");
    assertThat(into.resolve("sub/x.txt")).hasContent("sub/x.txt");
    assertThat(dir.resolve("escape.txt")).doesNotExist();
  }
}
