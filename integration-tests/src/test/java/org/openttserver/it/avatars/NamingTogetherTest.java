package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.avatars.AvatarCluster.await;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.SetNamePattern;
import org.openttserver.api.protocol.SetNamePatternAnswer;
import org.openttserver.api.protocol.SetWishName;
import org.openttserver.api.protocol.SetWishNameClear;
import org.openttserver.api.protocol.SetWishNameResp;
import org.openttserver.api.service.NameReview;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * The built-in avatars and names plugins together, as a 2003 client meets them: a picked name and
 * a typed name reviewed and acknowledged, each seen in the avatar list (names from our demo list
 * in config/names/).
 */
class NamingTogetherTest {
  @TempDir static Path dir;
  static AvatarCluster cluster;

  @BeforeAll
  static void start() {
    cluster = AvatarCluster.start(dir, "config/dc/demo-toon.dc", "");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static AvatarListResp.Avatar entry(ScriptedClient c, long avatarId) {
    return AvatarCluster.list(c).avatars().stream().filter(a -> a.avatarId() == avatarId)
        .findFirst().orElseThrow();
  }

  @Test
  void pickedName_whenAccepted_thenTheToonsFinalNameInTheAvatarList() {
    try (ScriptedClient c = cluster.login("Picker")) {
      long dog = AvatarCluster.create(c, AvatarCluster.DOG, 1);
      // Demo list: 10 is the boy first name "Bartok"; no title, no last name.
      c.send(new SetNamePattern(dog, List.of(new SetNamePattern.Part(0xFFFF, 1),
          new SetNamePattern.Part(10, 1), new SetNamePattern.Part(0xFFFF, 1),
          new SetNamePattern.Part(0xFFFF, 0))));
      assertThat(c.expect(SetNamePatternAnswer.class).returnCode()).isZero();

      AvatarListResp.Avatar e = entry(c, dog);
      assertThat(e.name()).isEqualTo("Bartok");
      assertThat(e.allowedName()).as("named: no more naming").isFalse();
    }
  }

  @Test
  void typedName_whenApprovedAndAcknowledged_thenPendingApprovedAndFinalInTurn() {
    try (ScriptedClient c = cluster.login("Typer")) {
      long cat = AvatarCluster.create(c, AvatarCluster.CAT, 0);
      c.send(new SetWishName(cat, "Whiskerly"));
      assertThat(c.expect(SetWishNameResp.class)).isEqualTo(
          SetWishNameResp.pending(cat, "Whiskerly"));
      assertThat(entry(c, cat).wishName()).isEqualTo("Whiskerly");
      assertThat(entry(c, cat).name()).as("temporary name while pending").isEqualTo("Pink Cat");

      NameReview review = cluster.server.plugins().service(NameReview.class).orElseThrow();
      assertThat(await(review.pending())).extracting(NameReview.PendingName::avatarId)
          .contains(cat);
      assertThat(await(review.approve(cat))).isTrue();
      assertThat(entry(c, cat).approvedName()).isEqualTo("Whiskerly");

      c.send(new SetWishNameClear(cat, 1));
      c.expectNone();
      AvatarListResp.Avatar e = entry(c, cat);
      assertThat(e.name()).isEqualTo("Whiskerly");
      assertThat(e.approvedName()).isEmpty();
      assertThat(e.allowedName()).isFalse();
    }
  }
}
