package org.openttserver.it.journey;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TutorialAndEstateTest} on the game's own toon.dc from ../shared/reference (skipped when
 * it is absent): the same objects with the 2003 file's class and field numbers.
 */
class TutorialAndEstateReferenceTest extends TutorialAndEstateTest {
  static final Path TOON_DC = JourneyTest.REFERENCE.resolve("toon.dc");

  @Override
  String dcFile() {
    return TOON_DC.toString();
  }

  @BeforeAll
  @Override
  void start(@TempDir Path dir) {
    assumeTrue(Files.isRegularFile(TOON_DC), "../shared/reference has no toon.dc");
    super.start(dir);
  }
}
