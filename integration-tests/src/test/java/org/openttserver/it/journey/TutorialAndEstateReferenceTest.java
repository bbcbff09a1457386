package org.openttserver.it.journey;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TutorialAndEstateTest} on the game's own toon.dc from ../shared/reference (skipped when
 * it is absent): the same objects with the 2003 file's class and field numbers. Left out here, to
 * keep the suite short: the visit (its objects are those of the owner's estate, which the
 * disconnect test generates on this file too; its waits are the owner-left grace periods) and
 * the HQ detour (two more door trips; its room and Harry have the same fields in both files).
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

  @Override
  boolean visitHq() {
    return false;
  }

  /** Not run on this file (see the class comment). */
  @Override
  void goHome_aFriendVisits_aStrangerIsTurnedAway_theOwnerLeaves() {
  }
}
