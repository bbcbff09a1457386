package org.openttserver.plugins.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openttserver.api.bridge.FieldValues;
import org.openttserver.api.bridge.ObjectEvent;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcDialect;
import org.openttserver.api.dc.DcFile;
import org.openttserver.api.dc.DcParser;
import org.openttserver.api.dc.DcSource;
import org.slf4j.LoggerFactory;

/** Zones an AI grants its toons: taken for a toon in the AI's district only, ended on leaving. */
class AiGrantsTest {
  static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  static final long DISTRICT = 200_000_001L;
  static final long AVATAR = 100_000_123L;
  static final long AI = 401_000;
  static final long OTHER_AI = 402_500;

  FakeWorld game = new FakeWorld();
  FakeSession session = new FakeSession(7);
  ZoneChanges zones;
  AiGrants grants;
  DcClass district;

  @BeforeEach
  void setUp() throws Exception {
    DcFile dc = DcParser.parse(List.of(
        DcSource.read(REPO.resolve("config/dc/demo-toon.dc"), DcDialect.DC_2003),
        DcSource.read(REPO.resolve("config/dc/openttserver.dc"), DcDialect.EXTENDED)));
    district = dc.dclass("OpenTTDistrict");
    game.avatars.put(session, AVATAR);
    zones = new ZoneChanges(Worlds.demo(), () -> Optional.of(game), () -> Optional.of(game),
        (a, d, z) -> CompletableFuture.completedFuture(null),
        LoggerFactory.getLogger(AiGrantsTest.class));
    grants = new AiGrants(zones, district, () -> Optional.of(game), () -> Optional.of(game),
        LoggerFactory.getLogger(AiGrantsTest.class));
    game.onLeave(grants::left);
  }

  private void fromAi(long doId, String field, long avatar, Long... zoneIds) {
    from(AI, doId, field, avatar, zoneIds);
  }

  private void from(long sender, long doId, String field, long avatar, Long... zoneIds) {
    grants.on(new ObjectEvent.FieldsChanged(5536, sender, doId,
        FieldValues.builder(district).set(field, avatar, List.of(zoneIds)).build()));
  }

  @Test
  void grant_toAToonInTheDistrict_letsItEnter_untilRevoked() {
    game.up(DISTRICT, AI);
    game.enterDistrict(session, DISTRICT);
    fromAi(DISTRICT, "grantZones", AVATAR, 61_000L, 61_001L);
    assertThat(zones.isGranted(AVATAR, 61_000)).isTrue();
    assertThat(zones.isGranted(AVATAR, 61_001)).isTrue();
    fromAi(DISTRICT, "grantZones", AVATAR, 61_000L); // again: still one grant
    fromAi(DISTRICT, "revokeZones", AVATAR, 61_000L);
    assertThat(zones.isGranted(AVATAR, 61_000)).isFalse();
    assertThat(zones.isGranted(AVATAR, 61_001)).isTrue();
  }

  @Test
  void grants_endWhenTheToonLeavesItsDistrict() {
    game.up(DISTRICT, AI);
    game.enterDistrict(session, DISTRICT);
    fromAi(DISTRICT, "grantZones", AVATAR, 61_000L);
    game.leaveDistrict(session);
    assertThat(zones.isGranted(AVATAR, 61_000)).isFalse();
    assertThat(grants.grantedTo(AVATAR)).isEmpty();
  }

  @Test
  void grant_forAToonElsewhere_orNoDistrict_orTheQuietZone_isIgnored() {
    game.up(DISTRICT, AI);
    game.up(DISTRICT + 1, AI);
    game.enterDistrict(session, DISTRICT);
    fromAi(DISTRICT + 1, "grantZones", AVATAR, 61_000L); // the toon is not in that district
    fromAi(999, "grantZones", AVATAR, 61_000L); // not a district
    fromAi(DISTRICT, "grantZones", AVATAR + 1, 61_000L); // a toon not in the world
    fromAi(DISTRICT, "grantZones", AVATAR, 1L, 2L); // not places
    assertThat(zones.isGranted(AVATAR, 61_000)).isFalse();
    assertThat(zones.isGranted(AVATAR + 1, 61_000)).isFalse();
    assertThat(grants.grantedTo(AVATAR)).isEmpty();
  }

  @Test
  void grant_fromAnyoneButTheDistrictsAi_isIgnored() {
    game.up(DISTRICT, AI);
    game.up(DISTRICT + 1, OTHER_AI);
    game.up(DISTRICT + 2, 0); // its AI channel not read yet
    game.enterDistrict(session, DISTRICT);
    from(OTHER_AI, DISTRICT, "grantZones", AVATAR, 61_000L); // another district's AI
    from(77_000, DISTRICT, "grantZones", AVATAR, 61_000L); // some participant
    assertThat(grants.grantedTo(AVATAR)).isEmpty();
    game.enterDistrict(session, DISTRICT + 2);
    from(0, DISTRICT + 2, "grantZones", AVATAR, 61_000L);
    from(AI, DISTRICT + 2, "grantZones", AVATAR, 61_000L);
    assertThat(zones.isGranted(AVATAR, 61_000)).isFalse();
    assertThat(grants.grantedTo(AVATAR)).isEmpty();
  }

  @Test
  void revoke_onlyFromTheAiOfTheDistrictThatGranted() {
    game.up(DISTRICT, AI);
    game.up(DISTRICT + 1, OTHER_AI);
    game.enterDistrict(session, DISTRICT);
    fromAi(DISTRICT, "grantZones", AVATAR, 61_000L);
    from(OTHER_AI, DISTRICT + 1, "revokeZones", AVATAR, 61_000L); // its own district: none held
    from(OTHER_AI, DISTRICT, "revokeZones", AVATAR, 61_000L); // naming the granting district
    from(77_000, DISTRICT, "revokeZones", AVATAR, 61_000L);
    assertThat(zones.isGranted(AVATAR, 61_000)).isTrue();
    fromAi(DISTRICT, "revokeZones", AVATAR, 61_000L);
    assertThat(zones.isGranted(AVATAR, 61_000)).isFalse();
  }
}
