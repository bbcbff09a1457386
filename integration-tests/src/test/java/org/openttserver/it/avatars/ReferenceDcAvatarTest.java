package org.openttserver.it.avatars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openttserver.it.avatars.AvatarCluster.CAT;
import static org.openttserver.it.avatars.AvatarCluster.await;
import static org.openttserver.it.avatars.AvatarCluster.create;
import static org.openttserver.it.avatars.AvatarCluster.list;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openttserver.api.dc.DcClass;
import org.openttserver.api.dc.DcFieldValue;
import org.openttserver.api.protocol.AvatarListResp;
import org.openttserver.api.protocol.GetAvatarDetailsResp;
import org.openttserver.api.protocol.SetAvatar;
import org.openttserver.api.protocol.SetWishNameClear;
import org.openttserver.api.service.AvatarDirectory.NameChange;
import org.openttserver.api.service.AvatarDirectory.NameState;
import org.openttserver.testclient.client.ScriptedClient;

/**
 * The server running the 2003 game's own toon.dc (../shared/reference; skipped when absent):
 * the details message parses field by field against the real DistributedToon with the DC's
 * defaults, and typed-name states, which that DC does not store, survive a restart in the
 * plugin's file.
 */
class ReferenceDcAvatarTest {
  @TempDir Path dir;

  @Test
  void referenceToonDc_detailsParseAgainstRealToon_andNameStatesSurviveRestart() {
    Assumptions.assumeTrue(Files.exists(AvatarCluster.REFERENCE_DC),
        "no ../shared/reference/toon.dc");
    String dc = AvatarCluster.REFERENCE_DC.toString();
    long id;
    try (AvatarCluster cluster = AvatarCluster.start(dir, dc, "");
        ScriptedClient c = cluster.login("Classic")) {
      id = create(c, CAT, 1);
      AvatarListResp.Avatar listed = list(c).avatars().get(0);
      assertThat(listed).isEqualTo(new AvatarListResp.Avatar(id, "Pink Cat", "", "", "", CAT, 1,
          true));

      c.send(new SetAvatar(id));
      GetAvatarDetailsResp d = c.expect(GetAvatarDetailsResp.class, AvatarCluster.SLOW);
      DcClass toon = cluster.toonClass();
      List<DcFieldValue> fields = d.fields(toon); // throws unless every byte fits
      assertThat(fields).hasSize(40);
      assertThat(fields.get(0).field().number2003()).isEqualTo(31);
      assertThat(fields.get(39).field().number2003()).isEqualTo(94);
      Map<String, List<Object>> v = fields.stream()
          .collect(Collectors.toMap(f -> f.field().name(), DcFieldValue::values));
      assertThat(v.get("setName")).containsExactly("Pink Cat");
      assertThat(v.get("setMaxBankMoney")).containsExactly(1000L);
      assertThat(v.get("setMaxMoney")).containsExactly(40L);
      assertThat(v.get("setHp")).containsExactly(15L);
      assertThat(v.get("setTrackAccess")).containsExactly(List.of(0L, 0L, 0L, 0L, 1L, 1L, 0L));
      assertThat(v.get("setTrackProgress")).containsExactly(-1L, 0L);
      assertThat(v.get("setDefaultZone")).containsExactly(2000L);
      assertThat(v.get("setAccountName")).containsExactly("Classic");
      assertThat(v.get("setPosIndex")).containsExactly(1L);
      assertThat(v.get("setQuestCarryLimit")).containsExactly(1L);
      // body size with the defaults: 453 bytes + name + DNA (toon-defaults.md)
      assertThat(d.fieldBytes().length).isEqualTo(453 + 2 + "Pink Cat".length() + 2 + 15);

      await(cluster.directory().updateName(id, new NameChange(null, NameState.APPROVED,
          "Duchess")));
      assertThat(list(c).avatars().get(0).approvedName()).isEqualTo("Duchess");
      c.send(new SetWishNameClear(id, 1));
      assertThat(list(c).avatars().get(0).name()).isEqualTo("Duchess");
    }
    try (AvatarCluster cluster = AvatarCluster.start(dir, dc, "");
        ScriptedClient c = cluster.login("Classic")) {
      assertThat(list(c).avatars()).containsExactly(new AvatarListResp.Avatar(id, "Duchess", "",
          "", "", CAT, 1, false));
      assertThat(await(cluster.directory().avatar(id)).orElseThrow().nameState())
          .isEqualTo(NameState.LOCKED);
    }
  }
}
