package org.openttserver.it.avatars;

import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;

/**
 * {@link NameStateRaceTest} with the reference toon.dc, whose toons do not store their name
 * states: the avatars plugin keeps them in its state file (skipped when ../shared/reference is
 * absent).
 */
class NameStateRaceReferenceDcTest extends NameStateRaceTest {
  @Override
  String toonDc() {
    Assumptions.assumeTrue(Files.exists(AvatarCluster.REFERENCE_DC),
        "no reference toon.dc in ../shared/reference");
    return AvatarCluster.REFERENCE_DC.toString();
  }
}
