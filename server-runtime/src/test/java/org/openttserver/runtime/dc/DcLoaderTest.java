package org.openttserver.runtime.dc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.runtime.testing.TestServers;

/** Where the client's DC file is found when the configured path is missing. */
class DcLoaderTest {
  private static final Path DEMO = TestServers.REPO.resolve("config/dc/demo-toon.dc");
  private static final Path OURS = TestServers.REPO.resolve("config/dc/openttserver.dc");

  @TempDir Path etc;

  @Test
  void load_whenToonDcOnlyInThePhaseTree_thenReadFromThereWithTheSameHash() throws Exception {
    Path tree = etc.resolve("phase_3/etc/toon.dc");
    Files.createDirectories(tree.getParent());
    Files.copy(DEMO, tree);
    long expected = DcLoader.load(List.of(DEMO, OURS), null, Path.of("t.yml")).clientHash();

    DcLoader.Loaded loaded = DcLoader.load(List.of(etc.resolve("toon.dc"), OURS), null,
        Path.of("t.yml"));

    assertThat(loaded.paths().get(0)).isEqualTo(tree);
    assertThat(loaded.clientHash()).isEqualTo(expected);
  }

  @Test
  void load_whenToonDcNowhere_thenTheFallback() {
    DcLoader.Loaded loaded = DcLoader.load(List.of(etc.resolve("toon.dc"), OURS), DEMO,
        Path.of("t.yml"));

    assertThat(loaded.paths().get(0)).isEqualTo(DEMO);
  }
}
